// The queue's own state: whether dispatch is paused or blocked, the budget and the tasks ticked
// for bulk actions. The order itself comes from each task's queueOrder.
import { create } from 'zustand';
import type { BudgetStatus, DeskEvent, QueueStatus } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { latestBudgetStatus, latestQueueStatus } from './reduce-live';
import { planMove } from './reduce-tasks';
import { useTasksStore } from './tasks-store';
import { attempt, toastInfo } from './toast-store';
import { checkedOf, toggled } from './reduce-selection';

interface QueueState {
  status: QueueStatus | null;
  budget: BudgetStatus | null;
  checked: Record<string, true>;
  load(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  move(id: string, direction: 'up' | 'down'): Promise<void>;
  toggle(id: string): void;
  setChecked(ids: string[]): void;
  /** Cancels these ticked tasks (the ones still cancellable) and clears the ticks. */
  cancelChecked(ids: string[]): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

export const useQueueStore = create<QueueState>((set, get) => ({
  status: null,
  budget: null,
  checked: {},
  async load() {
    const status = await attempt(() => deskClient().call('queue.status', {}));
    if (status) set({ status });
    // The budget arrives with the spend summary; events keep it current afterwards.
    const spend = await attempt(() =>
      deskClient().call('spend.summary', {
        tzOffsetMinutes: -new Date().getTimezoneOffset(),
        days: 1,
      }),
    );
    if (spend) set({ budget: spend.budget });
  },
  async setPaused(paused) {
    const status = await attempt(() =>
      deskClient().call(paused ? 'queue.pause' : 'queue.resume', {}),
    );
    if (status) set({ status });
  },
  async move(id, direction) {
    const plan = planMove(useTasksStore.getState().byId, id, direction);
    if (!plan) return;
    // The answer carries the task's new queueOrder, which reorders the list.
    const task = await attempt(() => deskClient().call('tasks.move', { id, before: plan.before }));
    if (task) useTasksStore.getState().remember([task]);
  },
  toggle(id) {
    set({ checked: toggled(get().checked, id) });
  },
  setChecked(ids) {
    set({ checked: checkedOf(ids) });
  },
  async cancelChecked(ids) {
    if (ids.length === 0) return;
    const result = await useTasksStore.getState().cancelMany(ids);
    if (!result) return;
    set({ checked: {} });
    const failed = result.failed.length
      ? `; ${result.failed.length} could not be cancelled (${result.failed[0]!.message})`
      : '';
    toastInfo(`Cancelled ${result.cancelled} task${result.cancelled === 1 ? '' : 's'}${failed}.`);
  },
  applyEvents(events) {
    const status = latestQueueStatus(events);
    const budget = latestBudgetStatus(events);
    if (status || budget) set({ ...(status ? { status } : {}), ...(budget ? { budget } : {}) });
  },
}));
