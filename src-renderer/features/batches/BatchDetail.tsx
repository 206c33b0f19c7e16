// One batch: its progress bar with done / running / waiting / failed, spend against its
// budget, ETA, pause / resume / cancel, and the results table with export and retry.
import { useState } from 'react';
import type { BatchView } from '../../../src-main/contract/index';
import { formatUsd, formatDuration } from '../../format';
import { useBatchesStore } from '../../stores/batches-store';
import { confirmAction } from '../../stores/confirm-store';
import { Modal } from '../common/Modal';
import { BatchSettingsForm } from './BatchSettingsForm';
import { ResultsTable } from './ResultsTable';

const STATE_LABEL: Record<BatchView['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  budget_stopped: 'Stopped at budget',
  cancelled: 'Cancelled',
  finished: 'Finished',
};
const STATE_CHIP: Record<BatchView['state'], string> = {
  running: 'running',
  paused: 'paused',
  budget_stopped: 'failed',
  cancelled: 'cancelled',
  finished: 'completed',
};

function ProgressBar({ batch }: { batch: BatchView }) {
  const c = batch.counts;
  const ended = c.done + c.failed + c.unknown + c.skipped + c.cancelled;
  const part = (n: number) => `${c.total === 0 ? 0 : (n / c.total) * 100}%`;
  return (
    <div
      className="batch-progress"
      role="progressbar"
      aria-label="Batch progress"
      aria-valuemin={0}
      aria-valuemax={c.total}
      aria-valuenow={ended}
      aria-valuetext={`${ended} of ${c.total} rows ended`}
    >
      <span className="seg seg-done" style={{ width: part(c.done) }} />
      <span className="seg seg-failed" style={{ width: part(c.failed + c.unknown) }} />
      <span className="seg seg-skipped" style={{ width: part(c.skipped + c.cancelled) }} />
      <span className="seg seg-running" style={{ width: part(c.running) }} />
    </div>
  );
}

export function BatchDetail({ batch }: { batch: BatchView }) {
  const control = useBatchesStore((s) => s.control);
  const exportResults = useBatchesStore((s) => s.exportResults);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [editing, setEditing] = useState(false);
  const c = batch.counts;
  // Rows a budget stop left unsent can go to a new run too, or they would be stranded.
  const stranded = batch.state === 'budget_stopped' ? c.waiting : 0;
  const retryable = c.failed > 0 || stranded > 0;
  const editable = ['running', 'paused', 'budget_stopped'].includes(batch.state);

  async function retry(): Promise<void> {
    const rows = c.failed + stranded;
    const ok = await confirmAction({
      title: `Retry ${rows} row${rows === 1 ? '' : 's'} as a new batch?`,
      body: [
        [
          c.failed > 0 ? `${c.failed} failed or stopped` : '',
          stranded > 0 ? `${stranded} not sent at the budget (they leave this batch)` : '',
        ]
          .filter(Boolean)
          .join(' and ') + '.',
        batch.budget === null
          ? 'The new batch has no budget of its own; the daily and monthly budgets still apply.'
          : `The new batch has a budget of its own of ${formatUsd(batch.budget)}, which you can change.`,
      ],
      confirmLabel: 'Retry rows',
      keepLabel: 'Not now',
    });
    if (ok) await control('retryFailed', batch.id);
  }
  return (
    <section className="detail batch-detail" aria-label={`Batch ${batch.name}`}>
      <div className="detail-header">
        <h2>{batch.name}</h2>
        <span className={`chip chip-${STATE_CHIP[batch.state]}`}>{STATE_LABEL[batch.state]}</span>
      </div>
      <ProgressBar batch={batch} />
      <dl className="batch-counts" aria-label="Row counts">
        <div>
          <dt>Done</dt>
          <dd>{c.done}</dd>
        </div>
        <div>
          <dt>Running</dt>
          <dd>{c.running}</dd>
        </div>
        <div>
          <dt>Waiting</dt>
          <dd>{c.waiting}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{c.failed}</dd>
        </div>
        {c.unknown > 0 && (
          <div>
            <dt>Unknown</dt>
            <dd>{c.unknown}</dd>
          </div>
        )}
        {c.skipped + c.cancelled > 0 && (
          <div>
            <dt>Not sent</dt>
            <dd>{c.skipped + c.cancelled}</dd>
          </div>
        )}
        <div>
          <dt>Spend</dt>
          <dd>
            {formatUsd(batch.spent)}
            {batch.budget !== null && ` of ${formatUsd(batch.budget)}`}
            {batch.unknownCost > 0 && (
              <span className="muted"> ({batch.unknownCost} not known yet)</span>
            )}
          </dd>
        </div>
        {batch.state === 'running' && (
          <div>
            <dt>ETA</dt>
            <dd>{batch.etaMs === null ? 'after the first rows' : formatDuration(batch.etaMs)}</dd>
          </div>
        )}
      </dl>
      {batch.state === 'budget_stopped' && c.waiting > 0 ? (
        // Built from the same live figures as the counts and the header, so they always agree.
        <p className="form-error" role="status">
          Stopped at the budget: {c.waiting} row{c.waiting === 1 ? '' : 's'} not sent; spent{' '}
          {formatUsd(batch.spent)}
          {batch.budget !== null && ` of ${formatUsd(batch.budget)}`}. Raise the budget and resume,
          or retry them as a new batch.
        </p>
      ) : (
        batch.reason && (
          <p className="muted" role="status">
            {batch.reason}
          </p>
        )
      )}
      <div className="row-actions batch-actions">
        {batch.state === 'running' && (
          <button type="button" onClick={() => void control('pause', batch.id)}>
            Pause batch
          </button>
        )}
        {batch.state === 'paused' && (
          <button type="button" onClick={() => void control('resume', batch.id)}>
            Resume batch
          </button>
        )}
        {editable && (
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {batch.state === 'budget_stopped'
              ? 'Raise budget and resume…'
              : 'Budget and concurrency…'}
          </button>
        )}
        {['running', 'paused', 'budget_stopped'].includes(batch.state) && (
          <button type="button" className="danger" onClick={() => setConfirmCancel(true)}>
            Cancel batch
          </button>
        )}
        <button type="button" disabled={!retryable} onClick={() => void retry()}>
          Retry failed rows
        </button>
        <button type="button" onClick={() => void exportResults(batch.id, 'csv')}>
          Export CSV
        </button>
        <button type="button" onClick={() => void exportResults(batch.id, 'json')}>
          Export JSON
        </button>
        <a className="button-link" href={`#/history?tag=${encodeURIComponent(batch.tag)}`}>
          Tasks in history
        </a>
      </div>
      {editing && editable && (
        <BatchSettingsForm key={batch.id} batch={batch} onDone={() => setEditing(false)} />
      )}
      <ResultsTable />
      {confirmCancel && (
        <Modal title="Cancel this batch?" onClose={() => setConfirmCancel(false)}>
          <p>
            {c.waiting} waiting row{c.waiting === 1 ? '' : 's'} will not be sent, and {c.running}{' '}
            row{c.running === 1 ? '' : 's'} running at WebRun will be stopped (what they cost so far
            is still billed). Completed rows and their results are kept.
          </p>
          <div className="modal-actions">
            <button type="button" onClick={() => setConfirmCancel(false)}>
              Keep running
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirmCancel(false);
                void control('cancel', batch.id);
              }}
            >
              Cancel batch
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
