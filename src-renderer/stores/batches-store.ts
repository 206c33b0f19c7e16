// Batches: the list (fed by pushed batch.updated events), the one selected with its results
// table, and the draft being checked before it starts.
import { create } from 'zustand';
import type {
  BatchPreparation,
  BatchResults,
  BatchView,
  DeskEvent,
  MethodInput,
} from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { saveDownload } from '../download';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';
import { attempt, toastInfo } from './toast-store';

export type BatchDraft = Pick<MethodInput<'batches.create'>, 'template' | 'source' | 'settings'>;

interface BatchesState extends Loadable {
  batches: BatchView[];
  selectedId: string | null;
  results: BatchResults | null;
  preparation: BatchPreparation | null;
  checking: boolean;
  /** The person chose to skip the rows with problems (they are never sent). */
  skipProblems: boolean;
  setSkipProblems(skip: boolean): void;
  load(): Promise<void>;
  select(id: string | null): void;
  loadResults(): Promise<void>;
  prepare(draft: BatchDraft): Promise<void>;
  clearPreparation(): void;
  create(
    draft: BatchDraft & { name: string; skipLines: number[]; override?: boolean },
  ): Promise<boolean>;
  control(action: 'pause' | 'resume' | 'cancel' | 'retryFailed', id: string): Promise<void>;
  /** Changes a batch's budget and concurrency, then resumes it if asked; false when refused. */
  edit(
    id: string,
    change: { budget: number | null; concurrency: number },
    resume: boolean,
  ): Promise<boolean>;
  exportResults(id: string, format: 'csv' | 'json'): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

let resultsTimer: ReturnType<typeof setTimeout> | null = null;

export const useBatchesStore = create<BatchesState>((set, get) => ({
  batches: [],
  selectedId: null,
  results: null,
  preparation: null,
  checking: false,
  skipProblems: false,
  ...NOT_LOADED,
  setSkipProblems(skip) {
    set({ skipProblems: skip });
  },
  async load() {
    await loadInto<BatchesState, BatchView[]>(
      set,
      () => deskClient().call('batches.list', {}),
      (batches) => ({ batches }),
    );
  },
  select(id) {
    set({ selectedId: id, results: null, preparation: null });
    if (id) void get().loadResults();
  },
  async loadResults() {
    const id = get().selectedId;
    if (!id) return;
    try {
      const results = await deskClient().call('batches.results', { id });
      if (get().selectedId === id) set({ results });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
  async prepare(draft) {
    set({ checking: true, skipProblems: false });
    const preparation = await attempt(() => deskClient().call('batches.prepare', draft));
    set({ checking: false, preparation });
  },
  clearPreparation() {
    if (get().preparation) set({ preparation: null });
  },
  async create(draft) {
    const batch = await attempt(() => deskClient().call('batches.create', draft));
    if (!batch) return false;
    set({ batches: [batch, ...get().batches.filter((b) => b.id !== batch.id)], preparation: null });
    get().select(batch.id);
    toastInfo(`Batch started: ${batch.counts.total} rows.`);
    return true;
  },
  async control(action, id) {
    const batch = await attempt(() => deskClient().call(`batches.${action}`, { id }));
    if (!batch) return;
    set({
      batches: [batch, ...get().batches.filter((b) => b.id !== batch.id)].sort(
        (a, b) => b.createdAt - a.createdAt,
      ),
    });
    if (action === 'retryFailed') {
      get().select(batch.id);
      toastInfo(`Retrying ${batch.counts.total} rows as a new batch.`);
    }
  },
  async edit(id, change, resume) {
    const calls = async (): Promise<BatchView> => {
      const client = deskClient();
      await client.call('batches.setBudget', { id, budget: change.budget });
      const batch = await client.call('batches.setConcurrency', {
        id,
        concurrency: change.concurrency,
      });
      return resume && ['paused', 'budget_stopped'].includes(batch.state)
        ? client.call('batches.resume', { id })
        : batch;
    };
    const batch = await attempt(calls);
    if (!batch) return false;
    set({ batches: get().batches.map((b) => (b.id === batch.id ? batch : b)) });
    return true;
  },
  async exportResults(id, format) {
    const file = await attempt(() => deskClient().call('batches.export', { id, format }));
    if (file) saveDownload(file.filename, file.mimeType, file.content);
  },
  applyEvents(events) {
    let batches = get().batches;
    let selectedChanged = false;
    for (const event of events) {
      if (event.name !== 'batch.updated') continue;
      const view = event.payload;
      const index = batches.findIndex((b) => b.id === view.id);
      batches = index < 0 ? [view, ...batches] : batches.map((b, i) => (i === index ? view : b));
      if (view.id === get().selectedId) selectedChanged = true;
    }
    if (batches !== get().batches) set({ batches });
    // The table follows the progress, at most every half second.
    if (selectedChanged && !resultsTimer) {
      resultsTimer = setTimeout(() => {
        resultsTimer = null;
        void get().loadResults();
      }, 500);
    }
  },
}));
