// A watch's checks as the editor holds them (text fields, one row per check) and back: each row
// becomes a contract WatchCheck, parsed by the contract's own schema so the words of a refusal
// are the core's, and a JSON Schema or a number that does not read says so on its row.
import { WatchCheck, type WatchCheck as Check } from '../../../src-main/contract/watches';

export type CheckKind = Check['kind'];

export const CHECK_KINDS: { kind: CheckKind; label: string }[] = [
  { kind: 'schema', label: 'Output matches a JSON Schema' },
  { kind: 'number', label: 'Number in a range' },
  { kind: 'pattern', label: 'Text matches a pattern' },
  { kind: 'length', label: 'List length' },
  { kind: 'present', label: 'Key is present' },
  { kind: 'domains', label: 'Visits only these domains' },
  { kind: 'cost', label: 'Costs at most' },
];

export interface CheckRow {
  /** Stable across edits, for React keys and field ids. */
  key: number;
  kind: CheckKind;
  path: string;
  /** Number range, list length (at least / at most), or the cost's ceiling in `max`. */
  min: string;
  max: string;
  pattern: string;
  /** Domains, separated by commas or spaces. */
  allow: string;
  /** A JSON Schema; empty: the template's output schema. */
  schema: string;
}

let nextKey = 1;

export function newCheckRow(kind: CheckKind = 'number'): CheckRow {
  return { key: nextKey++, kind, path: '', min: '', max: '', pattern: '', allow: '', schema: '' };
}

export function rowOf(check: Check): CheckRow {
  const row = newCheckRow(check.kind);
  switch (check.kind) {
    case 'schema':
      return { ...row, schema: check.schema ? JSON.stringify(check.schema, null, 2) : '' };
    case 'number':
      return { ...row, path: check.path, min: text(check.min), max: text(check.max) };
    case 'pattern':
      return { ...row, path: check.path, pattern: check.pattern };
    case 'length':
      return { ...row, path: check.path, min: text(check.atLeast), max: text(check.atMost) };
    case 'present':
      return { ...row, path: check.path };
    case 'domains':
      return { ...row, allow: check.allow.join(', ') };
    case 'cost':
      return { ...row, max: String(check.atMost) };
  }
}

const text = (n: number | null): string => (n === null ? '' : String(n));

/** '' is "not set"; anything else must read as a number. */
function num(value: string, label: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${label} must be a number: “${value.trim()}” is not.`);
  return n;
}

function schemaOf(value: string): Record<string, unknown> | null {
  if (value.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new Error(`The JSON Schema is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('The JSON Schema must be a JSON object, such as {"type":"object"}.');
  return parsed as Record<string, unknown>;
}

function candidate(row: CheckRow): unknown {
  switch (row.kind) {
    case 'schema':
      return { kind: 'schema', schema: schemaOf(row.schema) };
    case 'number': {
      const [min, max] = [num(row.min, 'The lowest value'), num(row.max, 'The highest value')];
      if (min === null && max === null) throw new Error('Give a lowest value, a highest, or both.');
      if (min !== null && max !== null && min > max)
        throw new Error(`The lowest value (${min}) is above the highest (${max}).`);
      return { kind: 'number', path: row.path, min, max };
    }
    case 'pattern':
      return { kind: 'pattern', path: row.path, pattern: row.pattern };
    case 'length': {
      const [atLeast, atMost] = [num(row.min, 'At least'), num(row.max, 'At most')];
      if (atLeast === null && atMost === null) throw new Error('Give at least, at most, or both.');
      return { kind: 'length', path: row.path, atLeast, atMost };
    }
    case 'present':
      return { kind: 'present', path: row.path };
    case 'domains':
      return { kind: 'domains', allow: row.allow.split(/[\s,]+/).filter(Boolean) };
    case 'cost':
      return { kind: 'cost', atMost: num(row.max, 'The cost') ?? Number.NaN };
  }
}

const FIELD_WORDS: Record<string, string> = {
  path: 'Key path',
  pattern: 'Pattern',
  allow: 'Domains',
  atMost: 'At most',
  atLeast: 'At least',
};

/** The contract's check for this row, or what is wrong with it in words. */
export function checkOf(row: CheckRow): { check: Check } | { error: string } {
  let value: unknown;
  try {
    value = candidate(row);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const parsed = WatchCheck.safeParse(value);
  if (parsed.success) return { check: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = FIELD_WORDS[String(issue.path[0])] ?? '';
  const message =
    issue.code === 'invalid_type' && field ? `${field} is missing or not a number.` : issue.message;
  return { error: field && !message.startsWith(field) ? `${field}: ${message}` : message };
}
