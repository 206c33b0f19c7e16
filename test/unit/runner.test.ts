import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Runner, type RunnerClient, type RunnerOptions } from '../../src-main/core/runner/runner';
import { SessionStore } from '../../src-main/core/store/session-store';
import { TaskDetailsStore } from '../../src-main/core/store/task-details-store';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore, type NewTask, type StoredTask } from '../../src-main/core/store/task-store';
import { WebRunError } from '../../src-main/core/webrun/errors';
import type { TaskOutcome } from '../../src-main/core/webrun/types';
import type { SocketEvent } from '../../src-main/core/webrun/socket-events';
import type { ChannelFactory } from '../../src-main/core/runner/session-links';
import { tempDir } from '../helpers/temp';

const outcome = (o: Partial<TaskOutcome>): TaskOutcome => ({
  state: 'unrecognised',
  sessionId: null,
  taskId: null,
  pollUrl: null,
  message: null,
  files: [],
  network: [],
  usage: null,
  question: null,
  code: null,
  completedAt: null,
  raw: '{}',
  ...o,
});
const usage = (cost: number | null) => ({
  prompt_tokens: 1000,
  completion_tokens: 200,
  total_tokens: 1200,
  completion_time: 3,
  cost,
});

/** A WebRun client whose answers the test scripts, one per call. */
function scriptedClient() {
  const submits: (() => Promise<TaskOutcome>)[] = [];
  const polls: (() => Promise<TaskOutcome>)[] = [];
  const never = () => new Promise<TaskOutcome>(() => {});
  const client = {
    runTask: vi.fn(() => (submits.shift() ?? never)()),
    newTask: vi.fn(() => (submits.shift() ?? never)()),
    pollTask: vi.fn(() => (polls.shift() ?? never)()),
    startSession: vi.fn(async () => ({
      sessionId: 'sess-new',
      socketUrl: 'http://w',
      webViewUrl: 'http://w/live/sess-new',
      webRtcUrl: null,
      dimensions: null,
      expiresIn: null,
      balance: null,
      taskId: null,
      initial: null,
      raw: '{}',
    })),
    setState: vi.fn(async () => {}),
    interact: vi.fn(async () => {}),
    answerGuardrail: vi.fn(async () => {}),
  };
  return {
    client: client as unknown as RunnerClient & typeof client,
    onSubmit: (f: () => Promise<TaskOutcome>) => submits.push(f),
    onPoll: (f: () => Promise<TaskOutcome>) => polls.push(f),
  };
}

let cleanup: () => void;
let store: TaskStore;
let details: TaskDetailsStore;
let sessions: SessionStore;
let closeDb: () => void;
let runner: Runner | null = null;
const changes: StoredTask[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  const t = tempDir();
  const opened = openStore(join(t.dir, 'h.db'));
  store = new TaskStore(opened.db, () => Date.now());
  details = new TaskDetailsStore(opened.db);
  sessions = new SessionStore(opened.db, 'this-run');
  closeDb = () => opened.db.close();
  cleanup = t.cleanup;
  changes.length = 0;
});
afterEach(() => {
  runner?.close();
  runner = null;
  closeDb();
  cleanup();
  vi.useRealTimers();
});

function makeRunner(client: RunnerClient, extra: Partial<RunnerOptions> = {}): Runner {
  runner = new Runner({
    store,
    details,
    sessions,
    client,
    baseUrl: 'http://w',
    useSockets: false,
    onTaskChanged: (t) => changes.push(t),
    random: () => 0.5,
    ...extra,
  });
  return runner;
}

