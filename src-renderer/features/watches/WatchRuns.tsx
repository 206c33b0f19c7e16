// The open watch's runs, newest first: when, how it was sent, its task's status, the verdict with
// any failed check's reason, whether it changed materially. Tick any two and compare them side
// by side, or compare one with the run before it. Its recent alerts follow.
import { useState } from 'react';
import type { WatchRunView, WatchView } from '../../../src-main/contract/watches';
import { formatTime } from '../../format';
import { useCompareStore } from '../../stores/compare-store';
import { useWatchesStore } from '../../stores/watches-store';
import { ALERT_WORDS, ratesText, VERDICT_CHIP } from './watch-words';

const SENT_WORDS: Record<WatchRunView['state'], string> = {
  sent: 'sent',
  caught_up: 'caught up',
  missed: 'missed',
};

function Verdict({ run }: { run: WatchRunView }) {
  if (run.state === 'missed') return <span className="hint">not run</span>;
  if (!run.verdict) return <span className="hint">{run.taskStatus ?? 'sent'}, not judged yet</span>;
  const failed = run.results.filter((r) => r.outcome !== 'pass');
  return (
    <>
      <span className={`chip ${VERDICT_CHIP[run.verdict]}`}>{run.verdict}</span>
      {run.material && <span className="chip chip-paused">changed</span>}
      {failed.map((r) => (
        <div key={r.check} className="hint">
          {r.check}: {r.detail}
        </div>
      ))}
    </>
  );
}

export function WatchRuns({ watch, onClose }: { watch: WatchView; onClose(): void }) {
  const runs = useWatchesStore((s) => s.runs);
  const alerts = useWatchesStore((s) => s.alerts);
  const open = useCompareStore((s) => s.open);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (taskId: string, on: boolean): void =>
    setPicked((p) =>
      on ? [...p.filter((x) => x !== taskId), taskId].slice(-2) : p.filter((x) => x !== taskId),
    );
  const compareable = runs.filter((r) => r.taskId !== null);
  // Older first, so "before" is the earlier of the two picked.
  const pair = compareable
    .filter((r) => picked.includes(r.taskId!))
    .sort((a, b) => a.dueAt - b.dueAt)
    .map((r) => r.taskId!);

  return (
    <section className="schedule-runs watch-runs" aria-label={`Runs of ${watch.name}`}>
      <div className="toolbar-row">
        <h3 className="page-title">Runs of {watch.name}</h3>
        <button type="button" className="icon-button" aria-label="Close runs" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="hint">
        {watch.scheduleText} · last 20: {ratesText(watch.rates)}
      </p>
      <div className="toolbar-row">
        <button
          type="button"
          className="small primary"
          disabled={pair.length !== 2}
          onClick={() => void open({ before: pair[0]!, after: pair[1]! })}
        >
          Compare the two ticked
        </button>
        <span className="hint" aria-live="polite">
          {pair.length === 2
            ? 'Two runs ticked.'
            : `Tick ${2 - pair.length} more run${pair.length === 1 ? '' : 's'}.`}
        </span>
      </div>
      {runs.length === 0 ? (
        <p className="empty">No runs yet. Use Run now, or wait for {watch.scheduleText}.</p>
      ) : (
        <table className="data-table" aria-label={`Runs of ${watch.name}`}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Pick</span>
              </th>
              <th scope="col">Due</th>
              <th scope="col">Verdict</th>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const when = formatTime(run.dueAt);
              return (
                <tr key={run.dueAt}>
                  <td>
                    {run.taskId && (
                      <input
                        type="checkbox"
                        aria-label={`Pick the run of ${when}`}
                        checked={picked.includes(run.taskId)}
                        onChange={(e) => toggle(run.taskId!, e.target.checked)}
                      />
                    )}
                  </td>
                  <td>
                    <time dateTime={new Date(run.dueAt).toISOString()}>{when}</time>
                    <div className="hint">{SENT_WORDS[run.state]}</div>
                  </td>
                  <td>
                    <Verdict run={run} />
                  </td>
                  <td>
                    {run.taskId && run.taskStatus === 'completed' && (
                      <button
                        type="button"
                        className="small"
                        aria-label={`Compare the run of ${when} with the previous run`}
                        onClick={() => void open({ before: run.taskId!, after: null })}
                      >
                        vs previous
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {alerts.length > 0 && (
        <>
          <h4 className="section-title">Alerts</h4>
          <ul className="watch-alerts">
            {alerts.map((a) => (
              <li key={a.id}>
                <strong>{ALERT_WORDS[a.kind]}</strong> · {formatTime(a.at)}
                <div className="alert-message">{a.message}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
