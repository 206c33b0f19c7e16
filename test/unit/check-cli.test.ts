// `webrun-desk check` runs the worker's quick_check now and records it where the app shows it.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { checkCommand } from '../../src-main/cli/check-command';
import { IntegrityMonitor } from '../../src-main/core/integrity/integrity-monitor';
import { runIntegrityCheck } from '../../src-main/core/integrity/run-check';
import { openStore } from '../../src-main/core/store/open-store';
import { SettingsStore } from '../../src-main/core/settings/settings-store';
import { tempDir } from '../helpers/temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => {
  vi.restoreAllMocks();
  t.cleanup();
});

it('prints ok, exits 0, and the app then shows the check as done', async () => {
  const path = join(t.dir, 'c.db');
  openStore(path).db.close();
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  expect(await checkCommand(['--db', path])).toBe(0);
  expect(out).toMatch(/^History database .*c\.db: ok \(quick_check in \d+ ms\)\n$/);
  const { db } = openStore(path);
  const status = new IntegrityMonitor({
    settings: new SettingsStore(db),
    check: () => runIntegrityCheck(path),
    idle: () => true,
  }).status();
  expect(status).toMatchObject({ state: 'ok', running: false, due: null });
  expect(status.lastCheckAt).toEqual(expect.any(Number));
  db.close();
});
