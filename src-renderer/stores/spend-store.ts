// Spend: the summary the core computes (the same numbers the CLI prints), the chart's period,
// and opening a task from the page.
import { create } from 'zustand';
import type { SpendGroupBy, SpendSummary } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { useRouteStore } from './route-store';
import { useTasksStore } from './tasks-store';
import { attempt } from './toast-store';

export type SpendPeriod = 'day' | 'week' | 'month';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';

interface SpendState extends Loadable {
  summary: SpendSummary | null;
  period: SpendPeriod;
  load(): Promise<void>;
  setPeriod(period: SpendPeriod): void;
  /** How the "by client or project" table groups spend; kept while the app runs. */
  groupBy: SpendGroupBy;
  setGroupBy(by: SpendGroupBy): void;
  /** Shows a task in the inspector, beside the history table. */
  openTask(id: string): Promise<void>;
}

export const useSpendStore = create<SpendState>((set) => ({
  summary: null,
  ...NOT_LOADED,
  period: 'day',
  groupBy: 'environment',
  async load() {
    await loadInto<SpendState, SpendSummary>(
      set,
      () =>
        deskClient().call('spend.summary', {
          tzOffsetMinutes: -new Date().getTimezoneOffset(),
          days: 30,
        }),
      (summary) => ({ summary }),
    );
  },
  setPeriod(period) {
    set({ period });
  },
  setGroupBy(groupBy) {
    set({ groupBy });
  },
  async openTask(id) {
    const task = await attempt(() => deskClient().call('tasks.get', { id }));
    if (!task) return;
    const tasks = useTasksStore.getState();
    tasks.remember([task]);
    tasks.select(id);
    useRouteStore.getState().go('history');
  },
}));
