// The batch's results: a row per input row, with its input columns, status, cost, duration,
// answer and one column per top-level field of a structured JSON schema.
import { STATUS_LABEL, formatUsd, formatDuration } from '../../format';
import { useBatchesStore } from '../../stores/batches-store';
import { ScrollTable } from '../common/ScrollTable';

const ROW_LIMIT = 500;

function statusLabel(status: string): string {
  if (status === 'waiting') return 'Waiting';
  if (status === 'skipped') return 'Skipped';
  if (status === 'deleted') return 'Deleted';
  return STATUS_LABEL[status as keyof typeof STATUS_LABEL] ?? status;
}

export function ResultsTable() {
  const results = useBatchesStore((s) => s.results);
  if (!results) return <p className="empty">Loading the results…</p>;
  const shown = results.rows.slice(0, ROW_LIMIT);
  return (
    <ScrollTable label="Batch results, scrollable">
      <table className="data-table batch-results" aria-label="Batch results">
        <thead>
          <tr>
            <th scope="col">Line</th>
            {results.columns.map((c) => (
              <th key={`in-${c}`} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">Status</th>
            <th scope="col">Cost</th>
            <th scope="col">Duration</th>
            {results.fields.length === 0 && <th scope="col">Answer</th>}
            {results.fields.map((f) => (
              <th key={`f-${f}`} scope="col">
                {f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.line}>
              <td className="num">{row.line}</td>
              {results.columns.map((c) => (
                <td key={`in-${c}`} className="truncate" title={row.input[c]}>
                  {row.input[c]}
                </td>
              ))}
              <td>
                <span className={`chip chip-${row.status}`} title={row.error ?? undefined}>
                  {statusLabel(row.status)}
                </span>
              </td>
              <td className="num">{row.taskId === null ? '—' : formatUsd(row.cost)}</td>
              <td className="num">
                {row.durationMs === null ? '—' : formatDuration(row.durationMs)}
              </td>
              {results.fields.length === 0 && (
                <td className="truncate answer" title={row.answer ?? row.error ?? undefined}>
                  {row.answer ?? row.error ?? ''}
                </td>
              )}
              {results.fields.map((f) => (
                <td key={`f-${f}`} className="truncate" title={row.fields[f]}>
                  {row.fields[f] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {results.rows.length > ROW_LIMIT && (
        <p className="muted">
          Showing the first {ROW_LIMIT} of {results.rows.length} rows; export the table for all of
          them.
        </p>
      )}
    </ScrollTable>
  );
}
