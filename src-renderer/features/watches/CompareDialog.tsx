// Two runs side by side, wherever the comparison was asked for (a task's "Compare with previous
// run", a watch's runs, an alert in the inbox). Left is before, right is after; Tab goes through
// both sides, ← and → jump to the other side of the same part, Esc closes.
import type { KeyboardEvent } from 'react';
import type { RunComparison } from '../../../src-main/contract/watches';
import { formatTime, STATUS_LABEL } from '../../format';
import { useCompareStore } from '../../stores/compare-store';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { Modal } from '../common/Modal';
import { CompareFacts } from './CompareFacts';
import { CompareOutput } from './CompareOutput';

type Run = RunComparison['before'];

function RunHead({ run, label, onOpen }: { run: Run; label: string; onOpen(): void }) {
  const status = STATUS_LABEL[run.status as keyof typeof STATUS_LABEL] ?? run.status;
  return (
    <div className="compare-head">
      <strong>{label}</strong> <span className="mono">{run.id.slice(0, 8)}</span>
      <div className="hint">
        {formatTime(run.createdAt)} · {status}
      </div>
      <button
        type="button"
        className="small"
        aria-label={`Open the ${label.toLowerCase()} run`}
        onClick={onOpen}
      >
        Open run
      </button>
    </div>
  );
}

/** ← / →: from one side to the other side of the same part. */
function moveBetweenSides(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const side = (event.target as HTMLElement).closest<HTMLElement>('.compare-side');
  if (!side || side !== event.target) return;
  const wanted = event.key === 'ArrowLeft' ? 'before' : 'after';
  const other = side.parentElement?.querySelector<HTMLElement>(`[data-side="${wanted}"]`);
  if (other && other !== side) {
    event.preventDefault();
    other.focus();
  }
}

export function CompareDialog() {
  const request = useCompareStore((s) => s.request);
  const result = useCompareStore((s) => s.result);
  const error = useCompareStore((s) => s.error);
  const close = useCompareStore((s) => s.close);
  const select = useTasksStore((s) => s.select);
  const go = useRouteStore((s) => s.go);
  if (!request) return null;
  const openRun = (id: string): void => {
    close();
    select(id);
    go('history');
  };
  return (
    <Modal title="Compare runs" onClose={close} className="compare-dialog">
      <div className="compare-body" onKeyDown={moveBetweenSides}>
        {error && (
          <p className="form-error" role="alert">
            Cannot compare: {error}
          </p>
        )}
        {!error && !result && (
          <p className="empty" role="status">
            Comparing…
          </p>
        )}
        {result && (
          <>
            <div className="compare-sides compare-heads">
              <RunHead
                run={result.before}
                label="Before"
                onOpen={() => openRun(result.before.id)}
              />
              <RunHead run={result.after} label="After" onOpen={() => openRun(result.after.id)} />
            </div>
            <p role="status" className={result.same ? 'hint' : 'compare-verdict'}>
              {result.same
                ? 'Nothing differs: output, domains, files and questions are the same.'
                : 'These runs differ.'}
            </p>
            <h3 className="section-title">Output</h3>
            <CompareOutput output={result.output} />
            <CompareFacts result={result} />
          </>
        )}
      </div>
      <div className="button-row">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
