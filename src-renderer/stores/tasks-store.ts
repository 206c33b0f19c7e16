// Tasks as the UI knows them: a map by id plus newest-first order, kept current by the
// core's task.updated events, paged in with the keyset cursor of tasks.list.
import { create } from 'zustand';
import type {
  CreateTaskInput,
  DeskEvent,
  MethodName,
  TaskPage,
  TaskView,
} from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import {
  applyTaskEvents,
  forgetTasks,
  mergeTasks,
  newestFirst,
  trimFinished,
  type TaskMap,
} from './reduce-tasks';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';
import { attempt } from './toast-store';

const PAGE = 500;
/** Finished tasks held besides the queue's live ones (and one more page per page loaded). */
export const FINISHED_WINDOW = PAGE;

type TaskAction = Extract<
  MethodName,
  | 'tasks.cancel'
  | 'tasks.stop'
  | 'tasks.pause'
  | 'tasks.resume'
  | 'tasks.retry'
  | 'tasks.check'
  | 'tasks.resubmit'
>;

interface TasksState extends Loadable {
  byId: TaskMap;
  order: string[];
  selectedId: string | null;
  cursor: string | null;
  /** How many finished tasks are held: the window, grown by each page the person loads. */
  finishedLimit: number;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  create(input: CreateTaskInput): Promise<TaskView>;
  /** Shows a task in the inspector, fetching it when it is no longer held. */
  select(id: string | null): void;
  /** One of the per-task controls; the new task of a retry is selected. */
  act(method: TaskAction, id: string): Promise<TaskView | null>;
  /** Runs a finished task again, in the environment picked for it ('' for none). */
  runAgain(id: string, environmentId: string): Promise<TaskView | null>;
  /** Takes the browser over; resolves to the live-view URL when WebRun gave one. */
  takeOver(id: string): Promise<string | null>;
  release(id: string): Promise<void>;
  cancelMany(
    ids: string[],
  ): Promise<{ cancelled: number; failed: { id: string; message: string }[] } | null>;
  applyEvents(events: DeskEvent[]): void;
  /** Adds tasks fetched elsewhere (history), so the inspector can show them. */
  remember(tasks: TaskView[]): void;
  /** Drops tasks deleted from the history. */
  forget(ids: string[]): void;
}

export const useTasksStore = create<TasksState>((set, get) => ({
  byId: {},
  order: [],
  selectedId: null,
  cursor: null,
  finishedLimit: FINISHED_WINDOW,
  ...NOT_LOADED,
  async load() {
    await loadInto<TasksState, TaskPage>(
      set,
      () => deskClient().call('tasks.list', { limit: PAGE }),
      (page) => {
        get().remember(page.tasks);
        // Keep an older cursor if more pages were already loaded.
        return { cursor: get().cursor ?? page.nextCursor };
      },
    );
  },
  async loadMore() {
    const { cursor, loading } = get();
    if (!cursor || loading) return;
    set({ loading: true });
    const page = await attempt(() =>
      deskClient().call('tasks.list', { limit: PAGE, before: cursor }),
    );
    if (page) get().remember(page.tasks);
    set({
      loading: false,
      cursor: page ? page.nextCursor : cursor,
      finishedLimit: get().finishedLimit + (page ? PAGE : 0),
    });
  },
  async create(input) {
    const task = await deskClient().call('tasks.create', input);
    get().remember([task]);
    set({ selectedId: task.id });
    return task;
  },
  select(id) {
    set({ selectedId: id });
    // A finished task can have left the window since its row was drawn (history, spend).
    if (id && !get().byId[id])
      void attempt(() => deskClient().call('tasks.get', { id })).then(
        (task) => task && get().remember([task]),
      );
  },
  async act(method, id) {
    const task = await attempt(() => deskClient().call(method, { id }));
    if (!task) return null;
    get().remember([task]);
    if (task.id !== id) set({ selectedId: task.id });
    return task;
  },
  async runAgain(id, environmentId) {
    const task = await attempt(() =>
      deskClient().call('tasks.retry', { id, environmentId: environmentId || null }),
    );
    if (!task) return null;
    get().remember([task]);
    set({ selectedId: task.id });
    return task;
  },
  async takeOver(id) {
    const result = await attempt(() => deskClient().call('tasks.takeOver', { id }));
    return result?.webViewUrl ?? null;
  },
  async release(id) {
    await attempt(() => deskClient().call('tasks.release', { id }));
  },
  async cancelMany(ids) {
    return attempt(() => deskClient().call('tasks.cancelMany', { ids }));
  },
  applyEvents(events) {
    const next = applyTaskEvents(get(), events);
    if (!next) return;
    // Tasks keep finishing all day: hold the newest finished ones only (the history has the rest).
    const { selectedId, finishedLimit } = get();
    const trimmed = trimFinished(next, finishedLimit, new Set(selectedId ? [selectedId] : []));
    set(trimmed ? { byId: trimmed.byId, order: trimmed.order, cursor: trimmed.resumeFrom } : next);
  },
  remember(tasks) {
    const byId = mergeTasks(get().byId, tasks);
    if (byId) set({ byId, order: newestFirst(byId) });
  },
  forget(ids) {
    const next = forgetTasks(get(), ids);
    if (!next) return;
    const selectedId = get().selectedId;
    set({ ...next, selectedId: selectedId && next.byId[selectedId] ? selectedId : null });
  },
}));
