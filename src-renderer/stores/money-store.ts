// Money foresight in the UI: the balance as WebRun last reported it, the runway, a queue held
// for balance, and the running tasks flagged for costing far more than usual. Fed by pushed
// `money.status` events; `money.alert` events become a toast (the desktop host turns them into a
// notification when the window is in the background).
import { create } from 'zustand';
import type { CostAnomaly, DeskEvent, MoneyStatus } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { attempt, toastInfo } from './toast-store';

interface MoneyState {
  status: MoneyStatus | null;
  load(): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

export const useMoneyStore = create<MoneyState>((set) => ({
  status: null,
  async load() {
    const status = await attempt(() =>
      deskClient().call('money.status', { tzOffsetMinutes: -new Date().getTimezoneOffset() }),
    );
    if (status) set({ status });
  },
  applyEvents(events) {
    let latest: MoneyStatus | null = null;
    for (const event of events) {
      if (event.name === 'money.status') latest = event.payload;
      else if (event.name === 'money.alert')
        toastInfo(`${event.payload.title}: ${event.payload.text}`);
    }
    if (latest) set({ status: latest });
  },
}));

/** The anomaly flag of one task, if its cost passed its template's threshold. */
export function useAnomaly(taskId: string | null): CostAnomaly | null {
  return useMoneyStore((s) => s.status?.anomalies.find((a) => a.taskId === taskId) ?? null);
}
