// A running task that costs far more than its template's earlier runs: flagged with the
// figures and one action to stop it (confirmed, as every stop is).
import type { TaskView } from '../../../src-main/contract/index';
import { ACTIVE } from '../../../src-main/contract/task-status';
import { stopTask } from '../../stores/guarded-actions';
import { useAnomaly } from '../../stores/money-store';

export function AnomalyFlag({ task, compact = false }: { task: TaskView; compact?: boolean }) {
  const anomaly = useAnomaly(task.id);
  if (!anomaly) return null;
  const live = ACTIVE.has(task.status);
  return (
    <div
      className={`anomaly${compact ? ' compact' : ''}`}
      role="alert"
      aria-label="Cost anomaly"
      title={anomaly.text}
    >
      <span className="anomaly-text">
        <strong>{compact ? 'Costs far more than usual' : 'Costs far more than usual.'}</strong>
        {!compact && ` ${anomaly.text}`}
      </span>
      {live && (
        <button type="button" className="small danger" onClick={() => void stopTask(task)}>
          Stop it
        </button>
      )}
    </div>
  );
}
