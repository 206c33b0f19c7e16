// Queue hygiene (issue 25): finished tasks leave the "All tasks" queue on their own a while
// after they end, are still listed by the Finished filter (how they come back), and a task of
// unknown outcome or the one open beside the queue never leaves by itself.
import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../src-main/contract/index';
import {
  leftQueue,
  nextLeaveAt,
  shownInQueue,
  type QueueView,
} from '../../src-renderer/stores/queue-leave';
import { taskView } from '../helpers/task-view';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 7, 9);
const view: QueueView = { show: 'all', clearedAt: 0, leaveAfterMinutes: 15 };

function ended(id: string, status: TaskStatus, endedAt: number) {
  return taskView({ id, status, endedAt, updatedAt: endedAt });
}

describe('finished tasks leaving the queue', () => {
  it('a completed, failed, stopped or cancelled task leaves 15 minutes after its end', () => {
    for (const status of ['completed', 'failed', 'stopped', 'cancelled'] as const) {
      const task = ended('a', status, T0);
      expect(leftQueue(task, view, T0 + 15 * MIN - 1)).toBeNull();
      expect(shownInQueue(task, view, T0 + 15 * MIN - 1)).toBe(true);
      expect(leftQueue(task, view, T0 + 15 * MIN)).toBe('aged');
      expect(shownInQueue(task, view, T0 + 15 * MIN)).toBe(false);
    }
  });

  it('is listed again by the Finished and Failed filters, and stays while open beside the queue', () => {
    const task = ended('a', 'failed', T0);
    const later = T0 + 60 * MIN;
    expect(shownInQueue(task, { ...view, show: 'finished' }, later)).toBe(true);
    expect(shownInQueue(task, { ...view, show: 'failed' }, later)).toBe(true);
    expect(shownInQueue(task, view, later, 'a')).toBe(true);
    expect(shownInQueue(task, view, later, 'b')).toBe(false);
  });

  it('never takes away an unknown task, a running one, or anything when the preference is Never', () => {
    expect(leftQueue(ended('u', 'unknown', T0), view, T0 + 1000 * MIN)).toBeNull();
    expect(leftQueue(taskView({ status: 'running' }), view, T0 + 1000 * MIN)).toBeNull();
    const never = { ...view, leaveAfterMinutes: 0 };
    expect(leftQueue(ended('a', 'completed', T0), never, T0 + 10_000 * MIN)).toBeNull();
    expect(nextLeaveAt([ended('a', 'completed', T0)], never, T0)).toBeNull();
  });

  it('Clear finished takes every task ended by then, unknown ones too, and says so', () => {
    const cleared = { ...view, clearedAt: T0 + MIN };
    expect(leftQueue(ended('u', 'unknown', T0), cleared, T0 + MIN)).toBe('cleared');
    expect(leftQueue(ended('a', 'completed', T0 + 2 * MIN), cleared, T0 + 2 * MIN)).toBeNull();
  });

  it('the next moment one leaves is the earliest end plus the preference, past ones skipped', () => {
    const tasks = [
      ended('a', 'completed', T0),
      ended('b', 'failed', T0 + 5 * MIN),
      ended('c', 'completed', T0 - 60 * MIN),
      ended('u', 'unknown', T0 - 60 * MIN),
      taskView({ id: 'r', status: 'running' }),
    ];
    expect(nextLeaveAt(tasks, view, T0 + MIN)).toBe(T0 + 15 * MIN);
    expect(nextLeaveAt(tasks, view, T0 + 15 * MIN)).toBe(T0 + 20 * MIN);
    expect(nextLeaveAt(tasks, view, T0 + 20 * MIN)).toBeNull();
  });
});
