import { useEffect, useState } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { formatCost, formatDuration } from '../../format';
import { useTasksStore } from '../../stores/tasks-store';
import { StatusChip } from '../shell/StatusChip';

const LIVE = new Set(['submitting', 'running', 'needs_input', 'paused']);

/** Re-renders once a second while any task is live, so elapsed times tick. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function elapsed(task: TaskView, now: number): string {
  if (task.startedAt === null) return '';
  return formatDuration((task.endedAt ?? now) - task.startedAt);
}

export function QueueList() {
  const order = useTasksStore((s) => s.order);
  const byId = useTasksStore((s) => s.byId);
  const selectedId = useTasksStore((s) => s.selectedId);
  const select = useTasksStore((s) => s.select);
  const now = useNow(order.some((id) => LIVE.has(byId[id]!.status)));

  if (order.length === 0) return <p className="empty">No tasks yet. Describe one above and press Run.</p>;
  return (
    <ul className="queue" aria-label="Tasks">
      {order.map((id) => {
        const task = byId[id]!;
        return (
          <li key={id}>
            <button
              type="button"
              className={`queue-row${id === selectedId ? ' selected' : ''}`}
              onClick={() => select(id)}
              aria-current={id === selectedId ? 'true' : undefined}
            >
              <span className="queue-prompt">{task.prompt}</span>
              <span className="queue-meta">
                <StatusChip status={task.status} />
                <span className="queue-elapsed">{elapsed(task, now)}</span>
                <span className="queue-cost">{formatCost(task.usage?.cost)}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
