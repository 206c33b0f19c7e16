// Promises that resolve when a task reaches a state where nothing more happens on its own
// (finished, unknown, or waiting for an answer): the CLI waits on these instead of polling.
import type { TaskStatus, TaskView } from '../../contract/index';
import { SETTLED } from '../../contract/task-status';

export function isSettled(status: TaskStatus): boolean {
  return SETTLED.has(status);
}

export class SettleWaiters {
  private readonly waiters = new Map<string, Set<(task: TaskView) => void>>();

  /** Resolves with the task once it is settled; at once when `current` already is. */
  wait(current: TaskView): Promise<TaskView> {
    if (isSettled(current.status)) return Promise.resolve(current);
    return new Promise((resolve) => {
      const set = this.waiters.get(current.id) ?? new Set();
      set.add(resolve);
      this.waiters.set(current.id, set);
    });
  }

  /** Every change of a task comes through here; a settled one releases its waiters. */
  changed(task: TaskView): void {
    if (!isSettled(task.status)) return;
    for (const resolve of this.waiters.get(task.id) ?? []) resolve(task);
    this.waiters.delete(task.id);
  }
}
