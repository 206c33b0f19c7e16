// A batch's results as one table: a row per input row with its input columns, status, cost,
// duration and answer, and for structured JSON output a column per top-level schema field
// (nested values as JSON). Exported as CSV (papaparse, the same library that reads rows)
// or JSON.
import Papa from 'papaparse';
import type { BatchResults } from '../../contract/batches';
import type { BatchRecord, RowRecord } from './batch-store';

/** Top-level properties of a structured JSON schema, in the schema's order. */
export function schemaFields(record: BatchRecord): string[] {
  const { outputType, outputSchema } = record.template.options;
  if (outputType !== 'structured_json' || !outputSchema || Array.isArray(outputSchema)) return [];
  const properties = (outputSchema as { properties?: unknown }).properties;
  return properties && typeof properties === 'object' ? Object.keys(properties) : [];
}

function fieldsOf(answer: string | null, fields: string[]): Record<string, string> {
  if (fields.length === 0 || answer === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer);
  } catch {
    return {}; // not JSON after all: the answer column still has it whole
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = (parsed as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    out[field] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function statusOf(row: RowRecord): BatchResults['rows'][number]['status'] {
  if (row.state === 'waiting') return 'waiting';
  if (row.state === 'skipped') return 'skipped';
  if (row.state === 'cancelled') return 'cancelled';
  return row.task?.status ?? 'deleted';
}

export function resultsOf(record: BatchRecord, rows: RowRecord[]): BatchResults {
  const fields = schemaFields(record);
  return {
    batchId: record.id,
    columns: record.columns,
    fields,
    rows: rows.map((row) => ({
      line: row.line,
      input: row.input,
      taskId: row.taskId,
      status: statusOf(row),
      cost: row.task?.cost ?? null,
      durationMs:
        row.task?.startedAt != null && row.task.endedAt != null
          ? row.task.endedAt - row.task.startedAt
          : null,
      answer: row.task?.resultMessage ?? null,
      error:
        row.task?.error ??
        (row.state === 'cancelled' ? 'The batch was cancelled before this row was sent.' : null),
      fields: fieldsOf(row.task?.resultMessage ?? null, fields),
    })),
  };
}

/** Column names of the flat table; a schema field that clashes with an input column is prefixed. */
export function flatColumns(results: BatchResults): { key: string; header: string }[] {
  const taken = new Set([
    ...results.columns,
    'line',
    'status',
    'cost',
    'duration_s',
    'answer',
    'error',
    'task_id',
  ]);
  return [
    { key: 'line', header: 'line' },
    ...results.columns.map((c) => ({ key: `in:${c}`, header: c })),
    { key: 'status', header: 'status' },
    { key: 'cost', header: 'cost' },
    { key: 'duration_s', header: 'duration_s' },
    { key: 'answer', header: 'answer' },
    ...results.fields.map((f) => ({ key: `field:${f}`, header: taken.has(f) ? `result.${f}` : f })),
    { key: 'error', header: 'error' },
    { key: 'task_id', header: 'task_id' },
  ];
}

export function flatRows(results: BatchResults): Record<string, string | number | null>[] {
  const columns = flatColumns(results);
  return results.rows.map((row) => {
    const value = (key: string): string | number | null => {
      if (key.startsWith('in:')) return row.input[key.slice(3)] ?? '';
      if (key.startsWith('field:')) return row.fields[key.slice(6)] ?? null;
      switch (key) {
        case 'line':
          return row.line;
        case 'status':
          return row.status;
        case 'cost':
          return row.cost;
        case 'duration_s':
          return row.durationMs === null ? null : Math.round(row.durationMs / 100) / 10;
        case 'answer':
          return row.answer;
        case 'error':
          return row.error;
        default:
          return row.taskId;
      }
    };
    return Object.fromEntries(columns.map((c) => [c.header, value(c.key)]));
  });
}

export function exportResults(results: BatchResults, format: 'csv' | 'json'): string {
  const rows = flatRows(results);
  if (format === 'json') return `${JSON.stringify({ batchId: results.batchId, rows }, null, 2)}\n`;
  // A leading =, +, - or @ makes a spreadsheet run the cell as a formula: quote it away.
  return Papa.unparse(
    { fields: flatColumns(results).map((c) => c.header), data: rows.map((r) => Object.values(r)) },
    { escapeFormulae: true, newline: '\r\n' },
  );
}
