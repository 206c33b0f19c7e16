// Rows for a batch, from CSV or JSON text (a file or a paste). CSV goes through papaparse,
// which handles quoted fields, embedded newlines and guesses the separator; we add what a
// person needs to fix a file: the line each row starts on.
import Papa from 'papaparse';

export interface ParsedRow {
  /** 1-based line where the row starts in the text (JSON: the item's position, 1-based). */
  line: number;
  values: Record<string, string>;
  /** CSV: values beyond the header's columns (dropped, so the row is flagged, never sent as is). */
  extra?: string[];
}

export interface ParsedRows {
  columns: string[];
  rows: ParsedRow[];
  /** The CSV separator used (null for JSON). */
  delimiter: string | null;
}

export class RowsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowsError';
  }
}

/** Most rows a batch takes: beyond this a person wants several batches anyway. */
export const MAX_ROWS = 100_000;

export function parseRows(text: string, format: 'auto' | 'csv' | 'json' = 'auto'): ParsedRows {
  const body = text.replace(/^\uFEFF/, '');
  const looksJson = /^\s*[[{]/.test(body);
  if (format === 'json' || (format === 'auto' && looksJson)) return parseJson(body);
  return parseCsv(body);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

function parseJson(body: string): ParsedRows {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new RowsError(`The rows are not valid JSON: ${(error as Error).message}`);
  }
  // A bare array of objects, or { rows: [...] } as the export writes it.
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { rows?: unknown }).rows)
      ? (data as { rows: unknown[] }).rows
      : null;
  if (!list)
    throw new RowsError('JSON rows must be an array of objects, e.g. [{"product": "kettle"}].');
  if (list.length > MAX_ROWS)
    throw new RowsError(`Too many rows: ${list.length} (a batch takes ${MAX_ROWS} at most).`);
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = list.map((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw new RowsError(`Item ${index + 1} is not an object with column names as keys.`);
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
      values[key] = cell(value);
    }
    return { line: index + 1, values };
  });
  return { columns, rows, delimiter: null };
}

/** The separator: papaparse's guess among `,` and `;`, checked on the header line when it cannot tell. */
function delimiterOf(body: string): string {
  const guess = Papa.parse<string[]>(body.slice(0, 64_000), {
    delimitersToGuess: [',', ';', '\t'],
    preview: 20,
    skipEmptyLines: 'greedy',
  });
  if (!guess.errors.some((e) => e.code === 'UndetectableDelimiter')) return guess.meta.delimiter;
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function lineStarts(body: string): number[] {
  const starts = [0];
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function parseCsv(body: string): ParsedRows {
  if (body.trim() === '') throw new RowsError('There are no rows: the text is empty.');
  const delimiter = delimiterOf(body);
  const starts = lineStarts(body);
  const records: { offset: number; fields: string[] }[] = [];
  let offset = 0;
  let problem: string | null = null;
  // step gives each record's end (meta.cursor), so the next one starts there: its line number.
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    step: (result, parser) => {
      const start = offset;
      offset = result.meta.cursor;
      const hard = result.errors.find(
        (e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes',
      );
      if (hard) {
        problem = `Line ${lineAt(starts, start + skipBlank(body, start))}: ${hard.message.replace(/\.$/, '')} (a quote is opened and never closed).`;
        parser.abort();
        return;
      }
      if (records.length > MAX_ROWS) {
        problem = `Too many rows (a batch takes ${MAX_ROWS} at most).`;
        parser.abort();
        return;
      }
      if (result.data.every((f) => f.trim() === '')) return;
      records.push({ offset: start + skipBlank(body, start), fields: result.data });
    },
  });
  if (problem) throw new RowsError(problem);
  const [header, ...data] = records;
  if (!header) throw new RowsError('There are no rows: the text is empty.');
  const columns = header.fields.map((name) => name.trim());
  const duplicate = columns.find((name, i) => name !== '' && columns.indexOf(name) !== i);
  if (duplicate) throw new RowsError(`Column "${duplicate}" appears twice in the header line.`);
  if (columns.some((name) => name === ''))
    throw new RowsError('The header line has a column without a name.');
  const rows = data.map((record) => {
    const values: Record<string, string> = {};
    columns.forEach((name, i) => (values[name] = record.fields[i] ?? ''));
    // An unquoted separator inside a value shifts every cell after it: say so, never guess.
    const extra = record.fields.slice(columns.length).filter((v) => v.trim() !== '');
    return { line: lineAt(starts, record.offset), values, ...(extra.length ? { extra } : {}) };
  });
  return { columns, rows, delimiter };
}

/** A record's text may begin with the line break that ended the previous one. */
function skipBlank(body: string, at: number): number {
  let n = 0;
  while (body[at + n] === '\r' || body[at + n] === '\n') n += 1;
  return n;
}
