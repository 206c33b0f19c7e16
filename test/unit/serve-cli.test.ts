// `webrun-desk serve` stops cleanly on a signal sent the moment its URL appears: the handlers
// are in place before the URL is printed. A bench that stopped serve on reading the URL found
// the process killed by SIGTERM's default action, and the next start reporting an unclean
// shutdown (a database check out of turn).
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { serveCommand } from '../../src-main/cli/serve-command';
import { openStore } from '../../src-main/core/store/open-store';
import { tempDir } from '../helpers/temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir();
  vi.stubEnv('WEBRUN_API_KEY', '');
  vi.stubEnv('WEBRUN_SANDBOX_TIME_SCALE', '0.01');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  t.cleanup();
});

it('listens for SIGINT and SIGTERM before it prints its URL, and a SIGTERM then closes cleanly', async () => {
  const path = join(t.dir, 'serve.db');
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const atUrl: Record<string, number> = {};
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    if (/Open: http/.test(String(chunk)))
      for (const signal of ['SIGINT', 'SIGTERM'] as const)
        atUrl[signal] = process.listenerCount(signal) - before[signal].length;
    return true;
  });
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  expect(await serveCommand(['--db', path, '--port', '0'], () => {})).toBeNull();
  expect(out).toMatch(/Open: http:\/\/127\.0\.0\.1:\d+\/\?token=\w+\n$/);
  expect(atUrl).toEqual({ SIGINT: 1, SIGTERM: 1 });

  // What the signal would run: the server and the desk close, then the process exits 0.
  const onTerm = process.listeners('SIGTERM').find((l) => !before.SIGTERM.includes(l))!;
  const onInt = process.listeners('SIGINT').find((l) => !before.SIGINT.includes(l))!;
  process.removeListener('SIGINT', onInt);
  process.removeListener('SIGTERM', onTerm);
  onTerm('SIGTERM');
  await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 10_000 });
  // A clean close is recorded: the next start does not report an unclean shutdown.
  const { db } = openStore(path);
  const row = db.prepare("SELECT value FROM settings WHERE key = 'integrity'").get() as {
    value: string;
  };
  db.close();
  expect(JSON.parse(row.value)).toMatchObject({ openSince: null, afterUncleanShutdown: false });
});
