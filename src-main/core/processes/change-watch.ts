// Notices writes another process makes to the same history file (the MCP server beside the
// app, the CLI): SQLite's `PRAGMA data_version` changes only when another connection has
// committed, so a cheap poll of it says when to read again, and own writes never trigger it.
import type Database from 'better-sqlite3';
import type { StoredTask, TaskStore } from '../tasks/task-store';

export const CHANGE_WATCH_MS = 300;
const LOOK_BACK_MS = 2_000;

export interface ChangeWatchOptions {
  db: Database.Database;
  store: TaskStore;
  /** Tasks another process changed since the last look. */
  onTasks: (tasks: StoredTask[]) => void;
  /** Anything else changed (settings, approvals, a new question): called on every change. */
  onChange: () => void;
  intervalMs?: number;
  now?: () => number;
}

export function watchChanges(options: ChangeWatchOptions): () => void {
  const { db, store } = options;
  const version = db.prepare('PRAGMA data_version').pluck();
  const changedSince = db
    .prepare('SELECT id FROM tasks WHERE updated_at >= ? ORDER BY updated_at')
    .pluck();
  let last = version.get() as number;
  // A row is stamped before its transaction commits, so one committed just after a look may
  // carry an earlier stamp: look back a little further, reading some rows twice, none never.
  let since = (options.now ?? Date.now)();
  const timer = setInterval(() => {
    try {
      const current = version.get() as number;
      if (current === last) return;
      last = current;
      const ids = changedSince.all(since - LOOK_BACK_MS) as string[];
      since = (options.now ?? Date.now)();
      const tasks = ids.flatMap((id) => store.get(id) ?? []);
      if (tasks.length > 0) options.onTasks(tasks);
      options.onChange();
    } catch {
      // A closed or broken database: the host reports storage problems elsewhere.
    }
  }, options.intervalMs ?? CHANGE_WATCH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
