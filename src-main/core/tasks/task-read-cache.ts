// Remembers the tasks read lately, per database connection. The runner reads the same task
// again at nearly every step of its life (about 27 reads per task: planning an answer, arming
// the deadline, planning a poll, each socket event), and reading and mapping the row was the
// largest share of its CPU. A remembered task is only served while it is provably current:
// - every write through a TaskStore on this connection forgets the task it wrote (every
//   TaskStore on one connection shares one cache, so a second store's write counts too);
// - a commit by any other connection (the MCP server, the CLI, a second window's desk) changes
//   `PRAGMA data_version`, which is read before each lookup, and then everything is forgotten;
// - a row read inside a transaction is not remembered: the transaction may still roll back.
// Views are frozen, so a caller that changed one would fail loudly instead of corrupting it
// for the next reader.
import type Database from 'better-sqlite3';
import type { StoredTask } from './task-row';

/** Enough for every task holding a slot, with room for the ones the UI looks at. */
const MAX_ENTRIES = 1_000;

export class TaskReadCache {
  private readonly entries = new Map<string, StoredTask>();
  private readonly dataVersion: Database.Statement;
  private seenVersion: unknown = null;

  constructor(private readonly db: Database.Database) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /** The task, from memory while no write can have changed it, else from `load`. */
  read(id: string, load: () => StoredTask | null): StoredTask | null {
    const task = this.peek(id, load);
    return task && !this.entries.has(id) ? this.remember(id, task) : task;
  }

  /** Like read, but what `load` brings is not remembered (nor frozen: nobody else sees it). */
  peek(id: string, load: () => StoredTask | null): StoredTask | null {
    const version = this.dataVersion.get();
    if (version !== this.seenVersion) {
      this.entries.clear();
      this.seenVersion = version;
    }
    return this.entries.get(id) ?? load();
  }

  /** A task just read or written; kept unless a transaction that may roll back is open. */
  remember(id: string, task: StoredTask): StoredTask {
    freeze(task); // kept or not, so a caller that changes a task fails every time
    if (this.db.inTransaction) return task;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, task);
    return task;
  }

  /** A write to this task (made or attempted): read it from the database next time. */
  forget(id: string): void {
    this.entries.delete(id);
  }

  /** A write that may touch other rows (a delete clears the `retry_of` of its retries). */
  clear(): void {
    this.entries.clear();
  }
}

function freeze(task: StoredTask): StoredTask {
  for (const value of Object.values(task))
    if (value !== null && typeof value === 'object') Object.freeze(value);
  return Object.freeze(task);
}

const caches = new WeakMap<Database.Database, TaskReadCache>();

/** The one cache of this connection. */
export function taskReadCache(db: Database.Database): TaskReadCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new TaskReadCache(db);
    caches.set(db, cache);
  }
  return cache;
}
