// The client's timeout counts silence, not the whole exchange (issue 30): a poll whose large
// answer keeps arriving for longer than the timeout is read to its end, while a server that
// sends an answer's head and then nothing still times out. Before, a 70 MB network log that a
// busy machine received in more than the poll's 15 s was abandoned and asked for again, for ever.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { WebRunError } from '../../src-main/core/webrun/errors';

/** The poll timeout here; the trickling answer takes 2.5 times as long, never pausing as long. */
const TIMEOUT_MS = 1_000;
const PIECES = 25;
const PIECE_EVERY_MS = 100;

let server: Server;
let base: string;
let stalled = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"success":true,"sessionId":"s1","taskId":"t1","status":"completed","message":"');
    if (req.url === '/task/s1/stalled') {
      // The head and a first piece, then silence: the client must give up.
      stalled += 1;
      return;
    }
    let sent = 0;
    const timer = setInterval(() => {
      sent += 1;
      if (sent < PIECES) return void res.write('a'.repeat(1_000));
      clearInterval(timer);
      res.end('"}');
    }, PIECE_EVERY_MS);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe.each([
  ['undici', undefined],
  ['fetch', (url: string | URL | Request, init?: RequestInit) => fetch(url, init)],
])("the client's timeout through %s", (_name, fetchImpl) => {
  const client = () =>
    new WebRunClient({
      baseUrl: base,
      apiKey: 'wr_silence_key',
      timeouts: { pollMs: TIMEOUT_MS },
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });

  it('reads to its end an answer that keeps arriving for longer than the timeout', async () => {
    const outcome = await client().pollTask({ pollUrl: `${base}/task/s1/trickle` });
    expect(outcome.state).toBe('completed');
    expect(outcome.message).toBe('a'.repeat(1_000 * (PIECES - 1)));
  });

  it('still gives up on an answer that falls silent, with the usual reason', async () => {
    const before = stalled;
    const error = await client()
      .pollTask({ pollUrl: `${base}/task/s1/stalled` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebRunError);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toMatch(
      /No answer from WebRun to GET \/task\/s1\/stalled within 1 s/,
    );
    expect(stalled).toBe(before + 1);
  });
});
