// Browser sessions: open ones bill compute by the minute; stray ones (left by a crash or an
// earlier run of the app) are flagged so they can be ended.
import { useEffect, useMemo } from 'react';
import { formatUsd, formatDuration, formatTime } from '../../format';
import { shortPrompt } from '../../stores/loss-text';
import { useTasksStore } from '../../stores/tasks-store';
import { terminateSession, terminateStray } from '../../stores/guarded-actions';
import { useSessionsStore } from '../../stores/sessions-store';
import { useNow } from '../common/useNow';
import { TimeLeft } from '../guardrails/TimeLeft';
import { FormError } from '../common/FormError';

export function SessionsView() {
  const { sessions, loading, error, load } = useSessionsStore();
  const now = useNow(true);
  useEffect(() => {
    void load();
  }, [load]);
  const stray = sessions.filter((s) => s.stray).length;
  // The latest task the page knows in each session, so a session reads as what it did.
  const byId = useTasksStore((s) => s.byId);
  const latest = useMemo(() => {
    const found = new Map<string, { prompt: string; at: number }>();
    for (const t of Object.values(byId)) {
      if (!t.sessionId) continue;
      const seen = found.get(t.sessionId);
      if (!seen || t.createdAt > seen.at)
        found.set(t.sessionId, { prompt: t.prompt, at: t.createdAt });
    }
    return found;
  }, [byId]);
  return (
    <section className="page" aria-labelledby="sessions-title">
      <div className="toolbar-row">
        <h2 id="sessions-title" className="page-title">
          Sessions
        </h2>
        <button type="button" className="small" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
        <button
          type="button"
          className="small danger"
          disabled={stray === 0}
          onClick={() => void terminateStray(stray)}
        >
          Terminate all stray ({stray})
        </button>
      </div>
      <FormError>{error && `Could not load sessions: ${error}`}</FormError>
      {sessions.length === 0 ? (
        <p className="empty">
          {loading
            ? 'Loading…'
            : 'No sessions yet. Tasks run in a new session, or in one-shot sessions that end by themselves.'}
        </p>
      ) : (
        <table className="data-table" aria-label="Sessions">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">State</th>
              <th scope="col">Age</th>
              <th scope="col">Est. compute</th>
              <th scope="col">Expires</th>
              <th scope="col">Task</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  <code>{s.id}</code>
                </td>
                <td>
                  <span className={`chip chip-${s.status === 'open' ? 'running' : 'stopped'}`}>
                    {s.status === 'open'
                      ? 'Open'
                      : `Ended${s.endReason ? ` (${s.endReason})` : ''}`}
                  </span>{' '}
                  {s.stray && <span className="chip chip-failed">Stray</span>}{' '}
                  {s.keepOpen && <span className="chip chip-queued">Kept open</span>}
                </td>
                <td className="num">{formatDuration((s.endedAt ?? now) - s.createdAt)}</td>
                <td className="num">{formatUsd(s.estimatedComputeCost)}</td>
                <td>
                  {s.status === 'open' ? (
                    s.expiresAt === null ? (
                      <span className="hint">Active</span>
                    ) : (
                      <TimeLeft expiresAt={s.expiresAt} compact />
                    )
                  ) : (
                    <span className="hint">
                      Ended{s.endedAt === null ? '' : ` ${formatTime(s.endedAt)}`}
                    </span>
                  )}
                </td>
                <td dir="auto">
                  {latest.get(s.id) && <span>{shortPrompt(latest.get(s.id)!.prompt, 60)} </span>}
                  <a href={`#/history?session=${encodeURIComponent(s.id)}`}>Tasks in history</a>
                </td>
                <td>
                  {s.status === 'open' && (
                    <button
                      type="button"
                      className="small danger"
                      aria-label={`Terminate session ${s.id}`}
                      onClick={() => void terminateSession(s.id)}
                    >
                      Terminate
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
