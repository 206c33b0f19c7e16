// Wires batches onto a desk: their store, the driver that feeds rows to the queue through the
// task service (create, unqueue) and the runner's controls (stop, terminateSession), and their
// handlers.
import type Database from 'better-sqlite3';
import type { BatchView } from '../../contract/batches';
import type { Preflight } from '../../contract/index';
import { batchHandlers, type BatchHandlers } from './batch-handlers';
import type { Runner } from '../runner/runner';
import type { SessionStore } from '../sessions/session-store';
import type { TaskService } from '../tasks/task-service';
import { BatchDriver } from './batch-driver';
import { BatchStore } from './batch-store';
import type { RateLimit } from './estimate';

export interface BatchWiring {
  driver: BatchDriver;
  handlers: BatchHandlers;
}

export function wireBatches(o: {
  db: Database.Database;
  sessions: SessionStore;
  runner: Runner;
  now: () => number;
  rateLimit: RateLimit | null;
  log: (line: string) => void;
  onStorageFailure: (message: string) => void;
  emit: (view: BatchView) => void;
  /** The one door for tasks: rows are created (and taken back) through it like any task. */
  tasks: TaskService;
  writable: () => void;
  preflight: (templateKey: string, tasks: number) => Preflight;
}): BatchWiring {
  const store = new BatchStore(o.db, o.now);
  const driver = new BatchDriver({
    store,
    db: o.db,
    sessions: o.sessions,
    now: o.now,
    rateLimit: o.rateLimit,
    log: o.log,
    onStorageFailure: o.onStorageFailure,
    onChanged: o.emit,
    createTask: (input) => o.tasks.create(input),
    unqueue: (taskId) =>
      o.tasks.unqueue(taskId, {
        code: 'BATCH_PAUSED',
        message: 'Taken back from the queue unsent: its batch was paused or cancelled.',
      }),
    stopTask: (taskId) =>
      o.runner.controls.stop(taskId, 'cancelled', {
        code: 'CANCELLED',
        message: 'Cancelled with its batch.',
      }),
    terminateSession: (sessionId) => o.runner.controls.terminateSession(sessionId),
  });
  return {
    driver,
    handlers: batchHandlers({
      store,
      driver,
      now: o.now,
      rateLimit: o.rateLimit,
      writable: o.writable,
      preflight: o.preflight,
    }),
  };
}
