// Each task's story: told from the store when the Live or Events tab opens (and again when the
// task changes), then streamed lines are appended (see reduce-live for the dedupe).
import { create } from 'zustand';
import type { DeskEvent } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { ACTIVITY_PER_TASK, applyActivity, mergeActivity, type ActivityMap } from './reduce-live';
import { loadStory } from './story-pages';

/** The core answers at most this many steps a call. */
const STORY_PAGE = 5_000;

interface ActivityState {
  byTask: ActivityMap;
  loading: Record<string, true>;
  error: string | null;
  load(taskId: string): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

// The latest load per task: a slower, older answer must not replace a newer story.
const latest = new Map<string, number>();
let loads = 0;

export const useActivityStore = create<ActivityState>((set, get) => ({
  byTask: {},
  loading: {},
  error: null,
  async load(taskId) {
    const ticket = ++loads;
    latest.set(taskId, ticket);
    set({ loading: { ...get().loading, [taskId]: true } });
    try {
      const lines = await loadStory(
        (from, limit) => deskClient().call('tasks.activity', { id: taskId, from, limit }),
        STORY_PAGE,
        ACTIVITY_PER_TASK,
      );
      if (latest.get(taskId) !== ticket) return;
      set({ byTask: mergeActivity(get().byTask, taskId, lines), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    } finally {
      const { [taskId]: _done, ...loading } = get().loading;
      set({ loading });
    }
  },
  applyEvents(events) {
    const byTask = applyActivity(get().byTask, events);
    if (byTask) set({ byTask });
  },
}));
