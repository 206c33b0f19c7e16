// The runner's claims (queued → submitting) of one turn are written together (claim-batch.ts):
// one transaction, fsync'd once (TaskStore.durably), and no request leaves before it is
// committed. Read back through a second connection to the same file, as another process (or
// the next start after a crash) would see it.
import { describe, expect, it, vi } from 'vitest';
import {
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

/** What a second connection sees of each task: its status and holder, as committed. */
function committed(ids: string[]): { id: string; status: string; holder: string | null }[] {
  return fromOtherConnection((other) =>
    ids.map((id) => {
      const row = other
        .prepare(
          'SELECT t.status, h.host_id AS holder FROM tasks t LEFT JOIN task_holders h ON h.task_id = t.id WHERE t.id = ?',
        )
        .get(id) as { status: string; holder: string | null };
      return { id, ...row };
    }),
  );
}

describe('the claims of one turn', () => {
  it('are one fsync’d commit, made before any of their requests leaves', async () => {
    const s = scriptedClient();
    const order: string[] = [];
    const durably = store.durably.bind(store);
    vi.spyOn(store, 'durably').mockImplementation((write) => {
      order.push('fsync’d commit begins');
      try {
        return durably(write);
      } finally {
        order.push('fsync’d commit ends');
      }
    });
    const claimAll = vi.spyOn(store, 'claimAll');
    const seenAtSend: ReturnType<typeof committed>[] = [];
    s.client.runTask.mockImplementation(async () => {
      order.push('request');
      seenAtSend.push(committed(ids));
      return outcome({ state: 'running', sessionId: 's', taskId: 't' });
    });
    const r = makeRunner(s.client, { concurrency: () => 3, hostId: 'host-1' });
    const ids = ['one', 'two', 'three', 'four'].map((p) => submit(r, { prompt: p }).id);
    await flush();

    expect(claimAll).toHaveBeenCalledTimes(1);
    expect(claimAll.mock.calls[0]![0]).toEqual(ids.slice(0, 3));
    // One fsync'd commit, then the three requests (each answer's ids are fsync'd after).
    expect(order.slice(0, 5)).toEqual([
      'fsync’d commit begins',
      'fsync’d commit ends',
      'request',
      'request',
      'request',
    ]);
    // Every request left with all three claims already committed, each held by this process;
    // the fourth task, beyond the concurrency, was never claimed.
    expect(seenAtSend).toHaveLength(3);
    for (const seen of seenAtSend)
      expect(seen).toEqual([
        { id: ids[0], status: 'submitting', holder: 'host-1' },
        { id: ids[1], status: 'submitting', holder: 'host-1' },
        { id: ids[2], status: 'submitting', holder: 'host-1' },
        { id: ids[3], status: 'queued', holder: null },
      ]);
  });

  it('send nothing when the store refuses their commit: every task stays queued and its slot is free', async () => {
    const s = scriptedClient();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const claimAll = vi.spyOn(store, 'claimAll').mockImplementationOnce(() => {
      throw full;
    });
    const failures: string[] = [];
    const r = makeRunner(s.client, {
      concurrency: () => 2,
      onStorageFailure: (m) => failures.push(m),
    });
    const ids = [submit(r).id, submit(r).id];
    await flush();

    expect(claimAll).toHaveBeenCalledTimes(1);
    expect(s.client.runTask).not.toHaveBeenCalled();
    expect(committed(ids).map((t) => t.status)).toEqual(['queued', 'queued']);
    expect(r.activeCount()).toBe(0);
    // The runner stops sending and says why, once per refused claim.
    expect(r.status()).toMatchObject({
      paused: true,
      blockedReason: expect.stringMatching(/full/),
    });
    expect(failures).toHaveLength(2);
  });

  it('are not made by a runner closed before the end of the turn: the tasks stay queued', async () => {
    const s = scriptedClient();
    const claimAll = vi.spyOn(store, 'claimAll');
    const r = makeRunner(s.client, { concurrency: () => 2 });
    const ids = [submit(r).id, submit(r).id];
    r.close();
    await flush();

    expect(claimAll).not.toHaveBeenCalled();
    expect(s.client.runTask).not.toHaveBeenCalled();
    expect(committed(ids).map((t) => t.status)).toEqual(['queued', 'queued']);
  });
});
