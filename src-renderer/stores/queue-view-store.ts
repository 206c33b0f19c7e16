// The queue list's choices: its status filter and the moment of "Clear finished" (per window,
// sessionStorage, so a reload keeps the view), and how long finished tasks stay (a preference
// of this browser, localStorage, like the theme). The rules are queue-leave.ts. Nothing here
// changes a task.
import { create } from 'zustand';
import {
  DEFAULT_LEAVE_AFTER,
  LEAVE_AFTER_CHOICES,
  type QueueShow,
  type QueueView,
} from './queue-leave';

const KEY = 'webrun-desk.queue-view.v1';
const LEAVE_KEY = 'webrun-desk.queue-leave-after';
const SHOWS: QueueShow[] = ['all', 'unfinished', 'finished', 'failed'];

function load(): Pick<QueueView, 'show' | 'clearedAt'> {
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Partial<QueueView>;
    return {
      show: SHOWS.includes(raw.show as QueueShow) ? (raw.show as QueueShow) : 'all',
      clearedAt: typeof raw.clearedAt === 'number' ? raw.clearedAt : 0,
    };
  } catch {
    return { show: 'all', clearedAt: 0 };
  }
}

/** A preference, like the theme: kept by this browser across restarts (localStorage). */
function loadLeaveAfter(): number {
  try {
    const n = Number(localStorage.getItem(LEAVE_KEY) ?? DEFAULT_LEAVE_AFTER);
    return LEAVE_AFTER_CHOICES.some((c) => c.minutes === n) ? n : DEFAULT_LEAVE_AFTER;
  } catch {
    return DEFAULT_LEAVE_AFTER;
  }
}

function save(saved: Pick<QueueView, 'show' | 'clearedAt'>): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // storage refused: the view lasts until the reload
  }
}

interface QueueViewState extends QueueView {
  setShow(show: QueueShow): void;
  /** Clears the tasks ended so far; returns the previous moment, for Undo. */
  clearFinished(now: number): number;
  restoreCleared(at: number): void;
  setLeaveAfter(minutes: number): void;
}

export const useQueueViewStore = create<QueueViewState>((set, get) => ({
  ...load(),
  leaveAfterMinutes: loadLeaveAfter(),
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
  setLeaveAfter(minutes) {
    if (!LEAVE_AFTER_CHOICES.some((c) => c.minutes === minutes)) return;
    set({ leaveAfterMinutes: minutes });
    try {
      localStorage.setItem(LEAVE_KEY, String(minutes));
    } catch {
      // storage refused: the choice lasts until the reload
    }
  },
}));
