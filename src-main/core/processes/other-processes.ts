// What other processes on the same history file change (an assistant's task run by the MCP
// server, an answer or an approval given in the app) reaches this desk's UI and waiters as if
// it had happened here: the change watch says when, and this decides what to push.
import type Database from 'better-sqlite3';
import type { StoredTask, TaskStore } from '../tasks/task-store';
import { watchChanges } from './change-watch';

export interface OtherProcesses {
  onExternalChange(listener: () => void): () => void;
  stop(): void;
}

export function followOtherProcesses(o: {
  db: Database.Database;
  store: TaskStore;
  /** A task another process changed: told like a change made here. */
  taskChanged: (task: StoredTask) => void;
  /** Anything else changed: approvals, caps, preferences, spend or the queue may have. */
  afterChange: () => void;
}): OtherProcesses {
  const listeners = new Set<() => void>();
  const stop = watchChanges({
    db: o.db,
    store: o.store,
    onTasks: (tasks) => {
      for (const task of tasks) o.taskChanged(task);
    },
    onChange: () => {
      o.afterChange();
      for (const listener of listeners) listener();
    },
  });
  return {
    onExternalChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop,
  };
}
