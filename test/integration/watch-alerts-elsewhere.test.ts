// An alert raised by another process on the same history reaches the open app without a
// reload: `webrun-desk watch run` (a real child process) runs a watch whose run fails, and the
// desk in this process (standing in for the app, which does not run watches here, so the alert
// can only come from the child) pushes `watch.alert` and `watch.changed` to its UI, once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../src-main/contract/index';
import { WatchInput } from '../../src-main/contract/watches';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const KEY = `wr_alerts_elsewhere_${Date.now()}`;
const t = tempDir('webrun-alerts-elsewhere-');
const dbPath = join(t.dir, 'history.db');
let sb: SandboxHandle;
let desk: Desk;
const events: DeskEvent[] = [];

beforeAll(async () => {
  sb = await startSandbox({ timeScale: 0.001, rateLimit: null, triggerClock: 'stopped' });
  desk = await createDesk({
    dbPath,
    host: 'browser',
    apiKey: KEY,
    baseUrl: sb.url,
    rateLimit: null,
    runWatches: false,
  });
  desk.subscribe((event) => events.push(event));
});
afterAll(async () => {
  await desk.close();
  await sb.close();
  t.cleanup();
});

const alertsSeen = () =>
  events.flatMap((e) =>
    e.name === 'watch.alert' ? [e.payload as { id?: number; kind: string }] : [],
  );

function until<T>(look: () => T | undefined, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const net = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`Timed out waiting for ${what}`));
    }, 60_000);
    const timer = setInterval(() => {
      const found = look();
      if (found === undefined) return;
      clearInterval(timer);
      clearTimeout(net);
      resolve(found);
    }, 50);
  });
}

describe('alerts raised by another process', () => {
  it('reach the open desk as events, once, without a reload', async () => {
    const watch = desk.handlers['watches.create'](
      WatchInput.parse({
        name: 'Crashing shop',
        template: { prompt: 'Price of the kettle [fail:PAGE_CRASH] [duration:1s]' },
        schedule: { kind: 'every', interval: '1h' },
      }),
    ) as { id: string };
    // It came due a minute ago (its last occurrence was handled before that).
    const db = new Database(dbPath);
    const now = Date.now();
    db.prepare('UPDATE watches SET anchor_at = ?, handled_until = ?').run(
      now - 3_660_000,
      now - 120_000,
    );
    db.close();
    const child = spawn(
      process.execPath,
      [BIN, 'watch', 'run', '--base-url', sb.url, '--db', dbPath],
      {
        env: { ...process.env, WEBRUN_API_KEY: KEY, WEBRUN_DESK_DB: '' },
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const alert = await until(() => alertsSeen()[0], 'the child’s alert to reach this desk');
      expect(alert).toMatchObject({ kind: 'run_failed', watchId: watch.id });
      expect(typeof alert.id).toBe('number');
      // The child raised it (this desk runs no watches), and said so in its terminal.
      await until(() => (/Alert \(run_failed\)/.test(out) ? true : undefined), 'the child’s line');
      expect(events.some((e) => e.name === 'watch.changed' && e.payload.watchId === watch.id)).toBe(
        true,
      );
      // The inbox reads it, and looking again pushes nothing twice.
      expect(desk.handlers['watches.alerts']({})).toHaveLength(1);
      desk.watches.externalChange();
      expect(alertsSeen()).toHaveLength(1);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
