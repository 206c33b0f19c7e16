import { formatCost, formatTime, formatTokens } from '../../format';
import { useTasksStore } from '../../stores/tasks-store';
import { StatusChip } from '../shell/StatusChip';

export function TaskDetail() {
  const task = useTasksStore((s) => (s.selectedId ? s.byId[s.selectedId] : undefined));
  if (!task) return <section className="detail empty">Select a task to see its result.</section>;
  const usage = task.usage;
  return (
    <section className="detail" aria-label="Task detail">
      <header className="detail-header">
        <h2>{task.prompt}</h2>
        <span role="status" aria-label="Task status">
          <StatusChip status={task.status} />
        </span>
      </header>
      {task.startingUrl && <p className="detail-url">Starting at {task.startingUrl}</p>}
      {task.error && (
        <div className="failure" role="alert">
          <strong>{task.status === 'unknown' ? 'Outcome unknown' : 'Failed'}</strong>
          {task.error.code ? ` (${task.error.code})` : ''}: {task.error.message}
        </div>
      )}
      <h3>Result</h3>
      <div className="result" aria-label="Result">
        {task.resultMessage ?? (task.status === 'completed' ? '(no message)' : 'Waiting for the agent…')}
      </div>
      <h3>Usage</h3>
      <dl className="usage" aria-label="Usage">
        <dt>Cost</dt>
        <dd data-testid="task-cost">
          {formatCost(usage?.cost)}
          {task.costSource === 'estimated' ? ' (estimated)' : ''}
        </dd>
        <dt>Input tokens</dt>
        <dd>{formatTokens(usage?.promptTokens)}</dd>
        <dt>Output tokens</dt>
        <dd>{formatTokens(usage?.completionTokens)}</dd>
        <dt>Total tokens</dt>
        <dd>{formatTokens(usage?.totalTokens)}</dd>
        <dt>Agent time</dt>
        <dd>{usage?.completionTime != null ? `${usage.completionTime.toFixed(1)} s` : '—'}</dd>
      </dl>
      <h3>Timeline</h3>
      <dl className="usage">
        <dt>Created</dt>
        <dd>{formatTime(task.createdAt)}</dd>
        {task.endedAt !== null && (
          <>
            <dt>Ended</dt>
            <dd>{formatTime(task.endedAt)}</dd>
          </>
        )}
        {task.sessionId && (
          <>
            <dt>Session</dt>
            <dd>
              <code>{task.sessionId}</code>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
