// How the Runner schedules: concurrency, rate limits, priority, pause, budget, recovery,
// sessions and socket-driven polling.
import { describe, expect, it, vi } from 'vitest';
import { WebRunError } from '../../src-main/core/webrun/errors';
import type { SocketEvent } from '../../src-main/core/webrun/socket-events';
import type { ChannelFactory } from '../../src-main/core/runner/session-links';
import {
  flush,
  makeRunner,
  outcome,
  scriptedClient,
  sessions,
  store,
  submit,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

describe('Runner', () => {
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

  // Found by the model-based test (issue 29): the requeue after a 503, refused by a busy store
  // and written on the retry a second later, left the task queued with nothing to send it.
  it('sends a task again once the requeue a busy store refused is written on its retry', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      throw new WebRunError({
        kind: 'unavailable',
        status: 503,
        message: 'No available instances.',
        retryAfterMs: null,
      });
    });
    s.onSubmit(async () => outcome({ state: 'completed', sessionId: 's', taskId: 't' }));
    const update = store.update.bind(store);
    let refused = 0;
    vi.spyOn(store, 'update').mockImplementation((id, patch, event) => {
      if (patch.status === 'queued' && refused === 0) {
        refused += 1;
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      }
      return update(id, patch, event);
    });
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    expect(refused).toBe(1);
    expect(r.status().paused).toBe(true); // a storage failure stops new work with its reason
    r.setPaused(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.client.runTask).toHaveBeenCalledTimes(2);
    expect(store.get(task.id)!.status).toBe('completed');
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

describe('a poll that comes back after its task was stopped', () => {
  it('lets the slot go: the stopped task is not counted as running, and the next task starts', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'pending', sessionId: 's1', taskId: 't1', pollUrl: 'http://w/task/s1/t1' }),
    );
    // The poll is out (WebRun slow to answer) while the person stops the task.
    let answerPoll: (o: ReturnType<typeof outcome>) => void = () => {};
    s.onPoll(() => new Promise((resolve) => (answerPoll = resolve)));
    const r = makeRunner(s.client, { concurrency: () => 1 });
    const task = submit(r, { prompt: 'watch the auction' });
    await flush();
    await vi.advanceTimersByTimeAsync(2_500);
    expect(s.client.pollTask).toHaveBeenCalledTimes(1);
    // The stop reads the cost with one last poll; WebRun does not answer it either, so the stop
    // is recorded without it once that poll's 5 s are up.
    const stopping = r.controls.userStop(task.id);
    await vi.advanceTimersByTimeAsync(5_000);
    await stopping;
    expect(store.get(task.id)!.status).toBe('stopped');
    expect(r.activeCount()).toBe(0);
    answerPoll(outcome({ state: 'running' }));
    await flush();
    expect(store.get(task.id)!.status).toBe('stopped');
    expect(r.activeCount()).toBe(0);
    expect(r.status().active).toBe(0);
    // The one slot is free: the next task is sent.
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 's2', taskId: 't2', message: 'ok' }),
    );
    submit(r, { prompt: 'next' });
    await flush();
    expect(s.client.runTask).toHaveBeenCalledTimes(2);
  });
});
