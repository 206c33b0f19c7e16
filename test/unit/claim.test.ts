// The claim (TaskStore.claim): a queued task is taken for submission once, by one process,
// with its holder, and on disk (fsync'd) before the request leaves. Every clause pinned here,
// since a claim that succeeds twice sends a task twice and a claim that is not durable can
// vanish in a power cut and send it again at the next start.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function fresh() {
  const { db } = openStore(join(dir, 'h.db'));
  const store = new TaskStore(db, () => 1_000);
  store.create({ id: 'a', prompt: 'p', startingUrl: null, createdAt: 1_000 });
  return { db, store };
}

const holderOf = (db: ReturnType<typeof fresh>['db'], id: string) =>
  (
    db.prepare('SELECT host_id AS h FROM task_holders WHERE task_id = ?').get(id) as
      { h: string } | undefined
  )?.h ?? null;

describe('TaskStore.claim', () => {
  it('takes a queued task once: submitting, started, its error cleared, one transition', () => {
    const { db, store } = fresh();
    store.update('a', { error: { code: 'OLD', message: 'an earlier refusal' } });
    const claimed = store.claim('a', 2_000, 'host-1');
    expect(claimed).toMatchObject({ id: 'a', status: 'submitting', startedAt: 2_000, error: null });
    expect(claimed!.updatedAt).toBeGreaterThan(1_000);
    expect(holderOf(db, 'a')).toBe('host-1');
    const moves = store.events('a').filter((e) => e.kind === 'transition');
    expect(moves.at(-1)).toMatchObject({ fromStatus: 'queued', toStatus: 'submitting', at: 2_000 });
    // A second claim (another process got there first) gets nothing and writes nothing.
    expect(store.claim('a', 3_000, 'host-2')).toBeNull();
    expect(holderOf(db, 'a')).toBe('host-1');
    expect(store.events('a').filter((e) => e.kind === 'transition')).toHaveLength(moves.length);
    db.close();
  });

  it('claims without a holder when none is given, and nothing that is not queued', () => {
    const { db, store } = fresh();
    expect(store.claim('a', 2_000)).toMatchObject({ status: 'submitting' });
    expect(holderOf(db, 'a')).toBeNull();
    expect(store.claim('missing', 2_000, 'h')).toBeNull();
    store.create({ id: 'b', prompt: 'p', startingUrl: null, createdAt: 1_000 });
    store.update('b', { status: 'cancelled' });
    expect(store.claim('b', 2_000, 'h')).toBeNull();
    expect(store.get('b')?.status).toBe('cancelled');
    db.close();
  });

  it('commits the claim with synchronous = FULL and puts NORMAL back after', () => {
    const { db, store } = fresh();
    const seen: number[] = [];
    const read = () => db.pragma('synchronous', { simple: true }) as number;
    expect(read()).toBe(1); // NORMAL
    store.durably(() => seen.push(read()));
    expect(seen).toEqual([2]); // FULL
    expect(read()).toBe(1);
    // Also after a write that throws.
    expect(() =>
      store.durably(() => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(read()).toBe(1);
    // Inside an outer transaction the outer commit decides: the pragma is left alone.
    db.transaction(() => store.durably(() => seen.push(read())))();
    expect(seen).toEqual([2, 1]);
    db.close();
  });
});
