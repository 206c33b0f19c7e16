// The API key goes only to WebRun's configured origin, and failure answers keep their facts.
// Two real servers on 127.0.0.1 (two ports are two origins): WebRun, and a foreign host an
// answer may name.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebRunClient } from '../../src-main/core/webrun/client';

type Seen = { url: string; auth: string | undefined };
const servers: Server[] = [];

async function host(
  answer: (url: string) => { status: number; body: unknown },
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url!, auth: req.headers.authorization });
    req.resume();
    req.on('end', () => {
      const { status, body } = answer(req.url!);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

const RUNNING = { success: true, status: 'running', usage: { cost: 0.01 } };

describe('the key goes only to WebRun', () => {
  it('a poll URL on another origin is never fetched with the key: the task is polled on the base', async () => {
    const webrun = await host(() => ({ status: 200, body: RUNNING }));
    const foreign = await host(() => ({ status: 200, body: RUNNING }));
    const client = new WebRunClient({ baseUrl: webrun.url, apiKey: 'wr_secret' });
    const outcome = await client.pollTask({
      pollUrl: `${foreign.url}/task/s1/t1`,
      sessionId: 's1',
      taskId: 't1',
    });
    expect(outcome.state).toBe('running');
    expect(foreign.seen).toEqual([]);
    expect(webrun.seen).toEqual([{ url: '/task/s1/t1', auth: 'Bearer wr_secret' }]);
  });

  it('a redirect to another origin is followed without the key', async () => {
    const foreign = await host(() => ({ status: 200, body: RUNNING }));
    const seen: Seen[] = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url!, auth: req.headers.authorization });
      res.writeHead(302, { Location: `${foreign.url}/moved${req.url}` });
      res.end();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new WebRunClient({ baseUrl: base, apiKey: 'wr_secret' });
    const outcome = await client.pollTask({ sessionId: 's1', taskId: 't1' });
    expect(outcome.state).toBe('running');
    expect(seen).toEqual([{ url: '/task/s1/t1', auth: 'Bearer wr_secret' }]);
    expect(foreign.seen).toEqual([{ url: '/moved/task/s1/t1', auth: undefined }]);
  });

  it('reads the ids from a foreign poll URL when none are stored', async () => {
    const webrun = await host(() => ({ status: 200, body: RUNNING }));
    const foreign = await host(() => ({ status: 200, body: RUNNING }));
    const client = new WebRunClient({ baseUrl: webrun.url, apiKey: 'wr_secret' });
    await client.pollTask({ pollUrl: `${foreign.url}/task/s2/t2` });
    expect(foreign.seen).toEqual([]);
    expect(webrun.seen.map((s) => s.url)).toEqual(['/task/s2/t2']);
  });

  it('a foreign URL with no ids at all is fetched without the key', async () => {
    const webrun = await host(() => ({ status: 200, body: RUNNING }));
    const foreign = await host(() => ({ status: 200, body: RUNNING }));
    await new WebRunClient({ baseUrl: webrun.url, apiKey: 'wr_secret' }).pollTask({
      pollUrl: `${foreign.url}/status?job=9`,
    });
    expect(foreign.seen).toEqual([{ url: '/status?job=9', auth: undefined }]);
  });

  it('a relative poll URL resolves against the base', async () => {
    const webrun = await host(() => ({ status: 200, body: RUNNING }));
    await new WebRunClient({ baseUrl: webrun.url, apiKey: 'wr_secret' }).pollTask({
      pollUrl: '/task/s3/t3',
    });
    expect(webrun.seen).toEqual([{ url: '/task/s3/t3', auth: 'Bearer wr_secret' }]);
  });
});

describe('failures keep their facts', () => {
  it('a non-2xx answer carrying a failed task is a failure with its code, message and cost', async () => {
    const webrun = await host(() => ({
      status: 500,
      body: {
        success: false,
        status: 'failed',
        code: 'NAVIGATION_TIMEOUT',
        error: 'Navigation timeout after 30 seconds',
        usage: { cost: 0.0213 },
      },
    }));
    const outcome = await new WebRunClient({ baseUrl: webrun.url, apiKey: 'k' }).runTask({
      prompt: 'x',
    });
    expect(outcome).toMatchObject({
      state: 'failed',
      code: 'NAVIGATION_TIMEOUT',
      message: 'Navigation timeout after 30 seconds',
    });
    expect(outcome.usage?.cost).toBe(0.0213);
  });

  it('success:false with only a message is a failure with that message, never unrecognised', async () => {
    const webrun = await host(() => ({
      status: 200,
      body: { success: false, message: 'Task could not be started: prompt too long' },
    }));
    const outcome = await new WebRunClient({ baseUrl: webrun.url, apiKey: 'k' }).runTask({
      prompt: 'x',
    });
    expect(outcome).toMatchObject({
      state: 'failed',
      message: 'Task could not be started: prompt too long',
    });
  });
});
