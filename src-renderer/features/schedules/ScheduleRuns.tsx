// One schedule's recent runs with their cost (from the imported task; unknown until imported),
// a link to them in the history, and whether a budget cap pauses it. A run WebRun reports
// without the ids of its task (the documented shape) says where its result went instead.
import type { TriggerView } from '../../../src-main/contract/index';
import { formatUsd } from '../../format';
import { formatHash, EMPTY_QUERY } from '../../stores/route';
import { useSchedulesStore } from '../../stores/schedules-store';
import { ZonedTime } from './ZonedTime';

const STATUS_CHIP: Record<string, string> = {
  completed: 'completed',
  failed: 'failed',
  running: 'running',
};

export function ScheduleRuns({
  trigger,
  onBudgetCap,
  onClose,
}: {
  trigger: TriggerView;
  onBudgetCap(capped: boolean): void;
  onClose(): void;
}) {
  const runs = useSchedulesStore((s) => s.runs);
  const historyLink = formatHash({
    view: 'history',
    history: { ...EMPTY_QUERY, trigger: trigger.id },
  });
  return (
    <aside className="schedule-runs" aria-label={`Runs of ${trigger.name}`}>
      <div className="toolbar-row">
        <h3 className="page-title">Runs of {trigger.name}</h3>
        <button type="button" className="icon-button" aria-label="Close runs" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="hint">{trigger.prompt}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={trigger.budgetCapped}
          onChange={(e) => onBudgetCap(e.target.checked)}
        />{' '}
        Pause it when a budget cap is reached
      </label>
      <a href={historyLink}>Show its runs in the history</a>
      {runs.length === 0 ? (
        <p className="empty">
          No runs yet. The first comes at the next run time, or now with “Run now”.
        </p>
      ) : (
        <table className="data-table" aria-label={`Recent runs of ${trigger.name}`}>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Result</th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col">History</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.createdAt === null ? (
                    '—'
                  ) : (
                    <ZonedTime ms={r.createdAt} zone={trigger.timezone} />
                  )}
                </td>
                <td>
                  <span className={`chip chip-${STATUS_CHIP[r.status] ?? 'queued'}`}>
                    {r.status}
                  </span>
                  {r.error && <div className="hint">{r.error}</div>}
                  {!r.hasTask && (
                    <div className="hint">Result delivered by WebRun to your webhook or bot</div>
                  )}
                </td>
                <td
                  className="num"
                  title={r.cost === null ? 'Unknown until WebRun reports it' : 'Reported by WebRun'}
                >
                  {formatUsd(r.cost)}
                </td>
                <td>
                  {r.taskId
                    ? r.hasTask
                      ? 'imported'
                      : 'imported (status only)'
                    : r.status === 'running'
                      ? 'when it ends'
                      : 'at the next import'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
