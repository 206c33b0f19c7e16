// History export as CSV or JSON. Secrets never are in the history; URLs are still redacted
// because a starting URL can carry a token a user pasted in.
import type { StoredTask } from '../tasks/task-store';
import { redactUrl, redactUrlsIn } from './redact';

export type ExportFormat = 'csv' | 'json';

const COLUMNS = [
  'id',
  'createdAt',
  'status',
  'prompt',
  'startingUrl',
  'resultMessage',
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'cost',
  'costSource',
  'errorCode',
  'errorMessage',
  'sessionId',
  'remoteTaskId',
  'tags',
  'endedAt',
] as const;

export function exportRecord(
  task: StoredTask,
): Record<(typeof COLUMNS)[number], string | number | null> {
  return {
    id: task.id,
    createdAt: new Date(task.createdAt).toISOString(),
    status: task.status,
    prompt: redactUrlsIn(task.prompt),
    startingUrl: task.startingUrl === null ? null : redactUrl(task.startingUrl),
    resultMessage: task.resultMessage === null ? null : redactUrlsIn(task.resultMessage),
    promptTokens: task.usage?.promptTokens ?? null,
    completionTokens: task.usage?.completionTokens ?? null,
    totalTokens: task.usage?.totalTokens ?? null,
    cost: task.usage?.cost ?? null,
    costSource: task.costSource,
    errorCode: task.error?.code ?? null,
    errorMessage: task.error ? redactUrlsIn(task.error.message) : null,
    sessionId: task.sessionId,
    remoteTaskId: task.remoteTaskId,
    tags: task.tags.join(' '),
    endedAt: task.endedAt === null ? null : new Date(task.endedAt).toISOString(),
  };
}

/** RFC 4180 quoting; a leading = + - @ is prefixed so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Yields the export piece by piece, so a large history streams instead of filling memory. */
export function* exportChunks(
  tasks: Iterable<StoredTask>,
  format: ExportFormat,
): Generator<string> {
  if (format === 'csv') {
    yield `${COLUMNS.join(',')}\r\n`;
    for (const task of tasks) {
      const record = exportRecord(task);
      yield `${COLUMNS.map((c) => csvCell(record[c])).join(',')}\r\n`;
    }
    return;
  }
  yield '[';
  let first = true;
  for (const task of tasks) {
    yield `${first ? '' : ','}\n${JSON.stringify(exportRecord(task))}`;
    first = false;
  }
  yield '\n]\n';
}
