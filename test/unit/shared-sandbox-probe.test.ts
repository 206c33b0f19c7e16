// Telling a live shared sandbox from a stale file (shared-sandbox/probe.ts). A live sandbox whose
// health answer is lost once on the way (a connection reset, as a busy machine or a keep-alive
// socket closing at the wrong moment gives) must be asked again, not declared stale: a stale
// verdict makes the keep-alive remove its file and start another sandbox, which stops the live
// one and starts over with a fresh account (its tasks and balance lost). A refused connection
// or a foreign answer still means stale.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeSandbox } from '../../src-main/core/shared-sandbox/probe';
import type { SandboxFile } from '../../src-main/core/shared-sandbox/sandbox-file';
import { closedPort } from '../helpers/closed-port';

const TOKEN = 'a'.repeat(48);
let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = null;
});

/** A health route on loopback that answers as `answer` says for each request, in order. */
async function health(answers: ('reset' | 'live' | 'foreign')[]): Promise<{
  file: SandboxFile;
  served: () => number;
}> {
  let served = 0;
  server = createServer((req, res) => {
    const answer = answers[Math.min(served, answers.length - 1)]!;
    served += 1;
    if (answer === 'reset') return void req.socket.destroy();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ success: true, pid: answer === 'live' ? process.pid : 1 }));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { file: fileAt(`http://127.0.0.1:${port}`), served: () => served };
}

const fileAt = (url: string): SandboxFile => ({
  version: 1,
  pid: process.pid, // a live pid: only the health answer can tell
  url,
  token: TOKEN,
  startedAt: new Date().toISOString(),
  quietMs: 2_000,
  options: {},
});

describe('probing a shared sandbox whose process is alive', () => {
  it('asks again when one health answer is lost to a reset, and finds it live', async () => {
    const { file, served } = await health(['reset', 'live']);
    expect(await probeSandbox(file, { attempts: 2 })).toBe('live');
    expect(served()).toBe(2); // the reset was served, then the answer
  });

  it('says stale when every attempt is reset (bounded: it does not ask for ever)', async () => {
    const { file, served } = await health(['reset']);
    expect(await probeSandbox(file, { attempts: 3 })).toBe('stale');
    expect(served()).toBe(3);
  });

  it('says stale at once when the answer is another process’s, or nothing listens', async () => {
    const { file, served } = await health(['foreign', 'live']);
    expect(await probeSandbox(file, { attempts: 3 })).toBe('stale');
    expect(served()).toBe(1);
    const port = await closedPort();
    expect(await probeSandbox(fileAt(`http://127.0.0.1:${port}`), { attempts: 3 })).toBe('stale');
  });
});
