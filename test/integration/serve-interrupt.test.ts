// Issue 22: Ctrl+C on `npm start` is a clean shutdown. Under `npm start` the signal arrives
// twice (the terminal signals the whole process group, and scripts/start.mjs forwards it to
// `serve`); the second one used to find no handler and kill the close midway, so the next
// start said "The app did not close cleanly last time" and checked the database.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/closed-port';
import { tempDir } from '../helpers/temp';
import { BIN, deskEnv } from './mcp-helpers';

const t = tempDir('webrun-serve-interrupt-');
afterAll(() => t.cleanup());

describe('serve under a doubled Ctrl+C', () => {
  it('closes cleanly (exit 0, the history marked closed) when a second SIGINT comes during the close', async () => {
    const db = join(t.dir, 'h.db');
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--db', db, '--base-url', `http://127.0.0.1:${await closedPort()}`],
      { env: deskEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | string | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (/Open: http:\/\/127\.0\.0\.1:\d+/.test(String(chunk))) resolve();
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    // The second signal comes while the first one's close is under way (signals sent back to
    // back merge into one, which would prove nothing).
    child.kill('SIGINT');
    await new Promise<void>((resolve) => {
      const look = (): void => {
        if (stderr.includes('Closing WebRun Desk')) resolve();
      };
      child.stderr.on('data', look);
      look();
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const d = new Database(db, { readonly: true });
    try {
      const stored = d.prepare("SELECT value FROM settings WHERE key = 'integrity'").pluck().get();
      expect(JSON.parse(stored as string)).toMatchObject({ openSince: null });
    } finally {
      d.close();
    }
  }, 90_000);
});
