// Whatever WebRun answers is kept (issue 22): an answer to run-task that arrives after the task
// was marked unknown meanwhile (another process gave up on it, as the app did while `run` waited
// out WebRun's 50 s) still writes its ids, status and cost, and the task is followed to its end.
import { describe, expect, it, vi } from 'vitest';
import {
  flush,
  makeRunner,
  outcome,
  scriptedClient,
  store,
  submit,
  usage,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

describe('a late answer to a submission', () => {
  it('is written and followed even when the task was marked unknown while it was sent', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      // Another process marks the task unknown while WebRun holds the request.
      const sending = store.unfinished().find((t) => t.status === 'submitting')!;
      store.update(sending.id, {
        status: 'unknown',
        endedAt: Date.now(),
        error: { code: 'OUTCOME_UNKNOWN', message: 'The app stopped while it was sent.' },
      });
      return outcome({ state: 'pending', sessionId: 's1', taskId: 't1', usage: usage(0.01) });
    });
    s.onPoll(async () => outcome({ state: 'completed', message: 'done', usage: usage(0.02) }));
    const id = submit(makeRunner(s.client)).id;
    await flush();
    expect(store.get(id)).toMatchObject({ sessionId: 's1', remoteTaskId: 't1' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.get(id)).toMatchObject({ status: 'completed', resultMessage: 'done' });
    expect(store.get(id)!.error).toBeNull();
  });

  it('writes its ids and cost whatever the row says meanwhile, and keeps that status', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => {
      // Another process ended the row while WebRun held the request.
      const sending = store.unfinished().find((t) => t.status === 'submitting')!;
      store.update(sending.id, {
        status: 'failed',
        endedAt: Date.now(),
        error: { code: 'ENDED_ELSEWHERE', message: 'Ended by another process.' },
      });
      return outcome({ state: 'running', sessionId: 's2', taskId: 't2', usage: usage(0.04) });
    });
    const runner = makeRunner(s.client);
    const id = submit(runner).id;
    await flush();
    const sending = runner.sent(id);
    if (sending) await sending;
    expect(runner.sent(id)).toBeNull();
    expect(store.get(id)).toMatchObject({
      status: 'failed',
      sessionId: 's2',
      remoteTaskId: 't2',
      usage: expect.objectContaining({ cost: 0.04 }),
    });
    expect(store.events(id).some((e) => (e.payload as { lateAnswer?: boolean })?.lateAnswer)).toBe(
      true,
    );
  });
});
