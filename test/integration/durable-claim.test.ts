// Durable before acting (issue 22): the claim of a task (queued -> submitting) reaches the disk
// before the request to WebRun leaves. With WAL and synchronous = NORMAL a commit is not
// fsync'd, so a power cut could undo the claim and the next start would send the task again.
// Read from the system calls of a real process (strace, installed by .ci/run): between the
// "claiming" line and the connection to WebRun there is an fsync of the history's WAL file.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-durable-');
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('{}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

describe('the claim before a submission', () => {
  it('is fsync’d to the WAL before the request to WebRun is sent', async () => {
    const db = join(t.dir, 'history.db');
    const traced = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      // Asynchronous, so the loopback server here keeps answering while strace runs the child.
      const child = spawnAsync(db);
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (status) => resolve({ status, stderr }));
    });
    expect(traced.status, traced.stderr.slice(-2_000)).toBe(0);
    const lines = traced.stderr.split('\n');
    const claiming = lines.findIndex((l) => /write\(1<[^>]*>, "claiming\\n"/.test(l));
    const connect = lines.findIndex(
      (l, i) => i > claiming && /connect\(.*127\.0\.0\.1/.test(l) && l.includes(String(port)),
    );
    expect(claiming, 'the child wrote its marker').toBeGreaterThanOrEqual(0);
    expect(connect, 'the child connected to the server').toBeGreaterThan(claiming);
    const synced = lines
      .slice(claiming, connect)
      .filter((l) => /^(\[pid\s+\d+\] )?f(data)?sync\(\d+<[^>]*history\.db-wal>/.test(l));
    expect(synced.length).toBeGreaterThan(0);
  });
});

function spawnAsync(db: string) {
  return spawn('strace', [
    '-f',
    '-y',
    '-e',
    'trace=write,fsync,fdatasync,connect',
    process.execPath,
    '--import',
    'tsx',
    join(import.meta.dirname, '../fixtures/durable-claim-child.ts'),
    db,
    String(port),
  ]);
}
