// The browser-mode boundary, beyond test/integration/browser-mode.test.ts (which covers a
// missing or wrong token, a foreign Host or Origin on the API, and a tokenless or cross-site
// WebSocket): the variants an attacker tries next, and the proof that only loopback is bound.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startBrowserServer, type BrowserServer } from '../../src-main/web/server';
import { tempDir } from '../helpers/temp';
import { BIN, countRows } from './support';

let desk: Desk;
let server: BrowserServer;
const t = tempDir('webrun-boundary-');
const dbPath = join(t.dir, 'history.db');

beforeAll(async () => {
  desk = await createDesk({ dbPath, host: 'browser', sandbox: { timeScale: 0.001 } });
  server = await startBrowserServer({ desk, staticRoot: null });
});
afterAll(async () => {
  await server.close();
  await desk.close();
  t.cleanup();
});

function call(
  path: string,
  headers: Record<string, string>,
  body: unknown = { prompt: 'must never be stored' },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function upgrade(
  path: string,
  protocols: string[],
  options: WebSocket.ClientOptions,
): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols, options);
  return new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', () => resolve(-1));
  }).finally(() => ws.terminate());
}

const auth = () => ({ Authorization: `Bearer ${server.token}` });
const sameLengthWrongToken = () => server.token.replace(/./, (c) => (c === 'a' ? 'b' : 'a'));

describe('browser mode refuses what a hostile page or a rebinding attack would send', () => {
  it.each([
    [
      'a token of the right length with one character changed',
      () => ({ Authorization: `Bearer ${sameLengthWrongToken()}` }),
    ],
    ['the token in the query string instead of the header', () => ({})],
    ['Origin "null" (a sandboxed frame or a file:// page)', () => ({ ...auth(), Origin: 'null' })],
    [
      'our host on another port as Origin',
      () => ({ ...auth(), Origin: `http://127.0.0.1:${server.port + 1}` }),
    ],
    [
      'an https Origin for our host',
      () => ({ ...auth(), Origin: `https://127.0.0.1:${server.port}` }),
    ],
    ['a Host naming the IPv6 loopback', () => ({ ...auth(), Host: `[::1]:${server.port}` })],
    ['a Host with a trailing dot', () => ({ ...auth(), Host: `localhost.:${server.port}` })],
    ['a Host without a port', () => ({ ...auth(), Host: '127.0.0.1' })],
  ])('refuses %s with 403 and stores nothing', async (_name, headers) => {
    const before = countRows(dbPath);
    expect(await call(`/api/tasks.create?token=${server.token}`, headers())).toBe(403);
    expect(countRows(dbPath)).toBe(before);
  });

  it('accepts the same call from our own origin (so the refusals above are about the boundary)', async () => {
    expect(
      await call(
        '/api/tasks.list',
        { ...auth(), Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` },
        {},
      ),
    ).toBe(200);
  });

  it.each([
    [
      'a foreign Host (DNS rebinding)',
      () => [`token.${server.token}`],
      () => ({ headers: { Host: `attacker.example:${server.port}` } }),
    ],
    ['Origin "null"', () => [`token.${server.token}`], () => ({ origin: 'null' })],
    [
      'the token without our protocol name',
      () => [`token.${server.token}`],
      () => ({ origin: server.origin }),
    ],
    [
      'a socket path other than /events',
      () => ['webrun-desk', `token.${server.token}`],
      () => ({ origin: server.origin }),
    ],
  ])('refuses an events WebSocket with %s', async (name, protocols, options) => {
    const path = name.startsWith('a socket path') ? '/api/tasks.list' : '/events';
    const status = await upgrade(path, protocols(), options());
    expect(status).not.toBe(101);
    if (name !== 'the token without our protocol name') expect(status).toBe(403);
  });

  it('opens the events WebSocket for our own page', async () => {
    expect(
      await upgrade('/events', ['webrun-desk', `token.${server.token}`], { origin: server.origin }),
    ).toBe(101);
  });
});

/** An address of this machine that is not loopback, if it has one. */
function otherLocalAddress(): string | null {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('only 127.0.0.1 is bound', () => {
  const other = otherLocalAddress();

  it('binds the browser-mode server and the sandbox to 127.0.0.1 only', async () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(desk.info.backend.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await reachable('127.0.0.1', server.port)).toBe(true);
    // Not even the IPv6 loopback: only the one address the boundary checks Host against.
    expect(await reachable('::1', server.port)).toBe(false);
  });

  it.skipIf(other === null)(
    'cannot be reached through another interface of this machine',
    async () => {
      expect(await reachable(other!, server.port)).toBe(false);
      expect(await reachable(other!, Number(new URL(desk.info.backend.baseUrl).port))).toBe(false);
    },
  );

  it.skipIf(other === null)(
    '`webrun-desk serve` prints a 127.0.0.1 URL and is unreachable elsewhere',
    async () => {
      const child = spawn(
        process.execPath,
        [BIN, 'serve', '--port', '0', '--db', join(t.dir, 'serve.db')],
        { env: { ...process.env, WEBRUN_API_KEY: '' } },
      );
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            const match = /Open: (http:\/\/\S+)/.exec(out);
            if (match) resolve(match[1]!);
          });
          child.once('exit', () => reject(new Error(`serve exited: ${out}`)));
        });
        const { hostname, port } = new URL(url);
        expect(hostname).toBe('127.0.0.1');
        expect(await reachable('127.0.0.1', Number(port))).toBe(true);
        expect(await reachable(other!, Number(port))).toBe(false);
      } finally {
        child.kill('SIGTERM');
      }
    },
    20_000,
  );
});
