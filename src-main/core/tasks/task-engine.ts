// What the tasks module asks of whatever sends and follows its tasks: the runner
// (core/runner) implements it and the desk hands it over, so the tasks module never imports
// the runner, which reads and writes the tasks' tables from above.
import type { StoredTask } from './task-store';

/** The controls a person (or the desk) has over a task: the only code that writes its status. */
export interface TaskControlsPort {
  cancel(id: string): Promise<void>;
  userStop(id: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  /** Follows an `unknown` task again. */
  check(id: string): void;
  answer(id: string, answer: string, by?: 'app' | 'cli'): Promise<void>;
  /** The live view's address once the person holds the browser. */
  takeOver(id: string): Promise<string | null>;
  release(id: string): Promise<void>;
  move(id: string, priority: number | undefined, before: string | null | undefined): void;
  /** Writes a task cancelled before it was sent back to `queued`. */
  restore(id: string): StoredTask;
  /** Ends a task still queued with `reason`; false when it was claimed meanwhile. */
  unqueue(id: string, reason: { code: string; message: string }): boolean;
  /** Terminates a session at WebRun (a session already gone there is recorded as ended). */
  terminate(sessionId: string): Promise<void>;
}

export interface TaskEngine {
  /** Queues a task just written: it is sent when a slot is free. */
  enqueue(task: StoredTask): void;
  readonly controls: TaskControlsPort;
}
