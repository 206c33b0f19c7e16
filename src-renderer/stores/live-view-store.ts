// Each task's live browser view and who drives it, as the core knows it; read again after a
// take-over or a release, and whenever the task's status changes.
import { create } from 'zustand';
import type { LiveView } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { useActivityStore } from './activity-store';
import { attempt } from './toast-store';
import { useTasksStore } from './tasks-store';

interface LiveViewState {
  byTask: Record<string, LiveView>;
  /** A take-over or release on its way, per task. */
  busy: Record<string, true>;
  load(taskId: string): Promise<void>;
  takeOver(taskId: string): Promise<void>;
  release(taskId: string): Promise<void>;
}

export const useLiveViewStore = create<LiveViewState>((set, get) => {
  const whileBusy = async (taskId: string, act: () => Promise<unknown>): Promise<void> => {
    set({ busy: { ...get().busy, [taskId]: true } });
    try {
      await act();
      // The take-over or release is a step of the story too.
      await Promise.all([get().load(taskId), useActivityStore.getState().load(taskId)]);
    } finally {
      const { [taskId]: _done, ...busy } = get().busy;
      set({ busy });
    }
  };
  return {
    byTask: {},
    busy: {},
    async load(taskId) {
      const view = await attempt(() => deskClient().call('tasks.liveView', { id: taskId }));
      if (view) set({ byTask: { ...get().byTask, [taskId]: view } });
    },
    takeOver: (taskId) => whileBusy(taskId, () => useTasksStore.getState().takeOver(taskId)),
    release: (taskId) => whileBusy(taskId, () => useTasksStore.getState().release(taskId)),
  };
});
