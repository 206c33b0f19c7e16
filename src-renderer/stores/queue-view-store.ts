// What the queue list shows: a status filter, and "Clear finished", which takes ended tasks
// out of the queue (they stay in History). Kept per window (sessionStorage) so a reload keeps
// the view; nothing here changes a task.
import { create } from 'zustand';
import type { TaskView } from '../../src-main/contract/index';
import { ENDED } from '../../src-main/contract/task-status';

export type QueueShow = 'all' | 'unfinished' | 'finished' | 'failed';

const KEY = 'webrun-desk.queue-view.v1';
const SHOWS: QueueShow[] = ['all', 'unfinished', 'finished', 'failed'];

interface Saved {
  show: QueueShow;
  /** Ended tasks whose end came at or before this moment are cleared from the queue. */
  clearedAt: number;
}

function load(): Saved {
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    return {
      show: SHOWS.includes(raw.show as QueueShow) ? (raw.show as QueueShow) : 'all',
      clearedAt: typeof raw.clearedAt === 'number' ? raw.clearedAt : 0,
    };
  } catch {
    return { show: 'all', clearedAt: 0 };
  }
}

function save(saved: Saved): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // storage refused: the view lasts until the reload
  }
}

/** Whether the queue list shows this task. */
export function shownInQueue(task: TaskView, view: Saved): boolean {
  const ended = ENDED.has(task.status);
  if (ended && (task.endedAt ?? task.updatedAt) <= view.clearedAt) return false;
  if (view.show === 'unfinished') return !ended;
  if (view.show === 'finished') return ended;
  if (view.show === 'failed') return ['failed', 'unknown', 'stopped'].includes(task.status);
  return true;
}

interface QueueViewState extends Saved {
  setShow(show: QueueShow): void;
  /** Clears the tasks ended so far; returns the previous moment, for Undo. */
  clearFinished(now: number): number;
  restoreCleared(at: number): void;
}

export const useQueueViewStore = create<QueueViewState>((set, get) => ({
  ...load(),
  setShow(show) {
    set({ show });
    save({ show, clearedAt: get().clearedAt });
  },
  clearFinished(now) {
    const previous = get().clearedAt;
    set({ clearedAt: now });
    save({ show: get().show, clearedAt: now });
    return previous;
  },
  restoreCleared(at) {
    set({ clearedAt: at });
    save({ show: get().show, clearedAt: at });
  },
}));
