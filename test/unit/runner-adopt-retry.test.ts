// Recovery and the app's take-over adopt a task another process left (issue 22). The take-over
// has already let go of the dead process's hold when adopt writes, so a write the store refused
// there (busy with another process, say) left the task with nothing following it until the next
// start: submitting for ever, or running with no poll planned. The model-based test with two
// cores found both; adopt now keeps the slot and tries the write again on the settle timer.
import { describe, expect, it, vi } from 'vitest';
import { makeRunner, scriptedClient, store, useRunnerHarness } from '../helpers/runner-harness';
import { outcome } from '../helpers/runner-harness';

useRunnerHarness();

/** A task another process was sending, as it left it: submitting, with or without ids. */
function leftSubmitting(id: string, ids: boolean) {
  store.create({ id, prompt: 'Left behind', startingUrl: null, createdAt: Date.now() });
  store.claim(id, Date.now());
  if (ids) store.update(id, { sessionId: 's-left', remoteTaskId: 't-left' });
  return store.get(id)!;
}

/** The store refuses the next update once, as a busy database does. */
function refuseNextUpdate(): void {
  const update = store.update.bind(store);
  const spy = vi.spyOn(store, 'update').mockImplementationOnce(() => {
    spy.mockImplementation(update);
    throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  });
}

describe('adopting a task another process left, when the store refuses a write', () => {
  it('marks one caught without ids unknown once the store takes the write', async () => {
    const s = scriptedClient();
    const runner = makeRunner(s.client);
    const task = leftSubmitting('left-1', false);
    refuseNextUpdate();
    expect(() => runner.adopt(task)).toThrow(/locked/);
    // Still this runner's to finish: it holds the slot, with the write planned again.
    expect(runner.isActive('left-1')).toBe(true);
    expect(runner.isFollowed('left-1')).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.get('left-1')).toMatchObject({ status: 'unknown' });
    expect(runner.isActive('left-1')).toBe(false);
  });

  it('follows one with ids once the store takes the write', async () => {
    const s = scriptedClient();
    s.onPoll(async () => outcome({ state: 'completed', message: 'done' }));
    const runner = makeRunner(s.client);
    const task = leftSubmitting('left-2', true);
    refuseNextUpdate();
    expect(() => runner.adopt(task)).toThrow(/locked/);
    expect(runner.isFollowed('left-2')).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.get('left-2')).toMatchObject({ status: 'completed', resultMessage: 'done' });
  });
});
