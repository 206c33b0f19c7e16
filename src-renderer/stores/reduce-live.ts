// Pure reducers for the live, pushed state: agent activity, the guardrail inbox, queue and
// budget status.
import type {
  BudgetStatus,
  DeskEvent,
  InboxItem,
  QueueStatus,
  TaskActivity,
} from '../../src-main/contract/index';
import { appendUnique } from '../../src-main/contract/event-fingerprint';
import { taskUpdates } from './reduce-tasks';

/** Lines kept per task (a story is loaded whole, page by page from its first step, up to this
 * many), and tasks kept: bounded for long sessions. */
export const ACTIVITY_PER_TASK = 20_000;
export const ACTIVITY_TASKS = 100;

export type ActivityMap = Record<string, TaskActivity[]>;

const capped = (lines: TaskActivity[], perTask: number): TaskActivity[] =>
  lines.length > perTask ? lines.slice(lines.length - perTask) : lines;

/** Appends streamed lines; a repeat of a recent one is skipped by the core's own rule
 * (event-fingerprint.ts), since the stored story and the stream overlap. */
export function applyActivity(
  byTask: ActivityMap,
  events: DeskEvent[],
  perTask = ACTIVITY_PER_TASK,
  maxTasks = ACTIVITY_TASKS,
): ActivityMap | null {
  let next: ActivityMap | null = null;
  for (const e of events) {
    if (e.name !== 'task.activity') continue;
    const held = (next ?? byTask)[e.payload.taskId] ?? [];
    const lines = appendUnique(held, [e.payload]);
    if (lines.length === held.length) continue;
    next ??= { ...byTask };
    next[e.payload.taskId] = capped(lines, perTask);
  }
  if (!next) return null;
  return trimTasks(next, maxTasks);
}

/** The story loaded from the store is the truth up to the moment it was read; what streamed
 * and is not in it (by the same rule) follows it. */
export function mergeActivity(
  byTask: ActivityMap,
  taskId: string,
  loaded: TaskActivity[],
  perTask = ACTIVITY_PER_TASK,
  maxTasks = ACTIVITY_TASKS,
): ActivityMap {
  const held = (byTask[taskId] ?? []).filter((l) => l.fingerprint);
  return trimTasks({ ...byTask, [taskId]: capped(appendUnique(loaded, held), perTask) }, maxTasks);
}

function trimTasks(next: ActivityMap, maxTasks: number): ActivityMap {
  const ids = Object.keys(next);
  if (ids.length > maxTasks) {
    // Drop the tasks whose latest line is oldest.
    const latest = (id: string): number => next[id]!.at(-1)?.at ?? 0;
    for (const id of ids.sort((a, b) => latest(a) - latest(b)).slice(0, ids.length - maxTasks))
      delete next[id];
  }
  return next;
}

/** The inbox follows task status: a task in needs_input with a question is listed, any other
 * status removes it at once (answered here, in the CLI or another window). */
export function applyInboxEvents(items: InboxItem[], events: DeskEvent[]): InboxItem[] | null {
  const tasks = taskUpdates(events);
  if (tasks.length === 0) return null;
  let next = items;
  for (const task of tasks) {
    const held = next.find((i) => i.taskId === task.id);
    if (task.status === 'needs_input' && task.question) {
      if (held && held.question === task.question) continue;
      const item: InboxItem = {
        taskId: task.id,
        prompt: task.prompt,
        question: task.question,
        askedAt: held?.askedAt ?? task.updatedAt,
        sessionId: task.sessionId,
      };
      next = held ? next.map((i) => (i.taskId === task.id ? item : i)) : [...next, item];
    } else if (held) {
      next = next.filter((i) => i.taskId !== task.id);
    }
  }
  return next === items ? null : sortInbox(next);
}

export function sortInbox(items: InboxItem[]): InboxItem[] {
  return [...items].sort((a, b) => a.askedAt - b.askedAt || (a.taskId < b.taskId ? -1 : 1));
}

/** The latest pushed value of a status event, or null when none arrived. */
export function latestQueueStatus(events: DeskEvent[]): QueueStatus | null {
  let last: QueueStatus | null = null;
  for (const e of events) if (e.name === 'queue.status') last = e.payload;
  return last;
}

export function latestBudgetStatus(events: DeskEvent[]): BudgetStatus | null {
  let last: BudgetStatus | null = null;
  for (const e of events) if (e.name === 'budget.status') last = e.payload;
  return last;
}
