// What other processes on the same history file change (an assistant's task run by the MCP
// server, an answer or an approval given in the app) reaches this desk's UI and waiters as if
// it had happened here: the change watch says when, and this decides what to push.
import type Database from 'better-sqlite3';
import type { DeskEvent } from '../../contract/index';
import { pendingApprovals } from '../mcp-approvals/mcp-handlers';
import { watchChanges } from './change-watch';
import type { HostLeases } from '../store/host-leases';
import type { McpRequestsStore } from '../mcp-approvals/mcp-requests-store';
import type { StoredTask, TaskStore } from '../tasks/task-store';

export interface OtherProcesses {
  /** Pushes the approvals list if it changed (also after a decision made here). */
  publishApprovals(): void;
  onExternalChange(listener: () => void): () => void;
  stop(): void;
}

export function followOtherProcesses(o: {
  db: Database.Database;
  store: TaskStore;
  leases: HostLeases;
  mcpRequests: McpRequestsStore;
  emit: (event: DeskEvent) => void;
  taskChanged: (task: StoredTask) => void;
  /** Budget and dispatch look again: spend or the queue may have changed. */
  afterChange: () => void;
}): OtherProcesses {
  let approvals = '[]';
  const publishApprovals = (): void => {
    const list = pendingApprovals(o);
    const text = JSON.stringify(list);
    if (text !== approvals) o.emit({ name: 'mcp.approvals', payload: list });
    approvals = text;
  };
  const listeners = new Set<() => void>();
  const stop = watchChanges({
    db: o.db,
    store: o.store,
    onTasks: (tasks) => {
      for (const task of tasks) o.taskChanged(task);
    },
    onChange: () => {
      publishApprovals();
      o.afterChange();
      for (const listener of listeners) listener();
    },
  });
  return {
    publishApprovals,
    onExternalChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop,
  };
}
