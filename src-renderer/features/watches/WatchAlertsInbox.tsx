// Watches' alerts in the inbox: a material change opens the comparison with the run before, a
// failed check or run opens the run, "unchanged for N days" opens the watch. Each stays until
// dismissed. The message is the core's, built from hostile web content: text only.
import type { InboxAlert } from '../../../src-main/contract/watches';
import { formatTime } from '../../format';
import { useCompareStore } from '../../stores/compare-store';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useWatchAlertsStore } from '../../stores/watch-alerts-store';
import { useWatchesStore } from '../../stores/watches-store';
import { ALERT_WORDS } from './watch-words';

const KIND_CHIP: Record<InboxAlert['kind'], string> = {
  material_change: 'chip-paused',
  check_failed: 'chip-failed',
  run_failed: 'chip-failed',
  unchanged: 'chip-queued',
};

function OpenButton({ alert }: { alert: InboxAlert }) {
  const compare = useCompareStore((s) => s.open);
  const select = useTasksStore((s) => s.select);
  const go = useRouteStore((s) => s.go);
  const name = alert.watchName;
  if (alert.kind === 'material_change' && alert.taskId)
    return (
      <button
        type="button"
        className="small primary"
        aria-label={`Open the comparison for ${name}`}
        onClick={() => void compare({ before: alert.taskId!, after: null })}
      >
        Open comparison
      </button>
    );
  if (alert.taskId)
    return (
      <button
        type="button"
        className="small"
        aria-label={`Open the run of ${name}`}
        onClick={() => {
          select(alert.taskId!);
          go('history');
        }}
      >
        Open run
      </button>
    );
  return (
    <button
      type="button"
      className="small"
      aria-label={`Open the watch ${name}`}
      onClick={() => {
        go('watches');
        void useWatchesStore.getState().select(alert.watchId);
      }}
    >
      Open watch
    </button>
  );
}

export function WatchAlertsInbox() {
  const alerts = useWatchAlertsStore((s) => s.alerts);
  const dismiss = useWatchAlertsStore((s) => s.dismiss);
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="watch-alerts-title">
      <h3 id="watch-alerts-title" className="section-title">
        Watch alerts
      </h3>
      <ul className="inbox" aria-label="Watch alerts">
        {alerts.map((a) => (
          <li
            key={a.id}
            className="card watch-alert"
            aria-label={`${ALERT_WORDS[a.kind]}: ${a.watchName}`}
          >
            <p className="question">
              <span className={`chip ${KIND_CHIP[a.kind]}`}>{ALERT_WORDS[a.kind]}</span>{' '}
              <strong>{a.watchName}</strong>
            </p>
            <p className="alert-message">{a.message}</p>
            <p className="hint">{formatTime(a.at)}</p>
            <div className="button-row">
              <OpenButton alert={a} />
              <button
                type="button"
                className="small"
                aria-label={`Dismiss the alert for ${a.watchName}`}
                onClick={() => void dismiss(a.id)}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
