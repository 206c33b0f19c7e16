// The tasks module on a desk, in two steps: its tables (and the waits on them) first, since
// the runner, which sends and follows tasks, reads and writes them; then, once the runner is
// there, the one door for tasks (task-service.ts) and the task methods, both handed the runner
// as this module's TaskEngine.
import type Database from 'better-sqlite3';
import type { Approvals } from '../mcp-approvals/wire-approvals';
import type { SecretStore } from '../secrets/secret-store';
import type { SessionStore } from '../sessions/session-store';
import type { HostLeases } from '../store/host-leases';
import { writableCheck } from '../store/writable';
import { ImportedTasks } from './imported-tasks';
import { SettleWaiters } from './settle-waiters';
import { TaskDetailsStore } from './task-details-store';
import type { TaskEngine } from './task-engine';
import { taskHandlers } from './task-handlers';
import { TaskService } from './task-service';
import { TaskStore } from './task-store';

export interface TaskTables {
  store: TaskStore;
  details: TaskDetailsStore;
  /** Every stored change of a task resolves the waits it meets. */
  waits: SettleWaiters;
}

export function openTaskTables(db: Database.Database, inactivityMs: number): TaskTables {
  return {
    store: new TaskStore(db, Date.now, inactivityMs),
    details: new TaskDetailsStore(db),
    waits: new SettleWaiters(),
  };
}

export interface Tasks {
  /** The one door: create, re-run, restore, take back from the queue, record a trigger's run. */
  service: TaskService;
  handlers: ReturnType<typeof taskHandlers>;
}

export function wireTasks(o: {
  db: Database.Database;
  tables: TaskTables;
  /** What sends and follows the tasks: the runner. */
  runner: TaskEngine;
  sessions: SessionStore;
  secrets: Pick<SecretStore, 'credentialsFor'>;
  /** Who started a task (an assistant, for the inbox). */
  approvals: Pick<Approvals, 'requests'>;
  leases: Pick<HostLeases, 'holding'>;
  /** Every created task is held for this process (the MCP server's desk). */
  holdsOwnTasks: boolean;
  /** The backend's address: the live view is framed only from its origin. */
  baseUrl: string;
  readOnlyReason: string | null;
  now: () => number;
}): Tasks {
  const { store, details, waits } = o.tables;
  const service = new TaskService({
    store,
    sessions: o.sessions,
    secrets: o.secrets,
    engine: o.runner,
    imported: new ImportedTasks(o.db, details),
    writable: writableCheck(o.readOnlyReason),
    now: o.now,
    holding: (create) => o.leases.holding(create),
    holdsOwnTasks: o.holdsOwnTasks,
  });
  const handlers = taskHandlers({
    store,
    details,
    sessions: o.sessions,
    mcpRequests: o.approvals.requests,
    backendBaseUrl: o.baseUrl,
    tasks: service,
    controls: o.runner.controls,
    waits,
    readOnlyReason: o.readOnlyReason,
  });
  return { service, handlers };
}
