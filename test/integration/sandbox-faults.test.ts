// Fault injection (options.faults): HTTP faults per route, socket-level faults.
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src-main/sandbox/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON bodies from the wire, asserted field by field
type Json = Record<string, any>;
const KEY = 'wr_fault_tests';
const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` };

function runTask(sb: SandboxHandle, prompt = 'quick', signal?: AbortSignal): Promise<Response> {
  return fetch(`${sb.url}/start/run-task`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ taskDetails: prompt }),
    ...(signal ? { signal } : {}),
  });
}

async function post(
  sb: SandboxHandle,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sb.url}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(5);
  }
}

describe('sandbox without faults', () => {
  it('exposes no fault controller and no fault API', async () => {
    const sb = await startSandbox({ timeScale: 0.001 });
    try {
      expect(sb.faults).toBeNull();
      const res = await post(sb, '/__sandbox/faults', { action: 'dropSockets' });
      expect(res.status).toBe(404);
    } finally {
      await sb.close();
    }
  });
});

describe('sandbox HTTP faults', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: 0.001, faults: true, rateLimit: null });
  });
  afterAll(async () => {
    await sb.close();
  });

  it('answers an injected 503 once, without acting on the request', async () => {
    const before = sb.submittedTasks(KEY);
    sb.faults!.inject('POST /start/run-task', { type: 'status', status: 503 });
    const failed = await runTask(sb);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ success: false, message: 'No available instances.' });
    expect(sb.submittedTasks(KEY)).toBe(before);
    expect((await runTask(sb)).status).toBe(200);
    expect(sb.submittedTasks(KEY)).toBe(before + 1);
  });

  it('sends Retry-After on an injected 429 and matches "*" for a count of requests', async () => {
    sb.faults!.inject('post /start/run-task', { type: 'status', status: 429, retryAfter: '7' });
    const limited = await runTask(sb);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    sb.faults!.inject('*', { type: 'status', status: 500 }, 2);
    expect((await fetch(`${sb.url}/start/health`)).status).toBe(500);
    expect((await fetch(`${sb.url}/task/a/b`)).status).toBe(500);
    expect((await fetch(`${sb.url}/start/health`)).status).toBe(200);
    expect(sb.faults!.pending()).toBe(0);
  });

  it('matches route templates', async () => {
    sb.faults!.inject('GET /task/:sessionId/:taskId', { type: 'status', status: 503 });
    expect((await fetch(`${sb.url}/task/x/y`)).status).toBe(503);
    expect((await fetch(`${sb.url}/task/x/y`)).status).toBe(404);
  });

  it('acts on the request and then garbles the answer (malformed)', async () => {
    const before = sb.submittedTasks(KEY);
    sb.faults!.inject('POST /start/run-task', { type: 'malformed' });
    const res = await runTask(sb);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(sb.submittedTasks(KEY)).toBe(before + 1);
  });

  it('acts on the request and then drops the connection (reset)', async () => {
    const before = sb.submittedTasks(KEY);
    sb.faults!.inject('POST /start/run-task', { type: 'reset' });
    await expect(runTask(sb)).rejects.toThrow();
    expect(sb.submittedTasks(KEY)).toBe(before + 1);
  });

  it('can refuse before acting (reset, when: before)', async () => {
    const before = sb.submittedTasks(KEY);
    sb.faults!.inject('POST /start/run-task', { type: 'reset', when: 'before' });
    await expect(runTask(sb)).rejects.toThrow();
    expect(sb.submittedTasks(KEY)).toBe(before);
  });

  it('never answers a hung request', async () => {
    sb.faults!.inject('POST /start/run-task', { type: 'hang' });
    const started = Date.now();
    await expect(runTask(sb, 'quick', AbortSignal.timeout(300))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('is reachable over HTTP at /__sandbox/faults', async () => {
    const injected = await post(sb, '/__sandbox/faults', {
      action: 'inject',
      route: 'GET /start/health',
      fault: { type: 'status', status: 503 },
    });
    expect(injected).toEqual({ status: 200, body: { success: true, pending: 1 } });
    expect((await fetch(`${sb.url}/start/health`)).status).toBe(503);
    expect(
      (
        await post(sb, '/__sandbox/faults', {
          action: 'inject',
          route: 'x',
          fault: { type: 'status', status: 418 },
        })
      ).status,
    ).toBe(400);
    expect((await post(sb, '/__sandbox/faults', { action: 'explode' })).status).toBe(400);
    expect(
      (await post(sb, '/__sandbox/faults', { action: 'instanceBlip', sessionId: 'nope' })).status,
    ).toBe(404);
  });
});

describe('sandbox socket faults', () => {
  let sb: SandboxHandle;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: 0.001, faults: true, rateLimit: null });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await sb.close();
  });

  async function attach(reconnect = false): Promise<{
    sessionId: string;
    socket: Socket;
    events: { name: string; payload: Json }[];
    connects: () => number;
  }> {
    const { body } = await post(sb, '/start/start-session', {});
    const socket = io(sb.url, {
      auth: { sessionId: body.sessionId },
      transports: ['websocket'],
      forceNew: true,
      reconnection: reconnect,
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
    });
    sockets.push(socket);
    const events: { name: string; payload: Json }[] = [];
    let connectCount = 0;
    socket.on('connect', () => connectCount++);
    socket.onAny((name: string, payload: Json) => events.push({ name, payload }));
    await until(() => connectCount === 1);
    return { sessionId: body.sessionId, socket, events, connects: () => connectCount };
  }

  it('duplicates the next events', async () => {
    const { socket, events } = await attach();
    sb.faults!.duplicateNextEvents(1);
    socket.emit('message', { actionType: 'newTask', prompt: 'dup [duration:20s]' });
    await until(() => events.some((e) => e.payload?.type === 'task_completed'));
    const starts = events.filter(
      (e) => e.payload?.type === 'response_update' && e.payload.data.message.startsWith('Starting'),
    );
    expect(starts).toHaveLength(2);
  });

  it('reorders the next events', async () => {
    const { socket, events } = await attach();
    sb.faults!.reorderNextEvents(3);
    socket.emit('message', { actionType: 'newTask', prompt: 'reorder [duration:20s]' });
    await until(() => events.some((e) => e.payload?.type === 'task_completed'));
    // Normally: response_update, agent, action. Reversed: action, agent, response_update.
    expect(events.slice(0, 3).map((e) => e.payload.type)).toEqual([
      'action',
      'agent',
      'response_update',
    ]);
  });

  it('blips the instance: disconnected then reconnected, session alive', async () => {
    const { sessionId, events } = await attach();
    expect(sb.faults!.instanceBlip(sessionId)).toBe(true);
    await until(() => events.some((e) => e.name === 'instance:reconnected'));
    expect(events.map((e) => e.name)).toEqual(['instance:disconnected', 'instance:reconnected']);
    expect(events[0]?.payload).toEqual({
      type: 'instance:disconnected',
      message: 'Instance connection lost. Attempting reconnection...',
      gracePeriod: 300000,
    });
    expect(
      (
        await post(sb, '/start/send-message', {
          sessionId,
          message: { actionType: 'state', newState: 'pause' },
        })
      ).status,
    ).toBe(200);
  });

  it('loses the instance: the session ends with reason instance_lost', async () => {
    const { sessionId, events } = await attach();
    sb.faults!.instanceLost(sessionId);
    await until(() => events.some((e) => e.name === 'end_session'));
    expect(events.find((e) => e.name === 'end_session')?.payload.reason).toBe('instance_lost');
    expect(
      (
        await post(sb, '/start/send-message', {
          sessionId,
          message: { actionType: 'state', newState: 'pause' },
        })
      ).status,
    ).toBe(404);
  });

  it('drops sockets; clients reconnect to the same session and keep receiving events', async () => {
    const { socket, events, connects } = await attach(true);
    sb.faults!.dropSockets();
    await until(() => connects() === 2);
    socket.emit('message', { actionType: 'newTask', prompt: 'after drop' });
    await until(() => events.some((e) => e.payload?.type === 'task_completed'));
  });

  it('restarts the socket server: connections refused for a while, then clients are back', async () => {
    const { connects } = await attach(true);
    const started = Date.now();
    sb.faults!.restartSocketServer(150);
    await until(() => connects() === 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
