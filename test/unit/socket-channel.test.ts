// SocketChannel: reconnection and state reporting. Uses the sandbox's socket fault injection
// (dropped connections, a refusing server) and a plain Socket.IO server where a test needs
// something the sandbox does not do (connection-state recovery, garbage payloads).
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index.ts';
import { WebRunClient } from '../../src-main/core/webrun/client';
import {
  SocketChannel,
  type ChannelState,
  type ChannelStateInfo,
} from '../../src-main/core/webrun/socket-channel';
import type { SocketEvent } from '../../src-main/core/webrun/socket-events';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface Recorded {
  channel: SocketChannel;
  events: SocketEvent[];
  states: { state: ChannelState; info: ChannelStateInfo; at: number }[];
  until(predicate: () => boolean, what: string, ms?: number): Promise<void>;
}

function record(url: string, sessionId: string, ioImpl?: typeof io): Recorded {
  const channel = new SocketChannel({
    url,
    sessionId,
    reconnect: { baseMs: 20, capMs: 60 },
    ...(ioImpl ? { io: ioImpl } : {}),
  });
  cleanups.push(() => channel.close());
  const events: SocketEvent[] = [];
  const states: Recorded['states'] = [];
  channel.on((event) => events.push(event));
  channel.onState((state, info) => states.push({ state, info, at: Date.now() }));
  const until: Recorded['until'] = async (predicate, what, ms = 4_000) => {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(
          `${what} not seen; states ${JSON.stringify(states)}; events ${events.map((e) => e.kind).join(',')}`,
        );
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { channel, events, states, until };
}

async function sandboxSession(): Promise<{
  sb: SandboxHandle;
  client: WebRunClient;
  sessionId: string;
}> {
  const sb = await startSandbox({ timeScale: 0.002, faults: true, rateLimit: null });
  cleanups.push(() => sb.close());
  const client = new WebRunClient({ baseUrl: sb.url, apiKey: 'wr_channel_tests' });
  const { sessionId } = await client.startSession({});
  return { sb, client, sessionId };
}

/** A bare Socket.IO server; `recovery` turns on connection-state recovery. */
async function plainServer(
  recovery: boolean,
): Promise<{ url: string; io: Server; http: HttpServer }> {
  const http = createServer();
  const server = new Server(
    http,
    recovery ? { connectionStateRecovery: { maxDisconnectionDuration: 10_000 } } : {},
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  cleanups.push(async () => {
    server.disconnectSockets(true);
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, io: server, http };
}

describe('SocketChannel', () => {
  it('passes the session id in auth, websocket only, and the backoff settings to Socket.IO', () => {
    let seen: { url: unknown; opts: Record<string, unknown> } | null = null;
    const spy = ((url: string, opts: Record<string, unknown>) => {
      seen = { url, opts };
      return io(url, { ...opts, autoConnect: false });
    }) as unknown as typeof io;
    const rec = record('http://127.0.0.1:9', 'abc123', spy);
    rec.channel.connect();
    rec.channel.connect(); // a second connect while one is open must not open another socket
    expect(seen).not.toBeNull();
    expect(seen!.url).toBe('http://127.0.0.1:9');
    expect(seen!.opts).toMatchObject({
      auth: { sessionId: 'abc123' },
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 20,
      reconnectionDelayMax: 60,
      randomizationFactor: 0.5,
      forceNew: true,
    });
    expect(rec.states.map((s) => s.state)).toEqual(['connecting']);
  });

  it('rejects a backoff whose cap is below its base', () => {
    expect(
      () =>
        new SocketChannel({
          url: 'http://x',
          sessionId: 's',
          reconnect: { baseMs: 100, capMs: 10 },
        }),
    ).toThrow(RangeError);
  });

  it('reports reconnecting after a dropped connection, then connected (not recovered), and keeps delivering events', async () => {
    const { sb, client, sessionId } = await sandboxSession();
    const rec = record(sb.url, sessionId);
    rec.channel.connect();
    await rec.until(() => rec.channel.state === 'connected', 'connected');
    // A drop the server cannot recover from: events may have been missed.
    sb.faults!.dropSockets({ recoverable: false });
    await rec.until(
      () => rec.states.filter((s) => s.state === 'connected').length === 2,
      'second connected',
    );
    expect(rec.states.map((s) => s.state)).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'connected',
    ]);
    expect(rec.states[2]?.info.reason).toBe('transport close');
    expect(rec.states[3]?.info.recovered).toBe(false);
    await client.newTask(sessionId, { prompt: 'Find a recipe [duration:5s]' });
    await rec.until(
      () => rec.events.some((e) => e.kind === 'task_completed'),
      'task_completed after reconnect',
    );
  });

  it('keeps retrying with backoff while the server refuses connections, then reconnects', async () => {
    const { sb, sessionId } = await sandboxSession();
    const rec = record(sb.url, sessionId);
    rec.channel.connect();
    await rec.until(() => rec.channel.state === 'connected', 'connected');
    const downAt = Date.now();
    sb.faults!.restartSocketServer(200);
    await rec.until(
      () => rec.states.filter((s) => s.state === 'connected').length === 2,
      'reconnected',
      5_000,
    );
    const reconnecting = rec.states.filter((s) => s.state === 'reconnecting');
    // The drop itself plus at least one refused attempt while the server was down.
    expect(reconnecting.length).toBeGreaterThanOrEqual(2);
    expect(reconnecting.some((s) => s.info.reason !== 'transport close')).toBe(true);
    expect(rec.states.at(-1)!.at - downAt).toBeGreaterThanOrEqual(190);
    expect(rec.states.some((s) => s.state === 'closed')).toBe(false);
  });

  it('reports recovered:true, and replays a missed event, when the server restores the connection state', async () => {
    const server = await plainServer(true);
    server.io.on('connection', (socket) => {
      if (!socket.recovered) socket.emit('message', { type: 'agent', content: 'first' });
    });
    const rec = record(server.url, 'any');
    rec.channel.connect();
    await rec.until(() => rec.events.length === 1, 'first event');
    const [socket] = await server.io.fetchSockets();
    // Drop the transport, then emit while the client is away: recovery must replay it.
    const live = server.io.sockets.sockets.get(socket!.id)!;
    live.conn.close();
    server.io.emit('message', { type: 'agent', content: 'missed' });
    await rec.until(
      () => rec.states.filter((s) => s.state === 'connected').length === 2,
      'reconnected',
    );
    expect(rec.states.at(-1)?.info.recovered).toBe(true);
    await rec.until(() => rec.events.length === 2, 'replayed event');
    expect(rec.events[1]).toEqual({ kind: 'agent', content: 'missed' });
  });

  it('turns unreadable payloads into unparseable events and isolates a throwing listener', async () => {
    const server = await plainServer(false);
    server.io.on('connection', (socket) => {
      socket.emit('message', 'not json {');
      socket.emit('message', { no: 'type' });
      socket.emit('end_session', { reason: 'completed' });
    });
    const rec = record(server.url, 'any');
    const bad = rec.channel.on(() => {
      throw new Error('listener bug');
    });
    rec.channel.connect();
    await rec.until(() => rec.events.length === 3, 'three events');
    expect(rec.events[0]).toMatchObject({
      kind: 'unparseable',
      eventName: 'message',
      raw: 'not json {',
    });
    expect(rec.events[1]).toMatchObject({ kind: 'unparseable', eventName: 'message' });
    expect(rec.events[2]).toEqual({ kind: 'end_session', reason: 'completed', message: null });
    expect(rec.channel.state).toBe('connected');
    bad();
  });

  it('reports a server-side refusal as closed with the reason and does not retry', async () => {
    const server = await plainServer(false);
    let attempts = 0;
    server.io.use((_socket, next) => {
      attempts++;
      next(new Error('Invalid sessionId'));
    });
    const rec = record(server.url, 'gone');
    rec.channel.connect();
    await rec.until(() => rec.channel.state === 'closed', 'closed');
    await new Promise((r) => setTimeout(r, 150));
    expect(attempts).toBe(1);
    expect(rec.states.map((s) => [s.state, s.info.reason])).toEqual([
      ['connecting', undefined],
      ['closed', 'Invalid sessionId'],
    ]);
  });

  it('close() stops reconnection, reports closed once and ends event delivery', async () => {
    const server = await plainServer(false);
    let connections = 0;
    server.io.on('connection', () => connections++);
    const rec = record(server.url, 'any');
    const other: SocketEvent[] = [];
    const off = rec.channel.on((e) => other.push(e));
    rec.channel.connect();
    await rec.until(() => rec.channel.state === 'connected', 'connected');
    off();
    server.io.emit('message', { type: 'agent', content: 'one' });
    await rec.until(() => rec.events.length === 1, 'event');
    expect(other).toEqual([]);
    rec.channel.close();
    rec.channel.close();
    server.io.emit('message', { type: 'agent', content: 'two' });
    await new Promise((r) => setTimeout(r, 150));
    expect(connections).toBe(1);
    expect(rec.events).toHaveLength(1);
    expect(rec.states.map((s) => s.state)).toEqual(['connecting', 'connected', 'closed']);
    expect(rec.states.at(-1)?.info.reason).toBe('closed by client');
  });
});
