import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { failure } from '../helpers/webrun-failure';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server | null = null;
const seen: { method: string; url: string; auth: string | undefined; body: string }[] = [];

async function serve(handler: Handler): Promise<string> {
  seen.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

describe('WebRunClient', () => {
  it('sends the Gen2 run-task body with the key in the Authorization header only', async () => {
    const url = await serve((_req, res) =>
      json(res, 200, {
        success: true,
        sessionId: 's1',
        taskId: 't1',
        type: 'task_completed',
        data: { message: 'done' },
        usage: { cost: 0.01 },
      }),
    );
    const outcome = await new WebRunClient({ baseUrl: url, apiKey: 'wr_secret_key' }).runTask({
      prompt: 'find it',
      startingUrl: 'https://example.com',
    });
    expect(outcome).toMatchObject({
      state: 'completed',
      sessionId: 's1',
      taskId: 't1',
      message: 'done',
    });
    expect(outcome.usage?.cost).toBe(0.01);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/start/run-task',
      auth: 'Bearer wr_secret_key',
    });
    expect(JSON.parse(seen[0]!.body)).toMatchObject({
      task: { prompt: 'find it', startingUrl: 'https://example.com' },
    });
    expect(seen[0]!.body).not.toContain('wr_secret_key');
  });

  it('polls the pollUrl and recovers the ids from it when the body has none', async () => {
    const url = await serve((_req, res) =>
      json(res, 200, {
        success: true,
        type: 'guardrail_trigger',
        data: { type: 'human_input_needed', value: 'I need login credentials' },
      }),
    );
    const outcome = await new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).pollTask({
      pollUrl: `${url}/task/sess/task9`,
    });
    expect(outcome).toMatchObject({
      state: 'needs_input',
      sessionId: 'sess',
      taskId: 'task9',
      question: 'I need login credentials',
    });
  });

  it('maps a 429 to rate_limited with Retry-After in seconds and the rate-limit headers', async () => {
    const url = await serve((_req, res) =>
      json(
        res,
        429,
        { success: false, message: 'Rate limit exceeded. Please try again later.' },
        {
          'Retry-After': '30',
          'X-RateLimit-Limit': '10',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': '1704067260',
        },
      ),
    );
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).runTask({ prompt: 'x' }),
    );
    expect(error).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryAfterMs: 30_000,
      message: 'Rate limit exceeded. Please try again later.',
    });
    expect(error.rateLimit).toEqual({ limit: 10, remaining: 0, reset: 1704067260 });
    expect(error.transient).toBe(true);
    expect(error.outcomeUnknown).toBe(false);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const url = await serve((_req, res) =>
      json(
        res,
        503,
        { success: false, error: 'No available instances.', code: 'NO_INSTANCES_AVAILABLE' },
        { 'Retry-After': 'Thu, 01 Jan 2026 00:00:12 GMT' },
      ),
    );
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k', now: () => now }).runTask({ prompt: 'x' }),
    );
    expect(error).toMatchObject({
      kind: 'unavailable',
      code: 'NO_INSTANCES_AVAILABLE',
      retryAfterMs: 12_000,
      message: 'No available instances.',
    });
  });

  it.each([
    [401, 'auth'],
    [402, 'balance'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [400, 'bad_request'],
    [500, 'server'],
  ] as const)('maps HTTP %i to %s', async (status, kind) => {
    const url = await serve((_req, res) =>
      json(res, status, { success: false, message: `status ${status}` }),
    );
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).runTask({ prompt: 'x' }),
    );
    expect(error).toMatchObject({
      kind,
      status,
      message: `status ${status}`,
      outcomeUnknown: false,
    });
  });

  it('reports a malformed 200 answer to a submission as bad_response with an unknown outcome', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"success":true,"sessionId":"s1",');
    });
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).runTask({ prompt: 'x' }),
    );
    expect(error).toMatchObject({ kind: 'bad_response', outcomeUnknown: true });
  });

  it('reports a submission that times out after sending as an unknown outcome', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const client = new WebRunClient({ baseUrl: url, apiKey: 'wr_k', timeouts: { submitMs: 100 } });
    const error = await failure(client.runTask({ prompt: 'x' }));
    expect(error).toMatchObject({ kind: 'timeout', outcomeUnknown: true });
    expect(error.transient).toBe(false);
  });

  it('reports a connection reset during a submission as an unknown outcome', async () => {
    const url = await serve((req) => req.socket.destroy());
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).runTask({ prompt: 'x' }),
    );
    expect(error).toMatchObject({ kind: 'reset', outcomeUnknown: true });
  });

  it('a timed-out poll is not an unknown outcome: polling is safe to repeat', async () => {
    const url = await serve(() => {});
    const client = new WebRunClient({ baseUrl: url, apiKey: 'wr_k', timeouts: { pollMs: 100 } });
    const error = await failure(client.pollTask({ sessionId: 's', taskId: 't' }));
    expect(error).toMatchObject({ kind: 'timeout', outcomeUnknown: false });
  });

  it('reports a refused connection as network: nothing was sent', async () => {
    const url = await serve(() => {});
    server!.closeAllConnections();
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).runTask({ prompt: 'x' }),
    );
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: false });
    expect(error.transient).toBe(true);
  });

  it('cancels a hanging request when it is aborted (the server never answers)', async () => {
    const url = await serve(() => {});
    const controller = new AbortController();
    const pending = new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).runTask(
      { prompt: 'x' },
      undefined,
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 20);
    const error = await failure(pending);
    expect(error.kind).toBe('aborted');
  });
});
