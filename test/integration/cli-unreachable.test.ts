// A bounded wait (issue 22): with WebRun unreachable, `run` no longer retries for ever. After
// --give-up-after it says, in one line, what refused it, exits 5 and leaves the task queued for
// `resume` (nothing was sent). A closed port on loopback stands in for a dead network.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/closed-port';
import { tempDir } from '../helpers/temp';
import { BIN, deskEnv } from './mcp-helpers';

const t = tempDir('webrun-unreachable-');
afterAll(() => t.cleanup());

describe('run with WebRun unreachable', () => {
  it('gives up after --give-up-after with the cause in one line, exit 5, the task still queued', async () => {
    const db = join(t.dir, 'h.db');
    const url = `http://127.0.0.1:${await closedPort()}`;
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        'Find the opening hours',
        '--db',
        db,
        '--base-url',
        url,
        '--give-up-after',
        '10',
      ],
      { env: deskEnv({ WEBRUN_API_KEY: 'wr_unreachable_key' }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    expect(stderr).toMatch(
      /WebRun could not be reached for 10 s \(.+\); task \w{8} stays queued and nothing was sent: `webrun-desk resume` sends it later\./,
    );
    expect(code).toBe(5);
    const d = new Database(db, { readonly: true });
    try {
      expect(d.prepare('SELECT status FROM tasks').pluck().all()).toEqual(['queued']);
    } finally {
      d.close();
    }
  });
});
