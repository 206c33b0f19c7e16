// Pure reducers for the live, pushed state: agent activity, the guardrail inbox, queue and
// budget status.
import type { BudgetStatus, DeskEvent, InboxItem, QueueStatus, TaskActivity } from '../../src-main/contract/index';
import { taskUpdates } from './reduce-tasks';

/** Lines kept per task, and tasks kept: enough to follow a run, bounded for long sessions. */
export const ACTIVITY_PER_TASK = 200;
export const ACTIVITY_TASKS = 100;

export type ActivityMap = Record<string, TaskActivity[]>;

const lineKey = (line: TaskActivity): string => `${line.at}\u0000${line.text}`;

/** Appends streamed lines; a line already held (same time and text) is skipped, since the
 * replay from tasks.activity and the stream overlap. */
export function applyActivity(byTask: ActivityMap, events: DeskEvent[], perTask = ACTIVITY_PER_TASK, maxTasks = ACTIVITY_TASKS): ActivityMap | null {
  let next: ActivityMap | null = null;
  for (const e of events) {
    if (e.name !== 'task.activity') continue;
    const held = (next ?? byTask)[e.payload.taskId] ?? [];
    const key = lineKey(e.payload);
    if (held.some((l) => lineKey(l) === key)) continue;
    next ??= { ...byTask };
    const lines = [...held, e.payload];
    next[e.payload.taskId] = lines.length > perTask ? lines.slice(lines.length - perTask) : lines;
  }
  if (!next) return null;
  return trimTasks(next, maxTasks);
}

/** Merges the narrative replayed by tasks.activity with what streamed meanwhile: deduplicated
 * by time and text, in time order, capped like the stream. */
export function mergeActivity(byTask: ActivityMap, taskId: string, loaded: TaskActivity[], perTask = ACTIVITY_PER_TASK, maxTasks = ACTIVITY_TASKS): ActivityMap {
  const seen = new Set<string>();
  const lines: TaskActivity[] = [];
  for (const line of [...loaded, ...(byTask[taskId] ?? [])]) {
    const key = lineKey(line);
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(line);
  }
  // A stable sort keeps the order of lines stamped with the same millisecond.
  lines.sort((a, b) => a.at - b.at);
  return trimTasks({ ...byTask, [taskId]: lines.length > perTask ? lines.slice(lines.length - perTask) : lines }, maxTasks);
}

function trimTasks(next: ActivityMap, maxTasks: number): ActivityMap {
  const ids = Object.keys(next);
  if (ids.length > maxTasks) {
    // Drop the tasks whose latest line is oldest.
    const latest = (id: string): number => next[id]!.at(-1)?.at ?? 0;
    for (const id of ids.sort((a, b) => latest(a) - latest(b)).slice(0, ids.length - maxTasks)) delete next[id];
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
      const item: InboxItem = { taskId: task.id, prompt: task.prompt, question: task.question, askedAt: held?.askedAt ?? task.updatedAt, sessionId: task.sessionId };
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
