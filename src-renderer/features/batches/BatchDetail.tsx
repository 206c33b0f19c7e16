// One batch: its progress bar with done / running / waiting / failed, spend against its
// budget, ETA, pause / resume / cancel, and the results table with export and retry.
import { useState } from 'react';
import type { BatchView } from '../../../src-main/contract/index';
import { formatCost, formatDuration } from '../../format';
import { useBatchesStore } from '../../stores/batches-store';
import { Modal } from '../common/Modal';
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
  const c = batch.counts;
  const retryable = c.failed > 0;
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
            {formatCost(batch.spent)}
            {batch.budget !== null && ` of ${formatCost(batch.budget)}`}
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
      {batch.reason && (
        <p className={batch.state === 'budget_stopped' ? 'form-error' : 'muted'} role="status">
          {batch.reason}
        </p>
      )}
      <div className="row-actions batch-actions">
        {batch.state === 'running' && (
          <button type="button" onClick={() => void control('pause', batch.id)}>
            Pause batch
          </button>
        )}
        {(batch.state === 'paused' || batch.state === 'budget_stopped') && (
          <button type="button" onClick={() => void control('resume', batch.id)}>
            Resume batch
          </button>
        )}
        {['running', 'paused', 'budget_stopped'].includes(batch.state) && (
          <button type="button" className="danger" onClick={() => setConfirmCancel(true)}>
            Cancel batch
          </button>
        )}
        <button
          type="button"
          disabled={!retryable}
          onClick={() => void control('retryFailed', batch.id)}
        >
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
