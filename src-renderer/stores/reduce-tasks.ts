// Pure functions that fold pushed events into the tasks the UI holds. Kept free of React and
// zustand so they can be unit-tested in node.
import type { DeskEvent, TaskView } from '../../src-main/contract/index';

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
export function applyTaskEvents(state: { byId: TaskMap; order: string[] }, events: DeskEvent[]): { byId: TaskMap; order: string[] } | null {
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

const LIVE_STATUSES = new Set(['submitting', 'running', 'needs_input', 'paused', 'unknown']);

/** Dispatch rank of a queued task: a local override after a move, else its creation time
 * (the core's default queue order). */
export function rankOf(task: TaskView, ranks: Record<string, number>): number {
  return ranks[task.id] ?? task.createdAt;
}

/** Queued tasks in the order the runner dispatches them: priority first, then rank. */
export function queuedInOrder(byId: TaskMap, ranks: Record<string, number>): TaskView[] {
  return Object.values(byId)
    .filter((t) => t.status === 'queued')
    .sort((a, b) => b.priority - a.priority || rankOf(a, ranks) - rankOf(b, ranks) || (a.id < b.id ? -1 : 1));
}

/** The queue as shown: live tasks, then queued ones in dispatch order, then finished ones,
 * newest first. */
export function queueOrder(byId: TaskMap, order: string[], ranks: Record<string, number>): string[] {
  const live: string[] = [];
  const done: string[] = [];
  for (const id of order) {
    const status = byId[id]?.status;
    if (status === undefined || status === 'queued') continue;
    (LIVE_STATUSES.has(status) ? live : done).push(id);
  }
  return [...live, ...queuedInOrder(byId, ranks).map((t) => t.id), ...done];
}

/** Where to move a queued task one step up or down, as the core's `before` argument, and the
 * rank the core will give it (mirrors tasks.move so the list reflects the move at once). */
export function planMove(byId: TaskMap, ranks: Record<string, number>, id: string, direction: 'up' | 'down'): { before: string | null; rank: number } | null {
  const task = byId[id];
  if (!task || task.status !== 'queued') return null;
  const peers = queuedInOrder(byId, ranks).filter((t) => t.priority === task.priority);
  const index = peers.findIndex((t) => t.id === id);
  const others = peers.filter((t) => t.id !== id);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (target < 0 || target >= peers.length) return null;
  // `before` names the peer that will follow the task once moved.
  const beforeTask = direction === 'up' ? peers[target]! : others[target] ?? null;
  if (!beforeTask) {
    const last = others[others.length - 1];
    return { before: null, rank: last ? rankOf(last, ranks) + 1 : task.createdAt };
  }
  const at = others.findIndex((t) => t.id === beforeTask.id);
  const rank = at === 0 ? rankOf(others[0]!, ranks) - 1 : (rankOf(others[at - 1]!, ranks) + rankOf(others[at]!, ranks)) / 2;
  return { before: beforeTask.id, rank };
}
