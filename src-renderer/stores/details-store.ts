// The inspector's heavier data (usage samples, network, files, guardrails, raw events),
// fetched for one task at a time and refreshed while the task changes.
import { create } from 'zustand';
import type { TaskDetails } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';

interface DetailsState {
  taskId: string | null;
  details: TaskDetails | null;
  loading: boolean;
  error: string | null;
  load(taskId: string): Promise<void>;
}

export const useDetailsStore = create<DetailsState>((set, get) => ({
  taskId: null,
  details: null,
  loading: false,
  error: null,
  async load(taskId) {
    const switching = get().taskId !== taskId;
    set({ taskId, loading: true, ...(switching ? { details: null, error: null } : {}) });
    try {
      const details = await deskClient().call('tasks.details', { id: taskId });
      if (get().taskId === taskId) set({ details, loading: false, error: null });
    } catch (error) {
      if (get().taskId === taskId) set({ loading: false, error: (error as Error).message });
    }
  },
}));
