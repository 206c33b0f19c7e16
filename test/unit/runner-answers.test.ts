// WebRun's answers that come in together are written in one transaction, fsync'd once
// (answer-group.ts): their ids are on disk before anything acts on them, read back through a
// second connection to the same file as another process (or the next start) would see them.
// An answer whose write fails is undone alone, its ids still kept, and the others stand.
import { describe, expect, it, vi } from 'vitest';
import type { TaskOutcome } from '../../src-main/core/webrun/types';
import {
  changes,
  flush,
  fromOtherConnection,
  makeRunner,
  outcome,
  scriptedClient,
  store,
  submit,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

/** What a second connection sees of a task, as committed. */
function committed(id: string): { status: string; remote_task_id: string | null } {
  return fromOtherConnection(
    (other) =>
      other.prepare('SELECT status, remote_task_id FROM tasks WHERE id = ?').get(id) as {
        status: string;
        remote_task_id: string | null;
      },
  );
}

/** Three submissions whose answers the test releases together, in one turn. */
function threeAnswersAtOnce() {
  const s = scriptedClient();
  const release: (() => void)[] = [];
  for (const n of [1, 2, 3])
    s.onSubmit(
      () =>
        new Promise<TaskOutcome>((resolve) =>
          release.push(() =>
            resolve(outcome({ state: 'running', sessionId: `s${n}`, taskId: `t${n}` })),
          ),
        ),
    );
  return { s, releaseAll: () => release.forEach((r) => r()) };
}

describe('the answers of one turn', () => {
  it('are one fsync’d commit, and nothing acts on an answer before its ids are committed', async () => {
    const { s, releaseAll } = threeAnswersAtOnce();
    const durable: string[] = [];
    const durably = store.durably.bind(store);
    vi.spyOn(store, 'durably').mockImplementation((write) => {
      // One inside an open transaction joins it: that transaction's commit is the one.
      if (!store.inTransaction()) durable.push('fsync’d commit');
      return durably(write);
    });
    const r = makeRunner(s.client, { concurrency: () => 3 });
    const ids = [submit(r).id, submit(r).id, submit(r).id];
    await flush();
    expect(durable).toEqual(['fsync’d commit']); // the three claims
    changes.length = 0;

    // Every task the runner tells about as running has its ids committed by then.
    const seenWhenTold = new Map<string, ReturnType<typeof committed>[]>();
    const told = changes.push.bind(changes);
    vi.spyOn(changes, 'push').mockImplementation((...tasks) => {
      for (const t of tasks)
        seenWhenTold.set(t.id, [...(seenWhenTold.get(t.id) ?? []), committed(t.id)]);
      return told(...tasks);
    });
    releaseAll();
    await flush();

    expect(durable).toEqual(['fsync’d commit', 'fsync’d commit']); // the three answers: one
    expect([...seenWhenTold.keys()].sort()).toEqual([...ids].sort());
    ids.forEach((id, i) => {
      for (const seen of seenWhenTold.get(id)!)
        expect(seen).toEqual({ status: 'running', remote_task_id: `t${i + 1}` });
    });
    expect(ids.map((id) => store.get(id)!.remoteTaskId)).toEqual(['t1', 't2', 't3']);
  });

  it('undo an answer whose write fails alone: its ids are still kept, the others stand', async () => {
    const { s, releaseAll } = threeAnswersAtOnce();
    const r = makeRunner(s.client, { concurrency: () => 3 });
    const ids = [submit(r).id, submit(r).id, submit(r).id];
    await flush();
    // The second answer's step fails after its ids were written (its move to running is refused).
    const update = store.update.bind(store);
    let refused = 0;
    vi.spyOn(store, 'update').mockImplementation((id, patch, event) => {
      if (id === ids[1] && patch.status === 'running' && refused++ === 0)
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return update(id, patch, event);
    });
    releaseAll();
    await flush();

    expect(refused).toBe(1);
    expect(committed(ids[0]!)).toEqual({ status: 'running', remote_task_id: 't1' });
    expect(committed(ids[2]!)).toEqual({ status: 'running', remote_task_id: 't3' });
    // Its step undone, but WebRun's ids for it were written on their own after the group.
    expect(committed(ids[1]!).remote_task_id).toBe('t2');
    expect(s.client.runTask).toHaveBeenCalledTimes(3);
  });
});

describe('a runner that closes in the turn its answers came', () => {
  it('writes them first: no task WebRun accepted loses its ids', async () => {
    const { s, releaseAll } = threeAnswersAtOnce();
    // The claims run at once; from the answers on, the turn's end is the test's to call.
    let hold = false;
    const held: (() => void)[] = [];
    const r = makeRunner(s.client, {
      concurrency: () => 3,
      afterBurst: (fn) => (hold ? held.push(fn) : queueMicrotask(fn)),
    });
    const ids = [submit(r).id, submit(r).id, submit(r).id];
    await flush();
    hold = true;
    releaseAll();
    await flush();
    expect(held.length).toBeGreaterThan(0); // the answers wait for the turn's end
    expect(ids.map((id) => committed(id).remote_task_id)).toEqual([null, null, null]);

    r.close();
    ids.forEach((id, i) =>
      expect(committed(id)).toEqual({ status: 'running', remote_task_id: `t${i + 1}` }),
    );
    // The turn's end, after the close, writes nothing again.
    for (const fn of held) fn();
    await flush();
    expect(ids.map((id) => store.get(id)!.remoteTaskId)).toEqual(['t1', 't2', 't3']);
  });
});
