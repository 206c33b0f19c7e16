// Wires batches onto a desk: their store, the driver that feeds rows to the queue through the
// task service (create, unqueue) and the runner's controls (stop, terminateSession) and reacts
// to every change of their tasks, and their handlers.
import type Database from 'better-sqlite3';
import type { DeskEvent } from '../../contract/index';
import type { Money } from '../money/wire-money';
import { batchHandlers, type BatchHandlers } from './batch-handlers';
import type { RunnerModule } from '../runner/wire-runner';
import type { SessionStore } from '../sessions/session-store';
import type { Tasks } from '../tasks/wire-tasks';
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
  /** The runner's controls stop rows and end sessions; its fan-out tells of every task change. */
  queue: Pick<RunnerModule, 'runner' | 'onTaskChanged'>;
  now: () => number;
  rateLimit: RateLimit | null;
  log: (line: string) => void;
  onStorageFailure: (message: string) => void;
  emit: (event: DeskEvent) => void;
  /** The one door for tasks: rows are created (and taken back) through it like any task. */
  tasks: Pick<Tasks, 'service'>;
  writable: () => void;
  /** Money pre-flight: a batch's runs of its template against the balance and the budget left. */
  money: Pick<Money, 'monitor'>;
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
    onChanged: (view) => o.emit({ name: 'batch.updated', payload: view }),
    createTask: (input) => o.tasks.service.create(input),
    unqueue: (taskId) =>
      o.tasks.service.unqueue(taskId, {
        code: 'BATCH_PAUSED',
        message: 'Taken back from the queue unsent: its batch was paused or cancelled.',
      }),
    stopTask: (taskId) =>
      o.queue.runner.controls.stop(taskId, 'cancelled', {
        code: 'CANCELLED',
        message: 'Cancelled with its batch.',
      }),
    terminateSession: (sessionId) => o.queue.runner.controls.terminateSession(sessionId),
  });
  o.queue.onTaskChanged((task) => driver.onTaskChanged(task.id));
  return {
    driver,
    handlers: batchHandlers({
      store,
      driver,
      now: o.now,
      rateLimit: o.rateLimit,
      writable: o.writable,
      preflight: (templateKey, tasks) => o.money.monitor.preflight({ templateKey }, tasks),
    }),
  };
}
