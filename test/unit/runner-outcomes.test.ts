// How the Runner turns WebRun answers into stored results: completion, cost, polling, failures.
import { describe, expect, it, vi } from 'vitest';
import { WebRunError } from '../../src-main/core/webrun/errors';
import {
  changes,
  details,
  flush,
  makeRunner,
  outcome,
  scriptedClient,
  sessions,
  store,
  submit,
  usage,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

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
});

describe('session end reasons', () => {
  it('says why a session ended in words', async () => {
    const { sessionEndText } = await import('../../src-main/core/runner/runner');
    expect(sessionEndText('expired')).toMatch(/expired after 5 minutes/);
    expect(sessionEndText('instance_lost')).toMatch(/browser instance .* lost/);
    expect(sessionEndText(null)).toMatch(/ended before the task finished/);
  });

  it("gives a task WebRun answers as terminated, without a message, its session's end in words", async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'running', sessionId: 's1', taskId: 't1' }));
    s.onPoll(async () => outcome({ state: 'terminated', message: null }));
    const task = submit(makeRunner(s.client));
    await flush();
    sessions.end('s1', 'expired', Date.now());
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'stopped',
      error: { code: 'TERMINATED', message: expect.stringMatching(/expired after 5 minutes/) },
    });
  });
});
