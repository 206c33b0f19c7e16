import { describe, expect, it } from 'vitest';
import type { DeskEvent, InboxItem, TaskActivity, TaskView } from '../../src-main/contract/index';

import {
  applyActivity,
  applyInboxEvents,
  latestBudgetStatus,
  latestQueueStatus,
  mergeActivity,
} from '../../src-renderer/stores/reduce-live';
import {
  applyTaskEvents,
  describeDelete,
  forgetTasks,
  planMove,
  queueOrder,
  refreshRows,
} from '../../src-renderer/stores/reduce-tasks';
import { taskView } from '../helpers/task-view';

type TaskMap = Record<string, TaskView>;

function task(id: string, patch: Partial<TaskView> = {}): TaskView {
  return taskView({
    id,
    prompt: `prompt ${id}`,
    createdAt: 1000,
    updatedAt: 1000,
    queueOrder: 1000,
    ...patch,
  });
}
const updated = (t: TaskView): DeskEvent => ({ name: 'task.updated', payload: t });
const activity = (a: TaskActivity): DeskEvent => ({ name: 'task.activity', payload: a });
const map = (...tasks: TaskView[]): TaskMap => Object.fromEntries(tasks.map((t) => [t.id, t]));

describe('task.updated applied to the tasks store', () => {
  it('adds a new task and puts it first (newest first)', () => {
    const a = task('a', { createdAt: 1 });
    const next = applyTaskEvents({ byId: map(a), order: ['a'] }, [
      updated(task('b', { createdAt: 2 })),
    ]);
    expect(next?.order).toEqual(['b', 'a']);
  });

  it('ignores a snapshot older than the one held, so a task never moves backwards', () => {
    const held = task('a', { status: 'completed', updatedAt: 20 });
    expect(
      applyTaskEvents({ byId: map(held), order: ['a'] }, [
        updated(task('a', { status: 'running', updatedAt: 10 })),
      ]),
    ).toBeNull();
  });

  it('keeps the order object when only known tasks change', () => {
    const state = { byId: map(task('a')), order: ['a'] };
    const next = applyTaskEvents(state, [
      updated(task('a', { status: 'running', updatedAt: 2000 })),
    ]);
    expect(next?.order).toBe(state.order);
    expect(next?.byId.a?.status).toBe('running');
  });

  it('returns null for batches without task updates', () => {
    expect(
      applyTaskEvents({ byId: {}, order: [] }, [
        activity({ taskId: 'a', at: 1, kind: 'agent', text: 'x' }),
      ]),
    ).toBeNull();
  });

  it('refreshes rows already listed in history, without adding new ones', () => {
    const rows = [task('a'), task('b')];
    const next = refreshRows(rows, [
      updated(task('a', { status: 'failed', updatedAt: 5000 })),
      updated(task('c')),
    ]);
    expect(next?.map((t) => `${t.id}:${t.status}`)).toEqual(['a:failed', 'b:queued']);
    expect(refreshRows(rows, [updated(task('c'))])).toBeNull();
  });
});

describe('queue order and moves', () => {
  const byId = map(
    task('run', { status: 'running', createdAt: 5 }),
    task('q1', { createdAt: 1, queueOrder: 10 }),
    task('q2', { createdAt: 2, queueOrder: 20 }),
    task('q3', { createdAt: 3, queueOrder: 30 }),
    task('hi', { createdAt: 4, priority: 5, queueOrder: 40 }),
    task('done', { status: 'completed', createdAt: 6 }),
  );
  const order = ['done', 'run', 'hi', 'q3', 'q2', 'q1'];

  it('shows live tasks, then queued ones in dispatch order, then finished ones', () => {
    expect(queueOrder(byId, order)).toEqual(['run', 'hi', 'q1', 'q2', 'q3', 'done']);
  });

  it("follows the core's queueOrder, not creation time", () => {
    const moved = { ...byId, q3: { ...byId.q3!, queueOrder: 5 } };
    expect(queueOrder(moved, order)).toEqual(['run', 'hi', 'q3', 'q1', 'q2', 'done']);
  });

  it('moves up before the previous peer', () => {
    expect(planMove(byId, 'q2', 'up')).toEqual({ before: 'q1' });
  });

  it('moves down before the peer after next, or to the end', () => {
    expect(planMove(byId, 'q1', 'down')).toEqual({ before: 'q3' });
    expect(planMove(byId, 'q2', 'down')).toEqual({ before: null });
  });

  it('refuses moves past the ends or of tasks that are not queued', () => {
    expect(planMove(byId, 'q1', 'up')).toBeNull();
    expect(planMove(byId, 'q3', 'down')).toBeNull();
    expect(planMove(byId, 'run', 'up')).toBeNull();
  });
});

