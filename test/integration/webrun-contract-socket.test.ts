// Contract suite, real-time half: SocketChannel attached to sandbox sessions (webrun-api.md §2),
// in both response-shape modes: task events in order, end_session on terminate and on expiry,
// and a refused unknown session reported as a state, never thrown.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index.ts';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { newTaskMessage } from '../../src-main/core/webrun/request-body';
import {
  SocketChannel,
  type ChannelState,
  type ChannelStateInfo,
} from '../../src-main/core/webrun/socket-channel';
import type { SocketEvent } from '../../src-main/core/webrun/socket-events';

const SCALE = 0.002;
const KEY = 'wr_contract_socket';

interface Recorded {
  channel: SocketChannel;
  events: SocketEvent[];
  states: { state: ChannelState; info: ChannelStateInfo }[];
  until(predicate: () => boolean, what: string, ms?: number): Promise<void>;
}

function record(url: string, sessionId: string): Recorded {
  const channel = new SocketChannel({ url, sessionId, reconnect: { baseMs: 20, capMs: 100 } });
  const events: SocketEvent[] = [];
  const states: Recorded['states'] = [];
  channel.on((event) => events.push(event));
  channel.onState((state, info) => states.push({ state, info }));
  // A safety net only: a loaded machine may take seconds to connect or to run a task.
  const until: Recorded['until'] = async (predicate, what, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `${what} not seen; events ${events.map((e) => e.kind).join(',')}; states ${states.map((s) => s.state).join(',')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { channel, events, states, until };
}

describe.each([
  ['canonical', false],
  ['legacy', true],
] as const)('SocketChannel against the sandbox (%s shapes)', (_label, legacy) => {
  let sb: SandboxHandle;
  let client: WebRunClient;
  const open: SocketChannel[] = [];
  const attach = (url: string, sessionId: string): Recorded => {
    const rec = record(url, sessionId);
    open.push(rec.channel);
    return rec;
  };

  // Sessions here last their real five idle minutes: at SCALE (600 ms) a loaded machine let one
  // expire between start-session and the socket's connect (issue 30). Only the expiry test
  // wants them short, on a sandbox of its own.
  const sandbox = (expiryScale: number) =>
    startSandbox({
      timeScale: SCALE,
      expiryScale,
      legacy,
      seed: 3,
      rateLimit: null,
      maxConcurrentSessions: 50,
    });

  beforeAll(async () => {
    sb = await sandbox(1);
    client = new WebRunClient({ baseUrl: sb.url, apiKey: KEY });
  });
  afterEach(() => {
    for (const channel of open.splice(0)) channel.close();
  });
  afterAll(async () => {
    await sb.close();
  });

  it('streams a task sent over the socket in order, then end_session when the session is terminated', async () => {
    const session = await client.startSession({});
    const rec = attach(session.socketUrl, session.sessionId);
    rec.channel.connect();
    expect(rec.states[0]?.state).toBe('connecting');
    await rec.until(() => rec.channel.state === 'connected', 'connected');
    expect(rec.states.map((s) => s.state)).toEqual(['connecting', 'connected']);
    // A first connect has nothing to recover; the runner treats that like a gap and polls once.
    expect(rec.states[1]?.info.recovered).toBe(false);

    rec.channel.send(
      newTaskMessage('gen2', { prompt: 'Search for mechanical keyboards [duration:20s]' }),
    );
    await rec.until(() => rec.events.some((e) => e.kind === 'task_completed'), 'task_completed');
    const kinds = rec.events.map((e) => e.kind);
    expect(kinds[0]).toBe('response_update');
    const done = kinds.indexOf('task_completed');
    expect(kinds.indexOf('agent')).toBeGreaterThan(0);
    expect(kinds.indexOf('action')).toBeGreaterThan(kinds.indexOf('agent'));
    expect(done).toBeGreaterThan(kinds.indexOf('action'));
    expect(kinds).not.toContain('unparseable');
    const completed = rec.events[done] as Extract<SocketEvent, { kind: 'task_completed' }>;
    // Legacy task_completed events carry no sessionId; the channel fills in its own.
    expect(completed.outcome).toMatchObject({ state: 'completed', sessionId: session.sessionId });
    expect(completed.outcome.message).toContain('mechanical keyboards');
    expect(completed.outcome.usage?.total_tokens).toBeGreaterThan(0);
    const polled = await client.pollTask({
      sessionId: session.sessionId,
      taskId: completed.outcome.taskId,
    });
    expect(polled).toMatchObject({ state: 'completed', message: completed.outcome.message });

    await client.setState(session.sessionId, 'terminate');
    await rec.until(() => rec.channel.state === 'closed', 'closed');
    expect(rec.events.at(-1)).toEqual({
      kind: 'end_session',
      reason: 'terminated',
      message: 'Session terminated',
    });
    expect(rec.states.at(-1)).toEqual({
      state: 'closed',
      info: { recovered: false, reason: 'io server disconnect' },
    });
    expect(() => rec.channel.send({ actionType: 'state', newState: 'pause' })).toThrow(/closed/);
  });

  it('delivers guardrail and error events of a REST-started task', async () => {
    const session = await client.startSession({});
    const rec = attach(session.socketUrl, session.sessionId);
    rec.channel.connect();
    await rec.until(() => rec.channel.state === 'connected', 'connected');
    const asked = await client.newTask(session.sessionId, {
      prompt: 'Pay the bill [guardrail:Confirm payment?] [fail:PAGE_CRASH] [duration:20s]',
    });
    expect(asked.state).toBe('needs_input');
    await rec.until(
      () => rec.events.some((e) => e.kind === 'guardrail_trigger'),
      'guardrail_trigger',
    );
    const guardrail = rec.events.find((e) => e.kind === 'guardrail_trigger') as Extract<
      SocketEvent,
      { kind: 'guardrail_trigger' }
    >;
    expect(guardrail.outcome).toMatchObject({
      state: 'needs_input',
      question: 'Confirm payment?',
      sessionId: session.sessionId,
    });
    // The answer goes over the socket this time: same message object as send-message's.
    rec.channel.send({ actionType: 'guardrail', prompt: 'yes', newState: 'resume' });
    await rec.until(() => rec.events.some((e) => e.kind === 'error'), 'error');
    expect(rec.events.find((e) => e.kind === 'error')).toEqual({
      kind: 'error',
      message: 'Browser page crashed during execution',
      code: 'PAGE_CRASH',
    });
  });

  it('receives end_session with reason expired when an idle session times out', async () => {
    // Three idle seconds: long enough to connect on a busy machine, short enough to wait for.
    const short = await sandbox(0.01);
    try {
      const session = await new WebRunClient({ baseUrl: short.url, apiKey: KEY }).startSession({});
      expect(session.expiresIn).toBe(3000);
      const rec = attach(session.socketUrl, session.sessionId);
      rec.channel.connect();
      await rec.until(() => rec.channel.state === 'closed', 'closed');
      expect(rec.states.map((s) => s.state)).toEqual(['connecting', 'connected', 'closed']);
      expect(rec.events).toContainEqual({
        kind: 'end_session',
        reason: 'expired',
        message: 'Session expired after 300 seconds of inactivity',
      });
    } finally {
      await short.close();
    }
  });

  it('reports an unknown session as a closed state with the server reason, not an exception', async () => {
    const rec = attach(sb.url, 'nosuchsession');
    expect(() => rec.channel.connect()).not.toThrow();
    await rec.until(() => rec.channel.state === 'closed', 'closed');
    expect(rec.states.map((s) => s.state)).toEqual(['connecting', 'closed']);
    expect(rec.states[1]?.info.reason).toBe('Invalid sessionId: session not found or expired');
    expect(rec.events).toEqual([]);
  });
});
