// Pure functions that fold pushed events into the tasks the UI holds. Kept free of React and
// zustand so they can be unit-tested in node.
import type { DeskEvent, TaskView } from '../../src-main/contract/index';
import { NEEDS_WATCHING } from '../../src-main/contract/task-status';

export type TaskMap = Record<string, TaskView>;

export function newestFirst(byId: TaskMap): string[] {
  return Object.values(byId)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .map((t) => t.id);
}

/** Returns a new map, or null when nothing changed. A snapshot older than the held one is
 * ignored, so a late event can never move a task backwards. */
export function mergeTasks(byId: TaskMap, tasks: TaskView[]): TaskMap | null {
  let next: TaskMap | null = null;
  for (const task of tasks) {
    const held = (next ?? byId)[task.id];
    if (held && held.updatedAt > task.updatedAt) continue;
    next ??= { ...byId };
    next[task.id] = task;
  }
  return next;
}

export function taskUpdates(events: DeskEvent[]): TaskView[] {
  const out: TaskView[] = [];
  for (const e of events) if (e.name === 'task.updated') out.push(e.payload);
  return out;
}

/** Applies task.updated events; the order is recomputed only when a task is new. */
export function applyTaskEvents(
  state: { byId: TaskMap; order: string[] },
  events: DeskEvent[],
): { byId: TaskMap; order: string[] } | null {
  const tasks = taskUpdates(events);
  const byId = mergeTasks(state.byId, tasks);
  if (!byId) return null;
  const known = tasks.every((t) => state.byId[t.id]);
  return { byId, order: known ? state.order : newestFirst(byId) };
}

/** Replaces tasks already shown in a list (history) with newer snapshots; never adds rows,
 * since a new task may not match the list's filter. */
export function refreshRows(rows: TaskView[], events: DeskEvent[]): TaskView[] | null {
  const updates = new Map(taskUpdates(events).map((t) => [t.id, t]));
  if (updates.size === 0) return null;
  let changed = false;
  const next = rows.map((row) => {
    const newer = updates.get(row.id);
    if (!newer || newer.updatedAt < row.updatedAt) return row;
    changed = true;
    return newer;
  });
  return changed ? next : null;
}

/** Queued tasks in the order the runner dispatches them: priority first, then the core's
 * queueOrder (which tasks.move rewrites, so a move shows as soon as the task comes back). */
export function queuedInOrder(byId: TaskMap): TaskView[] {
  return Object.values(byId)
    .filter((t) => t.status === 'queued')
    .sort(
      (a, b) => b.priority - a.priority || a.queueOrder - b.queueOrder || (a.id < b.id ? -1 : 1),
    );
}

/** The queue as shown: live tasks, then queued ones in dispatch order, then finished ones,
 * newest first. */
export function queueOrder(byId: TaskMap, order: string[]): string[] {
  const live: string[] = [];
  const done: string[] = [];
  for (const id of order) {
    const status = byId[id]?.status;
    if (status === undefined || status === 'queued') continue;
    (NEEDS_WATCHING.has(status) ? live : done).push(id);
  }
  return [...live, ...queuedInOrder(byId).map((t) => t.id), ...done];
}

/** Where to move a queued task one step up or down, as the core's `before` argument (the peer
 * that will follow it; null puts it at the end of its priority). */
export function planMove(
  byId: TaskMap,
  id: string,
  direction: 'up' | 'down',
): { before: string | null } | null {
  const task = byId[id];
  if (!task || task.status !== 'queued') return null;
  const peers = queuedInOrder(byId).filter((t) => t.priority === task.priority);
  const index = peers.findIndex((t) => t.id === id);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (target < 0 || target >= peers.length) return null;
  if (direction === 'up') return { before: peers[target]!.id };
  return { before: peers[index + 2]?.id ?? null };
}

/** Drops deleted tasks; returns null when none of them was held. */
export function forgetTasks(
  state: { byId: TaskMap; order: string[] },
  ids: string[],
): { byId: TaskMap; order: string[] } | null {
  const gone = new Set(ids.filter((id) => state.byId[id]));
  if (gone.size === 0) return null;
  const byId = { ...state.byId };
  for (const id of gone) delete byId[id];
  return { byId, order: state.order.filter((id) => !gone.has(id)) };
}

/** What the person is told after history.delete: how many went, and which were kept because
 * WebRun may still be working on them (named by prompt, so they can be found). */
export function describeDelete(
  result: { deleted: number; skipped: string[] },
  byId: TaskMap,
): string {
  const deleted = `Deleted ${result.deleted} task${result.deleted === 1 ? '' : 's'}.`;
  if (result.skipped.length === 0) return deleted;
  const names = result.skipped.map((id) => {
    const prompt = byId[id]?.prompt;
    return prompt ? `“${prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt}”` : id;
  });
  const n = result.skipped.length;
  return `${deleted} Skipped ${n} still running or not finished (${n === 1 ? 'it is' : 'they are'} kept): ${names.join(', ')}.`;
}

// The contract's TERMINAL_STATUSES, spelled out: a value from the contract would bring zod into the bundle.
const FINISHED: ReadonlySet<string> = new Set(['completed', 'failed', 'stopped', 'cancelled']);

/**
 * Bounds what the UI holds as tasks keep finishing: every task still in the queue (queued or
 * live), the `pinned` ones (the inspector's), and the newest `limit` (at least 1) finished ones;
 * older finished tasks stay in the history. Returns null when nothing is dropped, else the
 * trimmed tasks and `resumeFrom`, the task just newer than the newest one dropped: the queue's
 * next page (tasks.list before it) brings the dropped ones back.
 */
export function trimFinished(
  state: { byId: TaskMap; order: string[] },
  limit: number,
  pinned: ReadonlySet<string>,
): { byId: TaskMap; order: string[]; resumeFrom: string } | null {
  let finished = 0;
  let first = -1;
  const dropped: string[] = [];
  state.order.forEach((id, index) => {
    const task = state.byId[id];
    if (!task || !FINISHED.has(task.status) || pinned.has(id) || ++finished <= Math.max(1, limit))
      return;
    if (first < 0) first = index;
    dropped.push(id);
  });
  if (first < 0) return null;
  return { ...forgetTasks(state, dropped)!, resumeFrom: state.order[first - 1]! };
}