describe('history.delete', () => {
  it('forgets deleted tasks, or returns null when none was held', () => {
    const state = { byId: map(task('a'), task('b')), order: ['a', 'b'] };
    expect(forgetTasks(state, ['a', 'zz'])).toEqual({ byId: map(task('b')), order: ['b'] });
    expect(forgetTasks(state, ['zz'])).toBeNull();
  });

  it('names the tasks kept because they are still running', () => {
    const byId = map(task('a', { prompt: 'Crawl the catalogue' }));
    expect(describeDelete({ deleted: 2, skipped: [] }, byId)).toBe('Deleted 2 tasks.');
    expect(describeDelete({ deleted: 1, skipped: ['a'] }, byId)).toBe(
      'Deleted 1 task. Skipped 1 still running or not finished (it is kept): “Crawl the catalogue”.',
    );
  });
});

describe('task.activity applied to the activity store', () => {
  it('appends per task and caps the lines kept', () => {
    const events = [1, 2, 3].map((at) =>
      activity({ taskId: 'a', at, kind: 'agent', text: `t${at}` }),
    );
    const next = applyActivity({}, events, 2);
    expect(next?.a?.map((l) => l.text)).toEqual(['t2', 't3']);
  });

  it('forgets the tasks whose latest line is oldest when too many are tracked', () => {
    const events = ['a', 'b', 'c'].map((taskId, i) =>
      activity({ taskId, at: i, kind: 'action', text: taskId }),
    );
    expect(Object.keys(applyActivity({}, events, 10, 2)!).sort()).toEqual(['b', 'c']);
  });

  it('returns null when no activity arrived', () => {
    expect(applyActivity({}, [updated(task('a'))])).toBeNull();
  });

  it("skips a streamed line that repeats a recent one by the core's fingerprint, whatever its time", () => {
    const line = {
      taskId: 'a',
      at: 5,
      kind: 'agent' as const,
      text: 'Reading',
      fingerprint: 'agent:1',
    };
    const held = { a: [line] };
    expect(applyActivity(held, [activity({ ...line, at: 6 })])).toBeNull();
    expect(
      applyActivity(held, [activity({ ...line, text: 'Clicking', fingerprint: 'agent:2' })])?.a,
    ).toHaveLength(2);
  });

  it('keeps the stored story whole and appends only what streamed after it', () => {
    // The stored copy and the streamed copy of one event carry different times (the bug that
    // showed each step twice); the fingerprint is what they share.
    const l = (
      at: number,
      text: string,
      fingerprint: string | null = `fp:${text}`,
    ): TaskActivity => ({ taskId: 'a', at, kind: 'agent', text, fingerprint });
    const streamed = { a: [l(4, 'three'), l(5, 'four')] };
    const stored = [l(1, 'Queued', null), l(2, 'two'), l(3, 'three')];
    const merged = mergeActivity(streamed, 'a', stored);
    expect(merged.a?.map((x) => x.text)).toEqual(['Queued', 'two', 'three', 'four']);
    expect(mergeActivity({}, 'a', stored, 2).a?.map((x) => x.text)).toEqual(['two', 'three']);
  });
});

describe('task.updated applied to the inbox', () => {
  const asking = task('a', {
    status: 'needs_input',
    question: 'I need login credentials',
    updatedAt: 50,
  });
  const item: InboxItem = {
    taskId: 'a',
    prompt: 'prompt a',
    question: 'I need login credentials',
    askedAt: 50,
    sessionId: null,
  };

  it('lists a task that needs input, with its question', () => {
    expect(applyInboxEvents([], [updated(asking)])).toEqual([item]);
  });

  it('removes the item as soon as its task leaves needs_input, keeping the others', () => {
    const other = { ...item, taskId: 'b', askedAt: 60 };
    const next = applyInboxEvents(
      [item, other],
      [updated(task('a', { status: 'running', updatedAt: 70 }))],
    );
    expect(next).toEqual([other]);
  });

  it('changes nothing for an unrelated update or a repeated question', () => {
    expect(applyInboxEvents([item], [updated(task('z', { status: 'running' }))])).toBeNull();
    expect(applyInboxEvents([item], [updated({ ...asking, updatedAt: 99 })])).toBeNull();
  });

  it('sorts by the time the question was asked', () => {
    const later = task('b', { status: 'needs_input', question: 'Code?', updatedAt: 10 });
    expect(applyInboxEvents([item], [updated(later)])?.map((i) => i.taskId)).toEqual(['b', 'a']);
  });
});

describe('queue.status and budget.status', () => {
  it('keeps the latest of each in a batch', () => {
    const q = (queued: number): DeskEvent => ({
      name: 'queue.status',
      payload: {
        paused: false,
        queued,
        active: 0,
        concurrency: 5,
        blockedUntil: null,
        blockedReason: null,
        refused: null,
      },
    });
    const b: DeskEvent = {
      name: 'budget.status',
      payload: {
        today: 1,
        month: 2,
        todayUnknownCost: 0,
        monthUnknownCost: 0,
        dailyCap: 1,
        monthlyCap: null,
        level: 'blocked',
        message: 'Daily cap reached',
      },
    };
    expect(latestQueueStatus([q(1), b, q(2)])?.queued).toBe(2);
    expect(latestBudgetStatus([q(1), b])?.level).toBe('blocked');
    expect(latestQueueStatus([b])).toBeNull();
    expect(latestBudgetStatus([q(1)])).toBeNull();
  });
});
