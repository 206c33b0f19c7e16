import { useMemo } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { TERMINAL } from '../../../src-main/contract/task-status';
import { saveDownload } from '../../download';
import { attempt, toastInfo } from '../../stores/toast-store';
import { Markdown } from './Markdown';
import { parseCsvTable, parseJsonTable, type Table } from './result-table';
import { ScrollTable } from '../common/ScrollTable';

function ResultTable({ table }: { table: Table }) {
  return (
    <ScrollTable label="Result table, scrollable">
      <table className="data-table" aria-label="Result table">
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {table.columns.map((_, c) => (
                <td key={c}>{row[c] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/**
 * The most of an answer the tab lays out: a page can make an answer a million characters of
 * one word, which the browser takes minutes to sanitise and lay out. The rest stays in the
 * history, in Copy and in Download.
 */
export const SHOWN_CHARACTERS = 20_000;

const EXTENSION = {
  text: ['md', 'text/markdown'],
  structured_json: ['json', 'application/json'],
  structured_csv: ['csv', 'text/csv'],
} as const;

export function ResultTab({ task }: { task: TaskView }) {
  const message = task.resultMessage;
  const outputType = task.options.outputType;
  const table = useMemo(() => {
    if (message === null) return null;
    if (outputType === 'structured_json') return parseJsonTable(message);
    if (outputType === 'structured_csv') return parseCsvTable(message);
    return null;
  }, [message, outputType]);

  if (message === null) {
    const ended = task.endedAt !== null || TERMINAL.has(task.status);
    // A queued task has no agent yet: why it waits is said above the tabs.
    const pending =
      task.status === 'queued'
        ? 'Not started yet.'
        : task.status === 'submitting'
          ? 'Sent to WebRun; waiting for its answer…'
          : 'Waiting for the agent…';
    return (
      <div className="result">{ended ? 'The task ended without a result message.' : pending}</div>
    );
  }
  const [ext, mime] = EXTENSION[outputType];
  const cut = message.length > SHOWN_CHARACTERS;
  const shown = cut ? message.slice(0, SHOWN_CHARACTERS) : message;
  return (
    <div className="result-tab">
      <div className="button-row">
        <button
          type="button"
          className="small"
          onClick={() =>
            void attempt(async () => {
              await navigator.clipboard.writeText(message);
              toastInfo('Result copied.');
            })
          }
        >
          Copy result
        </button>
        <button
          type="button"
          className="small"
          onClick={() => saveDownload(`task-${task.id.slice(0, 8)}-result.${ext}`, mime, message)}
        >
          Download result
        </button>
      </div>
      {cut && (
        <p className="hint" role="note">
          The answer is {message.length.toLocaleString()} characters long; the first{' '}
          {SHOWN_CHARACTERS.toLocaleString()} are shown. Copy or download it for the whole answer.
        </p>
      )}
      {table ? (
        <ResultTable table={table} />
      ) : outputType === 'text' ? (
        <Markdown text={shown} label="Result" />
      ) : (
        <pre className="result" aria-label="Result">
          {shown}
        </pre>
      )}
    </div>
  );
}
