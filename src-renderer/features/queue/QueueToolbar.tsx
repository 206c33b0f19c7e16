// Queue controls and why dispatch may be waiting: paused, blocked by WebRun's rate limits,
// held by a budget cap, or held because WebRun refused a task for balance.
import { useMemo } from 'react';
import { cancelChecked } from '../../stores/guarded-actions';
import { useMoneyStore } from '../../stores/money-store';
import { useQueueStore } from '../../stores/queue-store';
import { useTasksStore } from '../../stores/tasks-store';
import { CANCELLABLE } from '../../../src-main/contract/task-status';
import type { QueueShow } from '../../stores/queue-leave';
import { useQueueViewStore } from '../../stores/queue-view-store';
import { useUndoStore } from '../../stores/undo-store';

/** Status filter and "Clear finished" (with Undo): ended tasks leave the queue, not History. */
function QueueViewControls() {
  const show = useQueueViewStore((s) => s.show);
  const setShow = useQueueViewStore((s) => s.setShow);
  const clear = (): void => {
    const store = useQueueViewStore.getState();
    const previous = store.clearFinished(Date.now());
    useUndoStore
      .getState()
      .offer('Finished tasks cleared from the queue; they stay in History.', async () =>
        store.restoreCleared(previous),
      );
  };
  return (
    <>
      <span className="queue-show">
        <label className="check" htmlFor="queue-show">
          Show
        </label>
        <select id="queue-show" value={show} onChange={(e) => setShow(e.target.value as QueueShow)}>
          <option value="all">All tasks</option>
          <option value="unfinished">Waiting and running</option>
          <option value="finished">Finished</option>
          <option value="failed">Failed, stopped or unknown</option>
        </select>
      </span>
      <button type="button" className="small" onClick={clear}>
        Clear finished
      </button>
    </>
  );
}

export function QueueToolbar() {
  const status = useQueueStore((s) => s.status);
  const budget = useQueueStore((s) => s.budget);
  const balanceHold = useMoneyStore((s) => s.status?.hold ?? null);
  const checked = useQueueStore((s) => s.checked);
  const setPaused = useQueueStore((s) => s.setPaused);
  const setChecked = useQueueStore((s) => s.setChecked);
  const byId = useTasksStore((s) => s.byId);
  const cancellable = useMemo(
    () =>
      Object.values(byId)
        .filter((t) => CANCELLABLE.has(t.status))
        .map((t) => t.id),
    [byId],
  );
  // A ticked task that has ended since is no longer part of the selection.
  const selected = cancellable.filter((id) => checked[id]);
  const count = selected.length;
  const allChecked = cancellable.length > 0 && count === cancellable.length;

  return (
    <div className="queue-toolbar">
      <div className="toolbar-row">
        <h2 className="section-title">Queue</h2>
        {status && (
          <span className="hint" role="status" aria-label="Queue status">
            {status.paused ? 'Paused · ' : ''}
            {status.active} running of {status.concurrency} · {status.queued} waiting
          </span>
        )}
        <button
          type="button"
          className="small"
          onClick={() => void setPaused(!status?.paused)}
          disabled={!status}
        >
          {status?.paused ? 'Resume queue' : 'Pause queue'}
        </button>
      </div>
      <div className="toolbar-row">
        <label className="check">
          <input
            type="checkbox"
            checked={allChecked}
            disabled={cancellable.length === 0}
            onChange={() => setChecked(allChecked ? [] : cancellable)}
          />{' '}
          Select all cancellable
        </label>
        <button
          type="button"
          className="small danger"
          disabled={count === 0}
          onClick={() => void cancelChecked(selected)}
        >
          Cancel selected ({count})
        </button>
        <QueueViewControls />
      </div>
      {/* "refused" stays set between retries, so the notice does not blink with each one. */}
      {status?.refused ? (
        <p className="notice-inline" role="status">
          WebRun has refused or not answered every send since{' '}
          {new Date(status.refused.since).toLocaleTimeString()}: {status.refused.reason}
          {status.blockedUntil !== null &&
            ` Next try at ${new Date(status.blockedUntil).toLocaleTimeString()}.`}
        </p>
      ) : (
        status?.blockedReason &&
        status.blockedUntil !== null && (
          <p className="notice-inline" role="status">
            Dispatch waits until {new Date(status.blockedUntil).toLocaleTimeString()}:{' '}
            {status.blockedReason}
          </p>
        )
      )}
      {budget && budget.level !== 'ok' && (
        <p className={`notice-inline budget-${budget.level}`} role="alert">
          {budget.level === 'blocked' ? 'Budget reached: ' : 'Budget warning: '}
          {budget.message ?? 'spending is close to a cap.'}
        </p>
      )}
      {balanceHold && (
        <div className="notice-inline budget-blocked" role="alert" aria-label="Held for balance">
          <span>{balanceHold.message}</span>{' '}
          {/* Resuming says "the money is back": the next task is sent, and refused again it holds again. */}
          <button type="button" className="small" onClick={() => void setPaused(false)}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}
