// The agent's thoughts and actions per task, as they stream in; capped (see reduce-live).
import { create } from 'zustand';
import type { DeskEvent } from '../../src-main/contract/index';
import { applyActivity, type ActivityMap } from './reduce-live';

interface ActivityState {
  byTask: ActivityMap;
  applyEvents(events: DeskEvent[]): void;
}

export const useActivityStore = create<ActivityState>((set, get) => ({
  byTask: {},
  applyEvents(events) {
    const byTask = applyActivity(get().byTask, events);
    if (byTask) set({ byTask });
  },
}));
