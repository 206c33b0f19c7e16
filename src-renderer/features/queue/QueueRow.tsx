import { memo } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { formatUsd, formatDuration } from '../../format';
import { cancelTask } from '../../stores/guarded-actions';
import { useQueueStore } from '../../stores/queue-store';
import { useTasksStore } from '../../stores/tasks-store';
import { StatusChip } from '../shell/StatusChip';
import { AnomalyFlag } from '../money/AnomalyFlag';
import { useAnomaly } from '../../stores/money-store';
// Retry is offered for TERMINAL only: an unknown task has its own panel (check, submit again).
import { ACTIVE, CANCELLABLE, TERMINAL } from '../../../src-main/contract/task-status';

function elapsed(task: TaskView, now: number): string {
  if (task.startedAt === null) return '';
  return formatDuration((task.endedAt ?? now) - task.startedAt);
}

interface Props {
  task: TaskView;
  selected: boolean;
  checked: boolean;
  now: number;
  /** Why it waits, while queued. */
  hold: string | null;
}

export const QueueRow = memo(function QueueRow({ task, selected, checked, now, hold }: Props) {
  const select = useTasksStore((s) => s.select);
  const act = useTasksStore((s) => s.act);
  const move = useQueueStore((s) => s.move);
  const toggle = useQueueStore((s) => s.toggle);
  const queued = task.status === 'queued';
  // A run flagged for its cost shows Stop it instead of Cancel (the same stop, named for why).
  const flagged = useAnomaly(task.id) !== null && ACTIVE.has(task.status);
  return (
    <div className={`queue-item${selected ? ' selected' : ''}`}>
      <input
        type="checkbox"
        aria-label={`Select: ${task.prompt}`}
        checked={checked}
        disabled={!CANCELLABLE.has(task.status)}
        onChange={() => toggle(task.id)}
      />
      <button
        type="button"
        className="queue-row"
        onClick={() => select(task.id)}
        aria-current={selected ? 'true' : undefined}
      >
        <span className="queue-prompt" dir="auto">
          {task.prompt}
        </span>
        <span className="queue-meta">
          <StatusChip status={task.status} />
          <span className="queue-elapsed">{elapsed(task, now)}</span>
          <span className="queue-cost">
            {task.startedAt === null && task.usage?.cost == null
              ? '—'
              : formatUsd(task.usage?.cost)}
            {task.costSource && task.usage?.cost != null && (
              <span className="cost-source">
                {' '}
                {task.costSource === 'reported' ? 'rep.' : 'est.'}
              </span>
            )}
          </span>
        </span>
        <span className="queue-activity">
          {task.error?.message ?? hold ?? task.lastActivity ?? ''}
        </span>
      </button>
      <span className="row-actions">
        <AnomalyFlag task={task} compact />
        {queued && (
          <>
            <button
              type="button"
              className="icon-button"
              aria-label="Move up"
              title="Move up"
              onClick={() => void move(task.id, 'up')}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Move down"
              title="Move down"
              onClick={() => void move(task.id, 'down')}
            >
              ↓
            </button>
          </>
        )}
        {CANCELLABLE.has(task.status) && !flagged && (
          <button type="button" className="small" onClick={() => void cancelTask(task)}>
            Cancel
          </button>
        )}
        {/* A completed task is not retried: the inspector runs it again after a look at its inputs. */}
        {TERMINAL.has(task.status) && task.status !== 'completed' && (
          <button type="button" className="small" onClick={() => void act('tasks.retry', task.id)}>
            Retry
          </button>
        )}
      </span>
    </div>
  );
});
