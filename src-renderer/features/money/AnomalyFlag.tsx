// A running task that costs far more than its template's earlier runs: flagged with the
// figures and one action to stop it (confirmed, as every stop is). On a queue row it is a
// short badge ("63× usual", the sentence in its tooltip) whose Stop it takes Cancel's place.
import type { TaskView } from '../../../src-main/contract/index';
import { ACTIVE } from '../../../src-main/contract/task-status';
import { stopTask } from '../../stores/guarded-actions';
import { useAnomaly } from '../../stores/money-store';

export function AnomalyFlag({ task, compact = false }: { task: TaskView; compact?: boolean }) {
  const anomaly = useAnomaly(task.id);
  if (!anomaly) return null;
  const live = ACTIVE.has(task.status);
  const times = anomaly.p50 > 0 ? `${Math.round(anomaly.cost / anomaly.p50)}× usual` : 'over usual';
  return (
    <span
      className={`anomaly${compact ? ' compact' : ''}`}
      role="alert"
      aria-label="Cost anomaly"
      title={anomaly.text}
    >
      <span className="anomaly-text">
        {compact ? (
          <>⚠ {times}</>
        ) : (
          <>
            <strong>{live ? 'Costs far more than usual.' : 'Cost far more than usual.'}</strong>{' '}
            {anomaly.text}
          </>
        )}
      </span>
      {live && (
        <button type="button" className="small danger" onClick={() => void stopTask(task)}>
          Stop it
        </button>
      )}
    </span>
  );
}
