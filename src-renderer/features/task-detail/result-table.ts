// Structured results as a table: JSON (an array of objects, or an object holding one) and
// CSV text with a header row.

export interface Table {
  columns: string[];
  rows: string[][];
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fromRecords(records: unknown[]): Table {
  const columns: string[] = [];
  for (const record of records) {
    if (!isRecord(record)) continue;
    for (const key of Object.keys(record)) if (!columns.includes(key)) columns.push(key);
  }
  if (columns.length === 0) return { columns: ['value'], rows: records.map((r) => [cell(r)]) };
  return { columns, rows: records.map((r) => columns.map((c) => (isRecord(r) ? cell(r[c]) : ''))) };
}

/** The best table for a parsed JSON value; null when it is not tabular at all. */
export function tableFromJson(value: unknown): Table | null {
  if (Array.isArray(value)) return fromRecords(value);
  if (!isRecord(value)) return null;
  // An object holding a list of records (e.g. {"items":[…]}) is shown as that list.
  const list = Object.values(value).find(
    (v) => Array.isArray(v) && v.length > 0 && v.every(isRecord),
  );
  if (list) return fromRecords(list as unknown[]);
  return { columns: ['field', 'value'], rows: Object.entries(value).map(([k, v]) => [k, cell(v)]) };
}

export function parseJsonTable(text: string): Table | null {
  try {
    return tableFromJson(JSON.parse(text));
  } catch {
    return null;
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export function parseCsvTable(text: string): Table | null {
  const [header, ...rows] = parseCsv(text);
  return header ? { columns: header, rows } : null;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(columns: string[], rows: string[][]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
