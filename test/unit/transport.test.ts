// Both ways a request goes over HTTP refuse an answer past the size cap, whether its length is
// declared or it just keeps coming, and read one under it whole (multi-byte text included).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebRunError } from '../../src-main/core/webrun/errors';
import {
  fetchTransport,
  undiciTransport,
  type Transport,
} from '../../src-main/core/webrun/transport';

const LIMIT = 1_024;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const size = Number(new URL(req.url!, 'http://x').searchParams.get('size'));
    // "é" is two bytes: the cap counts bytes, not characters, and chunks split characters.
    const text = 'é'.repeat(size / 2);
    if (req.url!.startsWith('/declared')) {
      res.writeHead(200, { 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    res.writeHead(200); // chunked: no length said beforehand
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += 300) res.write(bytes.subarray(i, i + 300));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const get = (transport: Transport, path: string) =>
  transport(`${base}${path}`, {
    method: 'GET',
    headers: {},
    signal: new AbortController().signal,
    maxBytes: LIMIT,
  });

describe.each([
  ['undici', undiciTransport],
  ['fetch', fetchTransport((url, init) => fetch(url, init))],
])('the %s transport', (_name, transport) => {
  it('reads an answer under the cap whole', async () => {
    for (const path of ['/declared?size=1000', '/streamed?size=1000']) {
      const answer = await get(transport, path);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('é'.repeat(500));
    }
  });

  it('refuses an answer whose declared length is past the cap', async () => {
    const error = await get(transport, '/declared?size=4000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebRunError);
    expect(error).toMatchObject({ kind: 'bad_response' });
    expect((error as Error).message).toMatch(/larger than .* MB and was not read/);
  });

  it('refuses an answer that grows past the cap as it arrives', async () => {
    const error = await get(transport, '/streamed?size=4000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebRunError);
    expect(error).toMatchObject({ kind: 'bad_response' });
    // The server is still answering others: nothing was left stuck on the refused one.
    expect((await get(transport, '/streamed?size=10')).text).toBe('é'.repeat(5));
  });
});
