// Promises that settle when a task's stored state first meets a condition, fed by every stored
// change. Cancelling a task that is still being submitted waits on one: until WebRun answers,
// there is no session to stop, and refusing would leave the person to retry by hand.
import type { StoredTask } from './task-store';

interface Waiter {
  until: (task: StoredTask) => boolean;
  resolve: (task: StoredTask) => void;
}

export class TaskWatch {
  private readonly waiting = new Map<string, Set<Waiter>>();

  /** Resolves with the task at the first stored change that meets `until` (the caller checks the current state first). */
  next(id: string, until: (task: StoredTask) => boolean): Promise<StoredTask> {
    return new Promise((resolve) => {
      const set = this.waiting.get(id) ?? new Set();
      set.add({ until, resolve });
      this.waiting.set(id, set);
    });
  }

  changed(task: StoredTask): void {
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
