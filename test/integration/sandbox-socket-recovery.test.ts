// Socket.IO connection-state recovery on the sandbox (webrun-api.md §2: "server keeps session
// state across brief socket drops"). Each client reconnects by hand (reconnection: false), so
// the gap is exactly as long as the test wants and events are emitted while it is open.
import { type Socket, io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src-main/sandbox/index.ts';
import { recoveryWindowMs } from '../../src-main/sandbox/socket.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON bodies from the wire, asserted field by field
type Json = Record<string, any>;
const KEY = 'wr_recovery_tests';

async function post(
  sb: SandboxHandle,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sb.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} not reached`);
    await sleep(5);
  }
}

interface Client {
  socket: Socket;
  /** `message` payloads and named events, in arrival order. */
  events: { name: string; payload: Json }[];
  disconnects: string[];
}

const open: Socket[] = [];

async function connect(sb: SandboxHandle, sessionId: string): Promise<Client> {
  const socket = io(sb.url, {
    auth: { sessionId },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  open.push(socket);
  const client: Client = { socket, events: [], disconnects: [] };
  socket.onAny((name: string, payload: Json) => client.events.push({ name, payload }));
  socket.on('disconnect', (reason) => client.disconnects.push(reason));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return client;
}

/** Reconnects by hand, retrying while the server refuses connections. */
async function reconnect(socket: Socket, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const onConnect = (): void => {
        socket.off('connect_error', onError);
        resolve(true);
      };
      const onError = (): void => {
        socket.off('connect', onConnect);
        resolve(false);
      };
      socket.once('connect', onConnect);
      socket.once('connect_error', onError);
      socket.connect();
    });
    if (ok) return;
    if (Date.now() > end) throw new Error('could not reconnect');
    await sleep(20);
  }
}

/** A session with one event already received, so the client holds a recovery offset. */
async function attached(sb: SandboxHandle): Promise<{ sessionId: string; client: Client }> {
  const { body } = await post(sb, '/start/start-session', {});
  const sessionId = body.sessionId as string;
  const client = await connect(sb, sessionId);
  const first = await post(sb, '/start/send-message', {
    sessionId,
    message: { actionType: 'newTask', prompt: 'Warm up [duration:5s]' },
  });
  expect(first.body.type).toBe('task_completed');
  await until(
    () => client.events.some((e) => e.payload?.type === 'task_completed'),
    'first task_completed',
  );
  return { sessionId, client };
}

/** Runs a task while the client is away; returns its inline (completed) answer. */
async function taskDuringGap(sb: SandboxHandle, sessionId: string, prompt: string): Promise<Json> {
  const { body } = await post(sb, '/start/send-message', {
    sessionId,
    message: { actionType: 'newTask', prompt },
  });
  expect(body.type).toBe('task_completed');
  return body;
}

const messages = (client: Client, from = 0) =>
  client.events
    .slice(from)
    .filter((e) => e.name === 'message')
    .map((e) => e.payload);

describe('sandbox Socket.IO connection-state recovery', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({
      timeScale: 0.001,
      faults: true,
      rateLimit: null,
      maxConcurrentSessions: 50,
    });
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  afterAll(async () => {
    await sb.close();
  });

  it('keeps 2 simulated minutes of state, but never less than 5 s', () => {
    expect(recoveryWindowMs(1)).toBe(120_000);
    expect(recoveryWindowMs(0.5)).toBe(60_000);
    expect(recoveryWindowMs(0.001)).toBe(5_000);
  });

  it('a first connection is not "recovered"', async () => {
    const { client } = await attached(sb);
    expect(client.socket.recovered).toBe(false);
  });

  it('replays the message events missed during a brief drop, with recovered === true', async () => {
    const { sessionId, client } = await attached(sb);
    const seen = client.events.length;
    sb.faults!.dropSockets();
    await until(() => client.disconnects.length === 1, 'disconnect');
    expect(client.disconnects[0]).toBe('transport close');
    const done = await taskDuringGap(sb, sessionId, 'Find a recipe [duration:20s]');
    expect(client.events.length).toBe(seen); // nothing arrives while away
    await reconnect(client.socket);
    expect(client.socket.recovered).toBe(true);
    await until(
      () => messages(client, seen).some((m) => m.type === 'task_completed'),
      'missed task_completed',
    );
    const missed = messages(client, seen);
    expect(missed[0]).toEqual({
      type: 'response_update',
      data: { message: 'Starting task... Browsing the web now.' },
    });
    expect(missed.map((m) => m.type)).toEqual(expect.arrayContaining(['agent', 'action']));
    expect(missed.at(-1)).toMatchObject({ type: 'task_completed', taskId: done.taskId });
    expect(missed.filter((m) => m.type === 'task_completed')).toHaveLength(1);
    // Still attached to the session: live events keep coming.
    await post(sb, '/start/send-message', {
      sessionId,
      message: { actionType: 'state', newState: 'terminate' },
    });
    await until(() => client.events.some((e) => e.name === 'end_session'), 'end_session');
    await until(() => client.disconnects.length === 2, 'server disconnect');
    expect(client.disconnects[1]).toBe('io server disconnect');
  });

  it('does not recover after a socket server restart: missed events are gone, recovered === false', async () => {
    const { sessionId, client } = await attached(sb);
    const seen = client.events.length;
    sb.faults!.restartSocketServer(50);
    await until(() => client.disconnects.length === 1, 'disconnect');
    await taskDuringGap(sb, sessionId, 'Find a recipe [duration:20s]');
    await reconnect(client.socket);
    expect(client.socket.recovered).toBe(false);
    await sleep(50);
    expect(messages(client, seen)).toEqual([]);
    // A fresh connection to the same session works as before.
    await taskDuringGap(sb, sessionId, 'Another one [duration:5s]');
    await until(
      () => messages(client, seen).some((m) => m.type === 'task_completed'),
      'live task_completed',
    );
  });

  it('also forgets state saved by earlier drops when the server restarts', async () => {
    const { sessionId, client } = await attached(sb);
    sb.faults!.dropSockets();
    await until(() => client.disconnects.length === 1, 'disconnect');
    sb.faults!.restartSocketServer(0);
    await taskDuringGap(sb, sessionId, 'Find a recipe [duration:5s]');
    await reconnect(client.socket);
    expect(client.socket.recovered).toBe(false);
  });

  it('can drop sockets without recovery (recoverable: false, also over the fault API)', async () => {
    const { sessionId, client } = await attached(sb);
    const res = await post(sb, '/__sandbox/faults', { action: 'dropSockets', recoverable: false });
    expect(res.status).toBe(200);
    await until(() => client.disconnects.length === 1, 'disconnect');
    await taskDuringGap(sb, sessionId, 'Find a recipe [duration:5s]');
    await reconnect(client.socket);
    expect(client.socket.recovered).toBe(false);
  });

  it('delivers end_session to a client that was away when its session ended, then closes it', async () => {
    const { sessionId, client } = await attached(sb);
    const seen = client.events.length;
    sb.faults!.dropSockets();
    await until(() => client.disconnects.length === 1, 'disconnect');
    await post(sb, '/start/send-message', {
      sessionId,
      message: { actionType: 'state', newState: 'terminate' },
    });
    await reconnect(client.socket);
    expect(client.socket.recovered).toBe(true);
    await until(() => client.disconnects.length === 2, 'server disconnect');
    expect(client.disconnects[1]).toBe('io server disconnect');
    expect(client.events.slice(seen).find((e) => e.name === 'end_session')?.payload).toMatchObject({
      type: 'end_session',
      reason: 'terminated',
    });
    // A new connection to the ended session is refused as before.
    await expect(connect(sb, sessionId)).rejects.toThrow(/session/i);
  });
});
