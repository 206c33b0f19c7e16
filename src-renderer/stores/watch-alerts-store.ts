// The watches' alerts waiting in the inbox (a material change, a failed check, a failed run,
// unchanged for N days) until the person dismisses them. A raised alert reads the list again.
import { create } from 'zustand';
import type { DeskEvent } from '../../src-main/contract/index';
import type { InboxAlert } from '../../src-main/contract/watches';
import { deskClient } from '../api/desk-client';
import { attempt } from './toast-store';

interface WatchAlertsState {
  alerts: InboxAlert[];
  load(): Promise<void>;
  dismiss(id: number): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

export const useWatchAlertsStore = create<WatchAlertsState>((set, get) => ({
  alerts: [],
  async load() {
    const alerts = await attempt(() => deskClient().call('watches.alerts', {}));
    if (alerts) set({ alerts });
  },
  async dismiss(id) {
    // Gone from the list at once; a failure (the watch deleted meanwhile) reads it again.
    set({ alerts: get().alerts.filter((a) => a.id !== id) });
    if (!(await attempt(() => deskClient().call('watches.dismissAlert', { id }))))
      await get().load();
  },
  applyEvents(events) {
    if (events.some((e) => e.name === 'watch.alert' || e.name === 'watch.changed'))
      void get().load();
  },
}));
