// Tasks as the UI knows them: a map by id plus newest-first order, kept current by the
// core's task.updated events. A snapshot older than the one held is ignored, so a late
// event can never move a task backwards.
import { create } from 'zustand';
import type { CreateTaskInput, DeskEvent, TaskView } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';

interface TasksState {
  byId: Record<string, TaskView>;
  order: string[];
  selectedId: string | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  create(input: CreateTaskInput): Promise<TaskView>;
  select(id: string | null): void;
  applyEvents(events: DeskEvent[]): void;
}

function newestFirst(byId: Record<string, TaskView>): string[] {
  return Object.values(byId)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .map((t) => t.id);
}

function merge(byId: Record<string, TaskView>, tasks: TaskView[]): Record<string, TaskView> | null {
  let next: Record<string, TaskView> | null = null;
  for (const task of tasks) {
    const held = (next ?? byId)[task.id];
    if (held && held.updatedAt > task.updatedAt) continue;
    next ??= { ...byId };
    next[task.id] = task;
  }
  return next;
}

export const useTasksStore = create<TasksState>((set, get) => ({
  byId: {},
  order: [],
  selectedId: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true });
    try {
      const page = await deskClient().call('tasks.list', { limit: 200 });
      const byId = merge(get().byId, page.tasks) ?? get().byId;
      set({ byId, order: newestFirst(byId), loading: false, error: null });
    } catch (error) {
      set({ loading: false, error: (error as Error).message });
    }
  },
  async create(input) {
    const task = await deskClient().call('tasks.create', input);
    const byId = merge(get().byId, [task]);
    if (byId) set({ byId, order: newestFirst(byId) });
    set({ selectedId: task.id });
    return task;
  },
  select(id) {
    set({ selectedId: id });
  },
  applyEvents(events) {
    const tasks = events.filter((e) => e.name === 'task.updated').map((e) => e.payload);
    const byId = merge(get().byId, tasks);
    if (!byId) return;
    const known = tasks.every((t) => get().byId[t.id]);
    set(known ? { byId } : { byId, order: newestFirst(byId) });
  },
}));

export function connectTasksStore(): () => void {
  const client = deskClient();
  const offEvents = client.onEvents((events) => useTasksStore.getState().applyEvents(events));
  // After a dropped link, events were missed: reload to resynchronise.
  let wasConnected = false;
  const offConnection = client.onConnection((state) => {
    if (state === 'connected') {
      if (wasConnected) void useTasksStore.getState().load();
      wasConnected = true;
    }
  });
  return () => {
    offEvents();
    offConnection();
  };
}
