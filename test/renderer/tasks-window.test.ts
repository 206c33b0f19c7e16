// The queue's tasks stay bounded over a working day: the live ones, the inspector's, and a
// window of the newest finished ones; the rest stay in the history, reachable by paging on.
import { describe, expect, it } from 'vitest';
import type { DeskEvent, TaskStatus, TaskView } from '../../src-main/contract/index';
import {
  applyTaskEvents,
  newestFirst,
  trimFinished,
  type TaskMap,
} from '../../src-renderer/stores/reduce-tasks';
import { taskView } from '../helpers/task-view';

const task = (id: string, createdAt: number, status: TaskStatus, updatedAt = createdAt): TaskView =>
  taskView({ id, prompt: id, createdAt, updatedAt, queueOrder: createdAt, status });
const map = (tasks: TaskView[]): TaskMap => Object.fromEntries(tasks.map((t) => [t.id, t]));
const state = (tasks: TaskView[]) => {
  const byId = map(tasks);
  return { byId, order: newestFirst(byId) };
};

describe('trimFinished', () => {
  it('keeps queued, live and pinned tasks and the newest finished ones, and says where to page on from', () => {
    const tasks = [
      ...Array.from({ length: 10 }, (_, i) =>
        task(`done${i}`, 100 + i, i % 3 === 0 ? 'failed' : 'completed'),
      ),
      task('old-running', 50, 'running'),
      task('old-unknown', 40, 'unknown'),
      task('asking', 55, 'needs_input'),
      task('queued', 200, 'queued'),
      task('pinned', 10, 'completed'),
    ];
    const trimmed = trimFinished(state(tasks), 4, new Set(['pinned']));
    expect(trimmed).not.toBeNull();
    expect(Object.keys(trimmed!.byId).sort()).toEqual([
      'asking',
      'done6',
      'done7',
      'done8',
      'done9',
      'old-running',
      'old-unknown',
      'pinned',
      'queued',
    ]);
    expect(trimmed!.order).toEqual([
      'queued',
      'done9',
      'done8',
      'done7',
      'done6',
      'asking',
      'old-running',
      'old-unknown',
      'pinned',
    ]);
    // The newest dropped one is done5: paging on from the task just before it brings it back.
    expect(trimmed!.resumeFrom).toBe('done6');
  });

  it('drops nothing (null) within the window', () => {
    expect(
      trimFinished(state([task('a', 1, 'completed'), task('b', 2, 'running')]), 1, new Set()),
    ).toBeNull();
  });

  it('holds a bounded number of tasks however many finish through the events', () => {
    let s: { byId: TaskMap; order: string[] } = { byId: {}, order: [] };
    const limit = 50;
    let max = 0;
    for (let i = 0; i < 2_000; i++) {
      // Each task is queued, runs, and finishes; twenty run at once.
      const events: DeskEvent[] = [{ name: 'task.updated', payload: task(`t${i}`, i, 'queued') }];
      if (i >= 20)
        events.push({ name: 'task.updated', payload: task(`t${i - 20}`, i - 20, 'completed', i) });
      s = applyTaskEvents(s, events) ?? s;
      s = trimFinished(s, limit, new Set(['t3'])) ?? s;
      max = Math.max(max, s.order.length);
    }
    expect(max).toBeLessThanOrEqual(limit + 20 + 1 + 1);
    expect(s.byId.t3?.status).toBe('completed');
    expect(s.order.filter((id) => s.byId[id]!.status === 'completed')).toHaveLength(limit + 1);
    expect(s.order[0]).toBe('t1999');
  });
});
