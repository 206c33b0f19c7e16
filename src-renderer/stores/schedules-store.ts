// WebRun triggers (schedules): the list, the selected one's runs with their cost, and every
// action on them. After an action the list is read again, since WebRun answers some actions
// (pause, resume) with only part of the trigger.
import { create } from 'zustand';
import type { MethodInput, TriggerRunView, TriggerView } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { attempt, toastInfo } from './toast-store';

export type TriggerFields = MethodInput<'triggers.create'>;

interface SchedulesState {
  triggers: TriggerView[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  runs: TriggerRunView[];
  load(): Promise<void>;
  select(id: string | null): Promise<void>;
  create(fields: TriggerFields): Promise<boolean>;
  update(id: string, patch: Partial<TriggerFields>): Promise<boolean>;
  act(action: 'pause' | 'resume' | 'run' | 'delete', id: string): Promise<void>;
  setBudgetCap(id: string, capped: boolean): Promise<void>;
  importRuns(): Promise<void>;
}

const DONE: Record<string, string> = {
  pause: 'Schedule paused.',
  resume: 'Schedule resumed.',
  delete: 'Schedule deleted.',
};

export const useSchedulesStore = create<SchedulesState>((set, get) => ({
  triggers: [],
  loaded: false,
  loading: false,
  error: null,
  selectedId: null,
  runs: [],
  async load() {
    set({ loading: true });
    try {
      set({
        triggers: await deskClient().call('triggers.list', {}),
        loading: false,
        loaded: true,
        error: null,
      });
    } catch (error) {
      set({ loading: false, loaded: true, error: (error as Error).message });
    }
    const selected = get().selectedId;
    if (selected && !get().triggers.some((t) => t.id === selected))
      set({ selectedId: null, runs: [] });
  },
  async select(id) {
    set({ selectedId: id, runs: id === get().selectedId ? get().runs : [] });
    if (!id) return;
    const detail = await attempt(() => deskClient().call('triggers.get', { id }));
    if (detail && get().selectedId === id) set({ runs: detail.runs });
  },
  async create(fields) {
    const created = await attempt(() => deskClient().call('triggers.create', fields));
    if (!created) return false;
    toastInfo(`Schedule “${created.name}” created: ${created.scheduleText}.`);
    await get().load();
    await get().select(created.id);
    return true;
  },
  async update(id, patch) {
    const updated = await attempt(() => deskClient().call('triggers.update', { id, patch }));
    if (!updated) return false;
    toastInfo(`Schedule “${updated.name}” saved.`);
    await get().load();
    return true;
  },
  async act(action, id) {
    const client = deskClient();
    const result =
      action === 'run'
        ? await attempt(() => client.call('triggers.run', { id }))
        : await attempt(() => client.call(`triggers.${action}`, { id }));
    if (result)
      toastInfo(
        action === 'run'
          ? 'Run started: it shows in the runs list once WebRun has it.'
          : DONE[action]!,
      );
    await get().load();
    if (get().selectedId === id) await get().select(action === 'delete' ? null : id);
  },
  async setBudgetCap(id, capped) {
    if (await attempt(() => deskClient().call('triggers.setBudgetCap', { id, capped })))
      await get().load();
  },
  async importRuns() {
    const result = await attempt(() => deskClient().call('triggers.importRuns', {}));
    if (result)
      toastInfo(
        `Imported ${result.imported} run${result.imported === 1 ? '' : 's'} into the history${result.failed.length ? `; ${result.failed.length} schedule(s) could not be read` : ''}.`,
      );
    const selected = get().selectedId;
    if (selected) await get().select(selected);
  },
}));
