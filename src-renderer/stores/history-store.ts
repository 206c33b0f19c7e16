// History: one filtered, keyset-paged list. A newer query makes answers to older ones
// irrelevant, so each load carries a generation number.
import { create } from 'zustand';
import type { DeskEvent, HistoryFilter, TaskPage, TaskView } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { saveDownload } from '../download';
import { describeDelete, refreshRows } from './reduce-tasks';
import { useTasksStore } from './tasks-store';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';
import { attempt } from './toast-store';
import { checkedOf, toggled } from './reduce-selection';

const PAGE = 100;

interface HistoryState extends Loadable {
  filter: HistoryFilter;
  rows: TaskView[];
  cursor: string | null;
  /** The first answer (or failure) for the current filter has arrived. */
  loaded: boolean;
  generation: number;
  /** Rows ticked for deletion. */
  checked: Record<string, true>;
  /** The outcome of the last delete, kept on screen until the next one. */
  deleteMessage: string | null;
  toggle(id: string): void;
  setChecked(ids: string[]): void;
  deleteChecked(): Promise<void>;
  load(filter: HistoryFilter): Promise<void>;
  loadMore(): Promise<void>;
  exportAs(format: 'csv' | 'json'): Promise<void>;
  /** Exports the ticked rows only. */
  exportChecked(format: 'csv' | 'json'): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

export const useHistoryStore = create<HistoryState>((set, get) => ({
  filter: {},
  rows: [],
  cursor: null,
  ...NOT_LOADED,
  loaded: false,
  generation: 0,
  checked: {},
  deleteMessage: null,
  toggle(id) {
    set({ checked: toggled(get().checked, id) });
  },
  setChecked(ids) {
    set({ checked: checkedOf(ids) });
  },
  async deleteChecked() {
    const ids = Object.keys(get().checked);
    if (ids.length === 0) return;
    const result = await attempt(() => deskClient().call('history.delete', { ids }));
    if (!result) return;
    const skipped = new Set(result.skipped);
    const gone = ids.filter((id) => !skipped.has(id));
    const goneSet = new Set(gone);
    const tasks = useTasksStore.getState();
    const deleteMessage = describeDelete(
      result,
      Object.fromEntries(get().rows.map((r) => [r.id, r])),
    );
    tasks.forget(gone);
    // Skipped rows stay ticked, so they can be deleted once they have finished.
    set({
      rows: get().rows.filter((r) => !goneSet.has(r.id)),
      checked: Object.fromEntries(result.skipped.map((id) => [id, true as const])),
      deleteMessage,
    });
  },
  async load(filter) {
    const generation = get().generation + 1;
    set({ filter, generation, error: null });
    const current = (): boolean => get().generation === generation;
    const applied = await loadInto<HistoryState, TaskPage>(
      set,
      () => deskClient().call('history.list', { filter, limit: PAGE }),
      (page) => {
        useTasksStore.getState().remember(page.tasks);
        return { rows: page.tasks, cursor: page.nextCursor, loaded: true };
      },
      current,
    );
    if (!applied && current()) set({ loaded: true });
  },
  async loadMore() {
    const { cursor, loading, filter, generation } = get();
    if (!cursor || loading) return;
    set({ loading: true });
    const page = await attempt(() =>
      deskClient().call('history.list', { filter, limit: PAGE, before: cursor }),
    );
    if (get().generation !== generation) return;
    if (page) useTasksStore.getState().remember(page.tasks);
    set({
      loading: false,
      rows: page ? [...get().rows, ...page.tasks] : get().rows,
      cursor: page ? page.nextCursor : cursor,
    });
  },
  async exportAs(format) {
    const file = await attempt(() =>
      deskClient().call('history.export', { format, filter: get().filter }),
    );
    if (file) saveDownload(file.filename, file.mimeType, file.content);
  },
  async exportChecked(format) {
    const ids = Object.keys(get().checked);
    if (ids.length === 0) return;
    const file = await attempt(() => deskClient().call('history.export', { format, ids }));
    if (file) saveDownload(file.filename, file.mimeType, file.content);
  },
  applyEvents(events) {
    const rows = refreshRows(get().rows, events);
    if (rows) set({ rows });
  },
}));
