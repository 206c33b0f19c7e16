// The one registry of "wait for a task's state": promises that resolve when a task's stored
// state first meets a condition, fed by every stored change (this process's, and another
// process's through processes/). The CLI waits for a task to settle (finished, unknown, or
// waiting for an answer) instead of polling; a cancel of a task still being submitted waits
// for WebRun's answer, since until then there is no session to stop, and refusing would leave
// the person to retry by hand.
import type { TaskStatus, TaskView } from '../../contract/index';
import { SETTLED } from '../../contract/task-status';

export function isSettled(status: TaskStatus): boolean {
  return SETTLED.has(status);
}

interface Waiter {
  until: (task: TaskView) => boolean;
  resolve: (task: TaskView) => void;
}

export class SettleWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();

  /** Resolves with the task once it is settled; at once when `current` already is. */
  wait(current: TaskView): Promise<TaskView> {
    if (isSettled(current.status)) return Promise.resolve(current);
    return this.next(current.id, (task) => isSettled(task.status));
  }

  /**
   * Resolves with the task at the first stored change that meets `until` (the caller checks
   * the current state first).
   */
  next(id: string, until: (task: TaskView) => boolean): Promise<TaskView> {
    return new Promise((resolve) => {
      const set = this.waiting.get(id) ?? new Set();
      set.add({ until, resolve });
      this.waiting.set(id, set);
    });
  }

  /** Every change of a task comes through here; the waiters it satisfies are released. */
  changed(task: TaskView): void {
    const set = this.waiting.get(task.id);
    if (!set) return;
    for (const waiter of set) {
      if (!waiter.until(task)) continue;
      set.delete(waiter);
      waiter.resolve(task);
    }
    if (set.size === 0) this.waiting.delete(task.id);
  }
}
