// The inspector's heavier data (usage samples, network, files, guardrails, raw events),
// fetched for one task at a time and refreshed while the task changes.
import { create } from 'zustand';
import type { TaskDetails } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';

interface DetailsState extends Loadable {
  taskId: string | null;
  details: TaskDetails | null;
  load(taskId: string): Promise<void>;
}

export const useDetailsStore = create<DetailsState>((set, get) => ({
  taskId: null,
  details: null,
  ...NOT_LOADED,
  async load(taskId) {
    if (get().taskId !== taskId) set({ taskId, details: null, error: null });
    await loadInto<DetailsState, TaskDetails>(
      set,
      () => deskClient().call('tasks.details', { id: taskId }),
      (details) => ({ details }),
      () => get().taskId === taskId,
    );
  },
}));
