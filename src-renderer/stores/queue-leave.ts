// Which tasks the queue shows: the status filter, "Clear finished", and finished tasks leaving
// on their own a while after they end. Pure (no storage, no clock), so every rule is tested
// without a page; queue-view-store.ts keeps the choices.
import type { TaskView } from '../../src-main/contract/index';
import { ENDED, TERMINAL } from '../../src-main/contract/task-status';

export type QueueShow = 'all' | 'unfinished' | 'finished' | 'failed';
const MINUTE = 60_000;

/** How long a finished task stays in the queue, in minutes; 0: until "Clear finished". */
export const LEAVE_AFTER_CHOICES = [
  { minutes: 5, label: '5 minutes' },
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' },
  { minutes: 0, label: 'Never (until Clear finished)' },
] as const;
export const DEFAULT_LEAVE_AFTER = 15;

export interface QueueView {
  show: QueueShow;
  /** Ended tasks whose end came at or before this moment are cleared from the queue. */
  clearedAt: number;
  /** Minutes after its end a finished task leaves on its own; 0 never. */
  leaveAfterMinutes: number;
}

/**
 * Why an ended task is out of the "All tasks" queue: cleared, or it finished more than the
 * preference ago. An `unknown` task never leaves on its own: it waits for the person's check or
 * resubmission.
 */
export function leftQueue(task: TaskView, view: QueueView, now: number): 'cleared' | 'aged' | null {
  if (!ENDED.has(task.status)) return null;
  const end = task.endedAt ?? task.updatedAt;
  if (end <= view.clearedAt) return 'cleared';
  if (
    view.leaveAfterMinutes > 0 &&
    TERMINAL.has(task.status) &&
    now - end >= view.leaveAfterMinutes * MINUTE
  )
    return 'aged';
  return null;
}

/** Whether the queue list shows this task; the task open beside the queue stays until closed. */
export function shownInQueue(
  task: TaskView,
  view: QueueView,
  now: number,
  selectedId: string | null = null,
): boolean {
  const ended = ENDED.has(task.status);
  if (view.show === 'finished') return ended;
  if (view.show === 'failed') return ['failed', 'unknown', 'stopped'].includes(task.status);
  if (view.show === 'unfinished') return !ended;
  return task.id === selectedId || leftQueue(task, view, now) === null;
}

/** The next moment one of these tasks leaves on its own, so the list can change then. */
export function nextLeaveAt(
  tasks: readonly TaskView[],
  view: QueueView,
  now: number,
): number | null {
  if (view.leaveAfterMinutes <= 0) return null;
  let next: number | null = null;
  for (const task of tasks) {
    if (!TERMINAL.has(task.status) || leftQueue(task, view, now) !== null) continue;
    const at = (task.endedAt ?? task.updatedAt) + view.leaveAfterMinutes * MINUTE;
    if (next === null || at < next) next = at;
  }
  return next;
}
