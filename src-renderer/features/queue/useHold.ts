// Why a queued task waits, kept current as the queue, the budget and its session change.
import type { TaskView } from '../../../src-main/contract/index';
import { ACTIVE } from '../../../src-main/contract/task-status';
import { useMoneyStore } from '../../stores/money-store';
import { useQueueStore } from '../../stores/queue-store';
import { holdOf, type Hold } from '../../stores/reduce-hold';
import { useTasksStore } from '../../stores/tasks-store';
import { useNow } from '../common/useNow';

const NONE: ReadonlySet<string> = new Set();

export function useHold(task: TaskView | undefined): Hold | null {
  const queue = useQueueStore((s) => s.status);
  const budget = useQueueStore((s) => s.budget);
  const balanceHold = useMoneyStore((s) => s.status?.hold ?? null);
  const sessionId = task?.status === 'queued' ? task.sessionId : null;
  // Only a follow-up needs to know whether another task holds its session.
  const sessionBusy = useTasksStore((s) =>
    sessionId
      ? Object.values(s.byId).some(
          (t) => t.id !== task?.id && t.sessionId === sessionId && ACTIVE.has(t.status),
        )
      : false,
  );
  // A rate limit ends at a time: tick so the reason goes when it does.
  const now = useNow(queue?.blockedUntil != null);
  if (!task) return null;
  return holdOf(task, {
    queue,
    budget,
    balanceHold,
    busySessions: sessionBusy && sessionId ? new Set([sessionId]) : NONE,
    now,
  });
}