let seq = 0;
function submit(r: Runner, extra: Partial<NewTask> = {}): StoredTask {
  const task = store.create({
    id: `task-${++seq}`,
    prompt: 'x',
    startingUrl: null,
    createdAt: Date.now(),
    ...extra,
  });
  r.enqueue(task);
  return task;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('Runner', () => {
  it('completes a task answered inline, storing the result and the reported cost', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({
        state: 'completed',
        sessionId: 's1',
        taskId: 't1',
        message: 'Found it',
        usage: usage(0.0124),
      }),
    );
    const task = submit(makeRunner(s.client), { prompt: 'find it' });
    await flush();
    const stored = store.get(task.id)!;
    expect(stored).toMatchObject({
      status: 'completed',
      resultMessage: 'Found it',
      sessionId: 's1',
      remoteTaskId: 't1',
      costSource: 'reported',
    });
    expect(stored.usage).toMatchObject({ promptTokens: 1000, completionTokens: 200, cost: 0.0124 });
    expect(changes.map((c) => c.status)).toEqual([
      'queued',
      'submitting',
      'submitting',
      'completed',
    ]);
    expect(store.events(task.id).map((e) => e.toStatus ?? e.kind)).toEqual([
      'queued',
      'submitting',
      'remote',
      'completed',
    ]);
  });

  it('estimates the cost from tokens when WebRun reports none, and says so', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({
        state: 'completed',
        sessionId: 's',
        taskId: 't',
        message: 'ok',
        usage: usage(null),
      }),
    );
    const task = submit(makeRunner(s.client));
    await flush();
    const stored = store.get(task.id)!;
    expect(stored.costSource).toBe('estimated');
    expect(stored.usage!.cost).toBeGreaterThan(0);
  });

  it('stores the remote ids before polling a pending task to completion every 2–3 s', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'pending', sessionId: 's1', taskId: 't1', pollUrl: 'http://w/task/s1/t1' }),
    );
    s.onPoll(async () => outcome({ state: 'running', usage: usage(0.001) }));
    s.onPoll(async () => outcome({ state: 'completed', message: 'done', usage: usage(0.002) }));
    const task = submit(makeRunner(s.client));
    await flush();
    expect(store.get(task.id)).toMatchObject({
      status: 'running',
      sessionId: 's1',
      remoteTaskId: 't1',
      pollUrl: 'http://w/task/s1/t1',
    });
    expect(s.client.pollTask).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_499);
    expect(s.client.pollTask).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.client.pollTask).toHaveBeenCalledTimes(1);
    expect(store.get(task.id)!.usage!.cost).toBe(0.001);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(store.get(task.id)).toMatchObject({ status: 'completed', resultMessage: 'done' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.client.pollTask).toHaveBeenCalledTimes(2);
  });

  it('never runs more tasks at once than the concurrency limit', async () => {
    const s = scriptedClient();
    const r = makeRunner(s.client, { concurrency: () => 2 });
    for (let i = 0; i < 5; i++) submit(r, { prompt: `t${i}` });
    await flush();
    expect(s.client.runTask).toHaveBeenCalledTimes(2);
    expect(r.activeCount()).toBe(2);
  });

  it('keeps a task queued on 429 and sends nothing before Retry-After has passed', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      throw new WebRunError({
        kind: 'rate_limited',
        status: 429,
        message: 'Rate limit exceeded.',
        retryAfterMs: 30_000,
      });
    });
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 's', taskId: 't', message: 'ok' }),
    );
    const task = submit(makeRunner(s.client));
    await flush();
    expect(store.get(task.id)!.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.client.runTask).toHaveBeenCalledTimes(2);
    expect(store.get(task.id)!.status).toBe('completed');
  });

  it('marks a submission whose fate is unknown as unknown and never resends it', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      throw new WebRunError({
        kind: 'timeout',
        message: 'No answer within 70 s.',
        outcomeUnknown: true,
      });
    });
    const task = submit(makeRunner(s.client));
    await flush();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'unknown',
      error: { code: 'OUTCOME_UNKNOWN' },
    });
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
  });

  it('fails a task on a final error with its reason', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      throw new WebRunError({ kind: 'balance', status: 402, message: 'Insufficient balance.' });
    });
    const task = submit(makeRunner(s.client));
    await flush();
    expect(store.get(task.id)).toMatchObject({
      status: 'failed',
      error: { code: 'BALANCE', message: 'Insufficient balance.' },
    });
  });

  it('records a failure WebRun reports, with its code', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({
        state: 'failed',
        sessionId: 's',
        taskId: 't',
        code: 'NAVIGATION_TIMEOUT',
        message: 'Navigation timeout after 30 seconds',
      }),
    );
    const task = submit(makeRunner(s.client));
    await flush();
    expect(store.get(task.id)).toMatchObject({
      status: 'failed',
      error: { code: 'NAVIGATION_TIMEOUT', message: 'Navigation timeout after 30 seconds' },
    });
  });

  it('keeps polling through transient poll errors and unreadable answers, then finishes', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.onPoll(async () => {
      throw new WebRunError({ kind: 'server', status: 500, message: 'Internal server error' });
    });
    s.onPoll(async () => outcome({ state: 'unrecognised', raw: '<html>' }));
    s.onPoll(async () => outcome({ state: 'completed', message: 'ok' }));
    const task = submit(makeRunner(s.client));
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(store.get(task.id)!.status).toBe('completed');
    expect(store.events(task.id).filter((e) => e.kind === 'error')).toHaveLength(1);
  });

  it('ignores answers that arrive after the task ended', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.onPoll(async () => outcome({ state: 'completed', message: 'first' }));
    const r = makeRunner(s.client);
    const task = submit(r);
    await vi.advanceTimersByTimeAsync(3_000);
    const before = store.events(task.id).length;
    // A late duplicate of a terminal answer changes nothing.
    r.apply(task.id, outcome({ state: 'failed', message: 'late' }));
    expect(store.get(task.id)).toMatchObject({ status: 'completed', resultMessage: 'first' });
    expect(store.events(task.id)).toHaveLength(before);
  });

  it('after a crash, marks a task caught mid-submission without ids unknown and resumes polling the others', async () => {
    const a = store.create({ id: 'a', prompt: 'no ids yet', startingUrl: null, createdAt: 1 });
    store.update(a.id, { status: 'submitting' });
    const b = store.create({ id: 'b', prompt: 'has ids', startingUrl: null, createdAt: 2 });
    store.update(b.id, { status: 'running', sessionId: 's', remoteTaskId: 't' });
    const c = store.create({ id: 'c', prompt: 'still queued', startingUrl: null, createdAt: 3 });
    const s = scriptedClient();
    s.onPoll(async () => outcome({ state: 'completed', message: 'b done' }));
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 's2', taskId: 't2', message: 'c done' }),
    );
    makeRunner(s.client).recover();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get(a.id)).toMatchObject({
      status: 'unknown',
      error: { code: 'OUTCOME_UNKNOWN' },
    });
    expect(store.get(b.id)).toMatchObject({ status: 'completed', resultMessage: 'b done' });
    expect(store.get(c.id)).toMatchObject({ status: 'completed', resultMessage: 'c done' });
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
  });

  it('dispatches by priority, first in first out within a priority, and not while the queue is paused', async () => {
    const s = scriptedClient();
    const r = makeRunner(s.client, { concurrency: () => 1 });
    r.setPaused(true);
    submit(r, { prompt: 'low', priority: -1 });
    submit(r, { prompt: 'normal 1' });
    submit(r, { prompt: 'high', priority: 5 });
    submit(r, { prompt: 'normal 2' });
    await flush();
    expect(s.client.runTask).not.toHaveBeenCalled();
    for (let i = 0; i < 4; i++)
      s.onSubmit(async () =>
        outcome({ state: 'completed', sessionId: `s${i}`, taskId: `t${i}`, message: 'ok' }),
      );
    r.setPaused(false);
    await flush();
    expect(
      s.client.runTask.mock.calls.map((c) => (c as unknown as [{ prompt: string }])[0].prompt),
    ).toEqual(['high', 'normal 1', 'normal 2', 'low']);
  });

  it('runs a session task with start-session then newTask, and terminates the session when nothing else waits for it', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 'sess-new', taskId: 't1', message: 'done' }),
    );
    const task = submit(makeRunner(s.client), { mode: 'session' });
    await flush();
    expect(s.client.startSession).toHaveBeenCalledOnce();
    expect(s.client.newTask).toHaveBeenCalledWith(
      'sess-new',
      expect.objectContaining({ prompt: 'x' }),
    );
    expect(store.get(task.id)).toMatchObject({ status: 'completed', sessionId: 'sess-new' });
    expect(s.client.setState).toHaveBeenCalledWith('sess-new', 'terminate');
    expect(sessions.get('sess-new')).toMatchObject({ status: 'ended', endReason: 'terminated' });
  });

  it('keeps a session open when asked, and runs follow-ups in it one at a time', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 'sess-new', taskId: 't1' }));
    const r = makeRunner(s.client);
    const first = submit(r, { mode: 'session', keepSessionOpen: true });
    await flush();
    const followUp = submit(r, { mode: 'session', sessionId: 'sess-new', prompt: 'next' });
    await flush();
    expect(s.client.newTask).toHaveBeenCalledTimes(1); // the session is busy
    expect(store.get(followUp.id)!.status).toBe('queued');
    s.onPoll(async () => outcome({ state: 'completed', message: 'first done' }));
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 'sess-new', taskId: 't2', message: 'second done' }),
    );
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.get(first.id)!.status).toBe('completed');
    expect(store.get(followUp.id)).toMatchObject({
      status: 'completed',
      resultMessage: 'second done',
    });
    expect(s.client.newTask).toHaveBeenLastCalledWith(
      'sess-new',
      expect.objectContaining({ prompt: 'next' }),
    );
    expect(s.client.setState).not.toHaveBeenCalledWith('sess-new', 'terminate');
    expect(sessions.get('sess-new')!.status).toBe('open');
  });

  it('asks once, delivers the answer once without storing it, and resumes polling the same task', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({
        state: 'needs_input',
        sessionId: 's1',
        taskId: 't1',
        question: 'I need login credentials',
      }),
    );
    s.onPoll(async () => outcome({ state: 'needs_input', question: 'I need login credentials' }));
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'needs_input',
      question: 'I need login credentials',
    });
    expect(details.openGuardrails()).toHaveLength(1);

    s.onPoll(async () => outcome({ state: 'completed', message: 'logged in and done' }));
    const answering = r.controls.answer(task.id, 'user: ada / pw: hunter2');
    await expect(r.controls.answer(task.id, 'again')).rejects.toThrow(/already being sent/);
    await answering;
    expect(s.client.answerGuardrail).toHaveBeenCalledExactlyOnceWith(
      's1',
      'user: ada / pw: hunter2',
      'resume',
    );
    await flush();
    expect(store.get(task.id)).toMatchObject({ status: 'completed', question: null });
    expect(details.guardrails(task.id)[0]).toMatchObject({ outcome: 'answered' });
    expect(JSON.stringify(store.events(task.id))).not.toContain('hunter2');
    expect(JSON.stringify(changes)).not.toContain('hunter2');
  });

  it('retries a guardrail answer on a transient error, but not on an unknown outcome', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'needs_input', sessionId: 's1', taskId: 't1', question: 'Which size?' }),
    );
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    s.client.answerGuardrail.mockRejectedValueOnce(
      new WebRunError({
        kind: 'unavailable',
        status: 503,
        message: 'No available instances.',
        retryAfterMs: 1_000,
      }),
    );
    const done = r.controls.answer(task.id, 'M');
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(s.client.answerGuardrail).toHaveBeenCalledTimes(2);
    expect(store.get(task.id)!.status).toBe('running');
  });

  it('notices a question answered elsewhere and takes it out of the inbox', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({
        state: 'needs_input',
        sessionId: 's1',
        taskId: 't1',
        question: 'Confirm purchase?',
      }),
    );
    s.onPoll(async () => outcome({ state: 'running' }));
    const task = submit(makeRunner(s.client));
    await flush();
    expect(details.openGuardrails()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.get(task.id)).toMatchObject({ status: 'running', question: null });
    expect(details.openGuardrails()).toHaveLength(0);
  });

  it('stops a task whose question waits past the guardrail timeout', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'needs_input', sessionId: 's1', taskId: 't1', question: 'CAPTCHA' }),
    );
    const task = submit(makeRunner(s.client, { guardrailTimeoutMs: () => 60_000 }));
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'stopped',
      error: { code: 'GUARDRAIL_TIMEOUT' },
    });
    expect(s.client.answerGuardrail).toHaveBeenCalledWith('s1', expect.any(String), 'stop');
    expect(details.guardrails(task.id)[0]!.outcome).toBe('timed_out');
  });

  it('stops a task when its running cost reaches its cap', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.onPoll(async () => outcome({ state: 'running', usage: usage(0.05) }));
    s.onPoll(async () => outcome({ state: 'running', usage: usage(0.11) }));
    const task = submit(makeRunner(s.client), { costCap: 0.1 });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(store.get(task.id)).toMatchObject({ status: 'stopped', error: { code: 'COST_CAP' } });
    expect(s.client.setState).toHaveBeenCalledWith('s1', 'stop');
    expect(s.client.setState).toHaveBeenCalledWith('s1', 'terminate');
    expect(details.usageSamples(task.id).map((x) => x.cost)).toEqual([0.05, 0.11]);
  });

  it('dispatches nothing while the budget blocks it, and resumes when it no longer does', async () => {
    const s = scriptedClient();
    let blocked: string | null = 'The daily budget of $1.00 is reached.';
    const r = makeRunner(s.client, { dispatchBlocker: () => blocked });
    const task = submit(r);
    await flush();
    expect(s.client.runTask).not.toHaveBeenCalled();
    expect(r.status().blockedReason).toMatch(/daily budget/);
    blocked = null;
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 's', taskId: 't', message: 'ok' }),
    );
    r.kick();
    await flush();
    expect(store.get(task.id)!.status).toBe('completed');
  });

  it('stays paused while WebRun still reports the task running', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.onPoll(async () => outcome({ state: 'running' }));
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    r.change(task.id, { status: 'paused' });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.get(task.id)!.status).toBe('paused');
  });

  it('polls at once on socket news and at most every 15 s while the socket is healthy', async () => {
    const s = scriptedClient();
    const channels: {
      emit: (e: SocketEvent) => void;
      state: (st: 'connected' | 'reconnecting', recovered?: boolean) => void;
    }[] = [];
    const factory: ChannelFactory = () => {
      let onEvent: (e: SocketEvent) => void = () => {};
      let onState: (
        st: 'connected' | 'reconnecting',
        info: { recovered: boolean },
      ) => void = () => {};
      channels.push({
        emit: (e) => onEvent(e),
        state: (st, recovered = false) => onState(st, { recovered }),
      });
      return {
        connect: () => {},
        close: () => {},
        on: (l) => ((onEvent = l), () => {}),
        onState: (l) => ((onState = l as typeof onState), () => {}),
      };
    };
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    const r = makeRunner(s.client, { useSockets: true, channelFactory: factory });
    const task = submit(r);
    await flush();
    expect(channels).toHaveLength(1);
    channels[0]!.state('connected');
    for (let i = 0; i < 10; i++) s.onPoll(async () => outcome({ state: 'running' }));
    await vi.advanceTimersByTimeAsync(3_000); // the poll planned before the socket was up
    const before = s.client.pollTask.mock.calls.length;
    await vi.advanceTimersByTimeAsync(14_000);
    expect(s.client.pollTask.mock.calls.length).toBe(before); // healthy: nothing for 15 s
    channels[0]!.emit({ kind: 'agent', content: 'Looking for the search box' });
    await flush();
    expect(store.get(task.id)!.lastActivity).toBe('Looking for the search box');
    expect(s.client.pollTask.mock.calls.length).toBe(before);
    s.onPoll(async () => outcome({ state: 'completed', message: 'fast' }));
    s.client.pollTask.mockImplementationOnce(async () =>
      outcome({ state: 'completed', message: 'fast' }),
    );
    channels[0]!.emit({ kind: 'task_completed', outcome: outcome({ state: 'completed' }) });
    await flush();
    expect(store.get(task.id)).toMatchObject({ status: 'completed', resultMessage: 'fast' });
  });
});

describe('session end reasons', () => {
  it('says why a session ended in words', async () => {
    const { sessionEndText } = await import('../../src-main/core/runner/runner');
    expect(sessionEndText('expired')).toMatch(/expired after 5 minutes/);
    expect(sessionEndText('instance_lost')).toMatch(/browser instance .* lost/);
    expect(sessionEndText(null)).toMatch(/ended before the task finished/);
  });
});
