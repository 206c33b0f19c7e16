// The tasks a TaskStore serves from memory must always be the tasks on disk: after its own
// writes, a second store's writes on the same connection, another connection's commits, a
// rolled-back transaction and a delete that clears other rows' links.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/core/store/open-store';
import { HistoryStore } from '../../src-main/core/history/history-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

let dir: string;
let cleanup: () => void;
let db: Database.Database;
let store: TaskStore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = openStore(join(dir, 'h.db')).db;
  store = new TaskStore(db);
});
afterEach(() => {
  db.close();
  cleanup();
});

const create = (id: string, extra: { retryOf?: string } = {}) =>
  store.create({ id, prompt: `task ${id}`, startingUrl: null, createdAt: 1_000, ...extra });

describe('the task read cache', () => {
  it('serves the same task again without reading the row, until the task is written', () => {
    create('a');
    const first = store.get('a');
    expect(store.get('a')).toBe(first); // the same object: from memory
    store.update('a', { lastActivity: 'clicking' });
    expect(store.get('a')).not.toBe(first);
    expect(store.get('a')!.lastActivity).toBe('clicking');
  });

  it("sees a second store's write on the same connection", () => {
    create('a');
    expect(store.get('a')!.status).toBe('queued');
    new TaskStore(db).update('a', { status: 'cancelled' });
    expect(store.get('a')!.status).toBe('cancelled');
  });

  it("sees another connection's commit", () => {
    create('a');
    expect(store.get('a')!.status).toBe('queued');
    const other = new Database(join(dir, 'h.db'));
    other.prepare("UPDATE tasks SET status = 'cancelled' WHERE id = 'a'").run();
    other.close();
    expect(store.get('a')!.status).toBe('cancelled');
  });

  it('keeps nothing read inside a transaction that rolls back', () => {
    const inside = db.transaction(() => {
      create('ghost');
      expect(store.get('ghost')!.id).toBe('ghost');
      throw new Error('roll back');
    });
    expect(() => inside()).toThrow('roll back');
    expect(store.get('ghost')).toBeNull();
  });

  it("forgets every task on a delete, which clears the retries' link to it", () => {
    create('original');
    create('retry', { retryOf: 'original' });
    expect(store.get('retry')!.retryOf).toBe('original');
    store.delete('original');
    expect(store.get('retry')!.retryOf).toBeNull();
  });

  it('hands out frozen tasks, so a caller cannot change what the next one reads', () => {
    create('a');
    const task = store.get('a')!;
    expect(() => {
      (task as { status: string }).status = 'completed';
    }).toThrow(TypeError);
    expect(() => task.tags.push('x')).toThrow(TypeError);
    expect(store.get('a')!.status).toBe('queued');
  });

  it('returns the row as an update wrote it, including what its trigger set', () => {
    create('a');
    const asked = store.update('a', { status: 'needs_input', question: 'Which size?' });
    expect(asked.expiresAt).not.toBeNull(); // waiting_since comes from the status trigger
    expect(asked).toEqual({ ...store.get('a') });
    const later = store.update('a', { lastActivity: 'waiting' });
    expect(later.expiresAt).toBe(asked.expiresAt);
    expect(later).toEqual({ ...store.get('a') });
  });

  it('a create, a claim and a status change return the row as another connection reads it', () => {
    const other = new Database(join(dir, 'h.db'));
    const fresh = (id: string) => new TaskStore(other).get(id);
    try {
      expect(create('a')).toEqual(fresh('a'));
      expect(store.get('a')!.status).toBe('queued');
      const [claimed, taken] = store.claimAll(['a', 'missing'], 2_000, 'host-1');
      expect(taken).toBeNull();
      expect(claimed).toEqual(fresh('a'));
      expect(store.get('a')).toBe(claimed); // remembered once committed
      const paused = store.update('a', { status: 'paused' });
      expect(paused.expiresAt).not.toBeNull(); // set by the status trigger after RETURNING
      expect(paused).toEqual(fresh('a'));
    } finally {
      other.close();
    }
  });

  it('keeps nothing a claim wrote inside a transaction that rolls back', () => {
    create('a');
    const inside = db.transaction(() => {
      expect(store.claimAll(['a'], 2_000)[0]!.status).toBe('submitting');
      throw new Error('roll back');
    });
    expect(() => inside()).toThrow('roll back');
    expect(store.get('a')!.status).toBe('queued');
  });

  // Bug: every page of history was remembered too, so browsing pushed out the tasks the runner
  // reads at every step, and a year of random pages cost more than reading them plainly
  // (history page p99 4-5 ms in the bench, against 1 ms).
  it('pages of history leave the remembered tasks in place', () => {
    // Written by another connection (the CLI, say), so this one has read none of them yet.
    const other = new Database(join(dir, 'h.db'));
    const writer = new TaskStore(other);
    for (let i = 0; i < 1_201; i++)
      writer.create({ id: `t-${i}`, prompt: `task ${i}`, startingUrl: null, createdAt: 1_000 + i });
    other.close();
    const hot = store.get('t-0');
    const history = new HistoryStore(db);
    let cursor: string | null = null;
    let read = 0;
    do {
      const page = history.list({}, 100, cursor);
      read += page.tasks.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(read).toBe(1_201);
    expect(store.get('t-0')).toBe(hot); // still from memory
  });
});
