// A patch names only what it changes. Zod 4 fills a `.default()` even inside `.partial()`, so a
// patch built that way turned { runner: { concurrency: 1 } } into every runner setting at its
// default: the queue unpaused itself and a daily cap cleared the monthly one.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BackendSettings,
  McpSettings,
  McpSettingsPatch,
  SettingsPatch,
} from '../../src-main/contract/index';
import { LiveSettings } from '../../src-main/core/settings/live-settings';
import { openStore } from '../../src-main/core/store/open-store';
import { SettingsStore } from '../../src-main/core/settings/settings-store';
import { tempDir } from '../helpers/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('settings patches', () => {
  it('parse to only the fields they name', () => {
    expect(SettingsPatch.parse({ runner: { concurrency: 1 } })).toEqual({
      runner: { concurrency: 1 },
    });
    expect(SettingsPatch.parse({ budget: { dailyCap: 2 } })).toEqual({ budget: { dailyCap: 2 } });
    expect(SettingsPatch.parse({ backend: { generation: 'gen1' } })).toEqual({
      backend: { generation: 'gen1' },
    });
    expect(McpSettingsPatch.parse({ maxCostPerCall: 3 })).toEqual({ maxCostPerCall: 3 });
  });

  it('still check the values and refuse unknown fields', () => {
    expect(() => SettingsPatch.parse({ runner: { concurrency: 0 } })).toThrow();
    expect(() => SettingsPatch.parse({ runner: { concurency: 2 } })).toThrow();
    expect(() => McpSettingsPatch.parse({ enabled: 'yes' })).toThrow();
    expect(() => McpSettingsPatch.parse({ other: true })).toThrow();
    expect(McpSettings.parse({})).toEqual({
      enabled: true,
      maxCostPerCall: 1,
      requireApproval: false,
      callWaitSeconds: 50,
      keepRunningOnCancel: false,
    });
    // Below the 60 s many clients give up after, and never so short that nothing can finish.
    expect(() => McpSettingsPatch.parse({ callWaitSeconds: 2 })).toThrow();
  });

  it('keep a paused queue paused and the other cap when one setting changes', () => {
    const { db } = openStore(join(dir, 'h.db'));
    const store = new SettingsStore(db);
    const live = new LiveSettings({
      store,
      startedWith: store.get('backend', BackendSettings),
      keyChanged: () => false,
    });
    live.update(
      SettingsPatch.parse({
        runner: { queuePaused: true, pollIntervalMs: 3_000 },
        budget: { monthlyCap: 50 },
      }),
    );
    const next = live.update(
      SettingsPatch.parse({ runner: { concurrency: 1 }, budget: { dailyCap: 2 } }),
    );
    expect(next.runner).toMatchObject({ concurrency: 1, queuePaused: true, pollIntervalMs: 3_000 });
    expect(next.budget).toMatchObject({ dailyCap: 2, monthlyCap: 50 });
    db.close();
  });
});
