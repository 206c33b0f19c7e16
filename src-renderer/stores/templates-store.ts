// Saved composer inputs to start from. The core keeps them (never credential values, only the
// sites' names) and answers every change with the full, sorted list.
import { create } from 'zustand';
import type { DeskEvent, MethodOutput, Template } from '../../src-main/contract/index';
import type { RunVerdict } from '../../src-main/contract/watches';
import { deskClient } from '../api/desk-client';
import { attempt, toastInfo } from './toast-store';

export type TemplateRates = MethodOutput<'templates.rates'>[number];

interface TemplatesState {
  templates: Template[];
  loaded: boolean;
  /** Each template's checks count and pass and flap rates over its last 20 judged runs. */
  rates: TemplateRates[];
  ratesLoaded: boolean;
  load(): Promise<void>;
  loadRates(): Promise<void>;
  /** Runs' verdicts by their templates' checks, by task id (null: not judged). */
  verdicts: Record<string, RunVerdict | null>;
  loadVerdict(taskId: string): Promise<void>;
  /** Runs were judged by their templates' checks: the rates read again (once shown). */
  applyEvents(events: DeskEvent[]): void;
  save(template: Template): Promise<boolean>;
  remove(name: string): Promise<void>;
}

export const useTemplatesStore = create<TemplatesState>((set, get) => ({
  templates: [],
  loaded: false,
  rates: [],
  ratesLoaded: false,
  verdicts: {},
  async loadVerdict(taskId) {
    try {
      const verdict = await deskClient().call('templates.verdict', { taskId });
      set({ verdicts: { ...get().verdicts, [taskId]: verdict } });
    } catch {
      // The summary row simply stays away; the task itself is shown as ever.
    }
  },
  async load() {
    const templates = await attempt(() => deskClient().call('templates.list', {}));
    if (templates) set({ templates, loaded: true });
  },
  async loadRates() {
    const rates = await attempt(() => deskClient().call('templates.rates', {}));
    if (rates) set({ rates, ratesLoaded: true });
  },
  applyEvents(events) {
    if (!events.some((e) => e.name === 'templates.judged')) return;
    if (get().ratesLoaded) void get().loadRates();
    // A run shown as "not judged yet" may have its verdict now.
    for (const [id, verdict] of Object.entries(get().verdicts))
      if (verdict === null) void get().loadVerdict(id);
  },
  async save(template) {
    const templates = await attempt(() => deskClient().call('templates.save', template));
    if (!templates) return false;
    set({ templates, loaded: true });
    if (get().ratesLoaded) void get().loadRates();
    toastInfo(`Template “${template.name}” saved.`);
    return true;
  },
  async remove(name) {
    const templates = await attempt(() => deskClient().call('templates.delete', { name }));
    if (!templates) return;
    // The Undo notice (guarded-actions.ts) says it was deleted.
    set({ templates });
  },
}));
