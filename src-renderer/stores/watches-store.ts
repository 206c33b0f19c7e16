// Watches: the list with each one's schedule, verdict rates and next run, the selected one's
// runs and alerts, and every action on them. Pushed `watch.changed` / `watch.alert` events
// read the list (and the open watch) again, so a verdict shows as soon as a run is judged.
import { create } from 'zustand';
import type { DeskEvent } from '../../src-main/contract/index';
import type {
  WatchAlert,
  WatchInput,
  WatchRunView,
  WatchView,
} from '../../src-main/contract/watches';
import { deskClient } from '../api/desk-client';
import { attempt, toastInfo } from './toast-store';

export type SaveOutcome = { ok: true; watch: WatchView } | { ok: false; error: string };
type Action = 'pause' | 'resume' | 'runNow' | 'delete';

interface WatchesState {
  watches: WatchView[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  runs: WatchRunView[];
  alerts: WatchAlert[];
  load(): Promise<void>;
  select(id: string | null): Promise<void>;
  /** The core's refusal comes back to the form (which keeps every field), not as a toast. */
  save(id: string | null, input: WatchInput): Promise<SaveOutcome>;
  act(action: Action, id: string): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

const DONE: Record<Action, string> = {
  pause: 'Watch paused.',
  resume: 'Watch resumed: it counts from now.',
  runNow: "Run sent: it shows in the watch's runs and in the queue.",
  delete: 'Watch deleted; its runs stay in the history.',
};

export const useWatchesStore = create<WatchesState>((set, get) => ({
  watches: [],
  loaded: false,
  loading: false,
  error: null,
  selectedId: null,
  runs: [],
  alerts: [],
  async load() {
    set({ loading: true });
    try {
      const watches = await deskClient().call('watches.list', {});
      set({ watches, loading: false, loaded: true, error: null });
    } catch (error) {
      set({ loading: false, loaded: true, error: (error as Error).message });
    }
    const selected = get().selectedId;
    if (selected && !get().watches.some((w) => w.id === selected))
      set({ selectedId: null, runs: [], alerts: [] });
  },
  async select(id) {
    const same = id === get().selectedId;
    set({ selectedId: id, ...(same ? {} : { runs: [], alerts: [] }) });
    if (!id) return;
    const detail = await attempt(() => deskClient().call('watches.get', { id }));
    if (detail && get().selectedId === id) set({ runs: detail.runs, alerts: detail.alerts });
  },
  async save(id, input) {
    try {
      const client = deskClient();
      const watch =
        id === null
          ? await client.call('watches.create', input)
          : await client.call('watches.update', { id, watch: input });
      toastInfo(id === null ? `Watch “${watch.name}” created.` : `Watch “${watch.name}” saved.`);
      await get().load();
      await get().select(watch.id);
      return { ok: true, watch };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  },
  async act(action, id) {
    const client = deskClient();
    const done = await attempt<unknown>(() =>
      action === 'runNow'
        ? client.call('watches.runNow', { id })
        : client.call(`watches.${action}`, { id }),
    );
    if (done) toastInfo(DONE[action]);
    await get().load();
    if (get().selectedId === id) await get().select(action === 'delete' ? null : id);
  },
  applyEvents(events) {
    if (!get().loaded) return;
    const touched = new Set<string>();
    for (const event of events)
      if (event.name === 'watch.changed' || event.name === 'watch.alert')
        touched.add(event.payload.watchId);
    if (touched.size === 0) return;
    void get().load();
    const selected = get().selectedId;
    if (selected && touched.has(selected)) void get().select(selected);
  },
}));
