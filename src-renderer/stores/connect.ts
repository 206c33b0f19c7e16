// Wires every store to the core: one subscription to pushed events fans out to the stores'
// reducers, and after a dropped link each store reloads, since events were missed meanwhile.
import { deskClient } from '../api/desk-client';
import { useActivityStore } from './activity-store';
import { useBatchesStore } from './batches-store';
import { useCommandStore } from './command-store';
import { connectAppStore, useAppStore } from './app-store';
import { useHistoryStore } from './history-store';
import { useInboxStore } from './inbox-store';
import { useMcpStore } from './mcp-store';
import { useMoneyStore } from './money-store';
import { useQueueStore } from './queue-store';
import { useTasksStore } from './tasks-store';
import { useTemplatesStore } from './templates-store';
import { useWatchAlertsStore } from './watch-alerts-store';
import { useWatchesStore } from './watches-store';

function loadAll(): void {
  void useAppStore.getState().load();
  void useTasksStore.getState().load();
  void useQueueStore.getState().load();
  void useInboxStore.getState().load();
  void useMcpStore.getState().load();
  void useMoneyStore.getState().load();
  void useWatchAlertsStore.getState().load();
  const watches = useWatchesStore.getState();
  if (watches.loaded) void watches.load();
  const history = useHistoryStore.getState();
  if (history.loaded) void history.load(history.filter);
}

export function connectStores(): () => void {
  const client = deskClient();
  const offApp = connectAppStore();
  const offEvents = client.onEvents((events) => {
    useTasksStore.getState().applyEvents(events);
    useActivityStore.getState().applyEvents(events);
    useInboxStore.getState().applyEvents(events);
    useMcpStore.getState().applyEvents(events);
    useQueueStore.getState().applyEvents(events);
    useHistoryStore.getState().applyEvents(events);
    useCommandStore.getState().applyEvents(events);
    useBatchesStore.getState().applyEvents(events);
    useMoneyStore.getState().applyEvents(events);
    useWatchAlertsStore.getState().applyEvents(events);
    useWatchesStore.getState().applyEvents(events);
    useTemplatesStore.getState().applyEvents(events);
  });
  let wasConnected = false;
  const offConnection = client.onConnection((state) => {
    if (state !== 'connected') return;
    if (wasConnected) loadAll();
    wasConnected = true;
  });
  loadAll();
  return () => {
    offApp();
    offEvents();
    offConnection();
  };
}
