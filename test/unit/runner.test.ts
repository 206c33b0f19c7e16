import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Runner, type RunnerClient } from '../../src-main/core/runner/runner';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore, type StoredTask } from '../../src-main/core/store/task-store';
import { WebRunError } from '../../src-main/core/webrun/errors';
import type { TaskOutcome } from '../../src-main/core/webrun/types';
import { tempDir } from '../helpers/temp';

const outcome = (o: Partial<TaskOutcome>): TaskOutcome => ({
  state: 'unrecognised', sessionId: null, taskId: null, pollUrl: null, message: null, files: [], network: [], usage: null,
  question: null, code: null, completedAt: null, raw: '{}', ...o,
});
const usage = (cost: number | null) => ({ prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200, completion_time: 3, cost });

/** A WebRun client whose answers the test scripts, one per call. */
function scriptedClient() {
  const submits: (() => Promise<TaskOutcome>)[] = [];
  const polls: (() => Promise<TaskOutcome>)[] = [];
  const client = {
    runTask: vi.fn(() => (submits.shift() ?? (() => new Promise<TaskOutcome>(() => {})))()),
    pollTask: vi.fn(() => (polls.shift() ?? (() => new Promise<TaskOutcome>(() => {})))()),
  };
  return {
    client: client as unknown as RunnerClient & typeof client,
    onSubmit: (f: () => Promise<TaskOutcome>) => submits.push(f),
    onPoll: (f: () => Promise<TaskOutcome>) => polls.push(f),
  };
}

let cleanup: () => void;
let store: TaskStore;
let closeDb: () => void;
let runner: Runner | null = null;
const changes: StoredTask[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  const t = tempDir();
  const opened = openStore(join(t.dir, 'h.db'));
  store = new TaskStore(opened.db, () => Date.now());
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

function makeRunner(client: RunnerClient, extra: Partial<ConstructorParameters<typeof Runner>[0]> = {}): Runner {
  runner = new Runner({ store, client, onTaskChanged: (t) => changes.push(t), random: () => 0.5, ...extra });
  return runner;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('Runner', () => {
  it('completes a task answered inline, storing the result and the reported cost', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'completed', sessionId: 's1', taskId: 't1', message: 'Found it', usage: usage(0.0124) }));
    const task = makeRunner(s.client).submit({ prompt: 'find it', startingUrl: null });
    await flush();
    const stored = store.get(task.id)!;
    expect(stored).toMatchObject({ status: 'completed', resultMessage: 'Found it', sessionId: 's1', remoteTaskId: 't1', costSource: 'reported' });
    expect(stored.usage).toMatchObject({ promptTokens: 1000, completionTokens: 200, cost: 0.0124 });
    expect(changes.map((c) => c.status)).toEqual(['queued', 'submitting', 'submitting', 'completed']);
    expect(store.events(task.id).map((e) => e.toStatus ?? e.kind)).toEqual(['queued', 'submitting', 'remote', 'completed']);
  });

  it('estimates the cost from tokens when WebRun reports none, and says so', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'completed', sessionId: 's', taskId: 't', message: 'ok', usage: usage(null) }));
    const task = makeRunner(s.client).submit({ prompt: 'x', startingUrl: null });
    await flush();
    const stored = store.get(task.id)!;
    expect(stored.costSource).toBe('estimated');
    expect(stored.usage!.cost).toBeGreaterThan(0);
  });

  it('stores the remote ids before polling a pending task to completion every 2–3 s', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1', pollUrl: 'http://w/task/s1/t1' }));
    s.onPoll(async () => outcome({ state: 'running', usage: usage(0.001) }));
    s.onPoll(async () => outcome({ state: 'completed', message: 'done', usage: usage(0.002) }));
    const task = makeRunner(s.client).submit({ prompt: 'x', startingUrl: null });
    await flush();
    expect(store.get(task.id)).toMatchObject({ status: 'running', sessionId: 's1', remoteTaskId: 't1', pollUrl: 'http://w/task/s1/t1' });
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
    const r = makeRunner(s.client, { concurrency: 2 });
    for (let i = 0; i < 5; i++) r.submit({ prompt: `t${i}`, startingUrl: null });
    await flush();
    expect(s.client.runTask).toHaveBeenCalledTimes(2);
    expect(r.activeCount()).toBe(2);
  });

  it('keeps a task queued on 429 and sends nothing before Retry-After has passed', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      throw new WebRunError({ kind: 'rate_limited', status: 429, message: 'Rate limit exceeded.', retryAfterMs: 30_000 });
    });
    s.onSubmit(async () => outcome({ state: 'completed', sessionId: 's', taskId: 't', message: 'ok' }));
    const task = makeRunner(s.client).submit({ prompt: 'x', startingUrl: null });
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
      throw new WebRunError({ kind: 'timeout', message: 'No answer within 70 s.', outcomeUnknown: true });
    });
    const task = makeRunner(s.client).submit({ prompt: 'x', startingUrl: null });
    await flush();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(store.get(task.id)).toMatchObject({ status: 'unknown', error: { code: 'OUTCOME_UNKNOWN' } });
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
  });

  it('fails a task on a final error with its reason', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      throw new WebRunError({ kind: 'balance', status: 402, message: 'Insufficient balance.' });
    });
    const task = makeRunner(s.client).submit({ prompt: 'x', startingUrl: null });
    await flush();
    expect(store.get(task.id)).toMatchObject({ status: 'failed', error: { code: 'BALANCE', message: 'Insufficient balance.' } });
  });

  it('records a failure WebRun reports, with its code', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'failed', sessionId: 's', taskId: 't', code: 'NAVIGATION_TIMEOUT', message: 'Navigation timeout after 30 seconds' }));
    const task = makeRunner(s.client).submit({ prompt: 'x', startingUrl: null });
    await flush();
    expect(store.get(task.id)).toMatchObject({ status: 'failed', error: { code: 'NAVIGATION_TIMEOUT', message: 'Navigation timeout after 30 seconds' } });
  });

  it('keeps polling through transient poll errors and unreadable answers, then finishes', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.onPoll(async () => {
      throw new WebRunError({ kind: 'server', status: 500, message: 'Internal server error' });
    });
    s.onPoll(async () => outcome({ state: 'unrecognised', raw: '<html>' }));
    s.onPoll(async () => outcome({ state: 'completed', message: 'ok' }));
    const task = makeRunner(s.client).submit({ prompt: 'x', startingUrl: null });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(store.get(task.id)!.status).toBe('completed');
    expect(store.events(task.id).filter((e) => e.kind === 'error')).toHaveLength(1);
  });

  it('ignores answers that arrive after the task ended', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.onPoll(async () => outcome({ state: 'completed', message: 'first' }));
    const r = makeRunner(s.client);
    const task = r.submit({ prompt: 'x', startingUrl: null });
    await vi.advanceTimersByTimeAsync(3_000);
    const before = store.events(task.id).length;
    // A late duplicate of a terminal answer changes nothing.
    (r as unknown as { apply: (id: string, o: TaskOutcome, p: string) => void }).apply(task.id, outcome({ state: 'failed', message: 'late' }), 'poll');
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
    s.onSubmit(async () => outcome({ state: 'completed', sessionId: 's2', taskId: 't2', message: 'c done' }));
    makeRunner(s.client).recover();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get(a.id)).toMatchObject({ status: 'unknown', error: { code: 'OUTCOME_UNKNOWN' } });
    expect(store.get(b.id)).toMatchObject({ status: 'completed', resultMessage: 'b done' });
    expect(store.get(c.id)).toMatchObject({ status: 'completed', resultMessage: 'c done' });
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
  });
});
