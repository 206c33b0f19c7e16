// A setting saved before a bound existed (a 30-day question timeout, issue 31) falls back to its
// default alone: the other settings of its group (a paused queue, concurrency) are kept.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunnerSettings } from '../../src-main/contract/settings';
import { openStore } from '../../src-main/core/store/open-store';
import { SettingsStore } from '../../src-main/core/settings/settings-store';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-settings-');
afterAll(() => t.cleanup());

describe('SettingsStore', () => {
  it('drops only the field that no longer passes its bound', () => {
    const { db } = openStore(join(t.dir, 'h.db'));
    const settings = new SettingsStore(db);
    settings.set('runner', {
      concurrency: 7,
      queuePaused: true,
      guardrailTimeoutMs: 2_592_000_000,
    });
    const runner = settings.get('runner', RunnerSettings);
    expect(runner).toMatchObject({ concurrency: 7, queuePaused: true, guardrailTimeoutMs: null });
    db.close();
  });

  it('reads defaults from a value that is not an object at all', () => {
    const { db } = openStore(join(t.dir, 'h.db'));
    const settings = new SettingsStore(db);
    settings.set('runner', 'garbage');
    expect(settings.get('runner', RunnerSettings)).toEqual(RunnerSettings.parse({}));
    db.close();
  });
});
