// Batches: start one from pasted or loaded rows, see every batch with its progress, and
// follow the selected one in detail.
import { useEffect } from 'react';
import { formatUsd } from '../../format';
import { useBatchesStore } from '../../stores/batches-store';
import { BatchDetail } from './BatchDetail';
import { BatchCheck } from './BatchCheck';
import { BatchForm } from './BatchForm';
import './batches.css';
import { FormError } from '../common/FormError';

export function BatchesView() {
  const { batches, selectedId, select, load, error, preparation } = useBatchesStore();
  useEffect(() => {
    void load();
  }, [load]);
  const selected = batches.find((b) => b.id === selectedId) ?? null;
  return (
    <div className="split batches-split">
      <div className="column">
        <h2 className="page-title">Batches</h2>
        <FormError>{error && `Could not load batches: ${error}`}</FormError>
        {batches.length === 0 ? (
          <p className="empty">
            No batches yet. Paste rows with a header line, write a prompt with {'{{column}}'}{' '}
            placeholders, and check the rows.
          </p>
        ) : (
          <ul className="batch-list" aria-label="Batches">
            {batches.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className={`history-row${b.id === selectedId ? ' selected' : ''}`}
                  aria-pressed={b.id === selectedId}
                  onClick={() => select(b.id)}
                >
                  <span className="queue-prompt">{b.name}</span>
                  <span className="queue-meta">
                    <span>
                      {b.counts.done}/{b.counts.total} done
                      {b.counts.failed ? `, ${b.counts.failed} failed` : ''}
                    </span>
                    <span>{b.state.replace('_', ' ')}</span>
                    <span className="queue-cost">{formatUsd(b.spent)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <h3 className="section-title">New batch</h3>
        <BatchForm />
      </div>
      {preparation ? (
        <BatchCheck />
      ) : selected ? (
        <BatchDetail batch={selected} />
      ) : (
        <section className="detail">
          <p className="empty">Select a batch to see its progress and results.</p>
        </section>
      )}
    </div>
  );
}
