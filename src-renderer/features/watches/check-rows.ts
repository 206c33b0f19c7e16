// A watch's checks as the editor holds them (text fields, one row per check) and back: each row
// becomes a contract WatchCheck, held to the contract's own rules (watch-rules.ts, zod-free so
// no zod ships to the renderer) with the same words, and a JSON Schema or a number that does
// not read says so on its row. The core checks everything again when the watch is saved.
import type { WatchCheck as Check } from '../../../src-main/contract/watches';
import {
  COST_CHECK_MAX,
  domainProblem,
  DOMAINS_MAX,
  keyPathProblem,
  LENGTH_LIMIT,
  NUMBER_LIMIT,
  patternProblem,
} from '../../../src-main/contract/watch-rules';

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

/** '' is "not set"; anything else must read as a number in [min, max] (whole when asked). */
function num(value: string, label: string, min: number, max: number, whole = false): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${label} must be a number: “${value.trim()}” is not.`);
  if (n < min || n > max || (whole && !Number.isInteger(n)))
    throw new Error(
      `${label} must be ${whole ? 'a whole number' : 'a number'} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
    );
  return n;
}

function path(row: CheckRow): string {
  const problem = keyPathProblem(row.path);
  if (problem) throw new Error(`Key path: ${problem}`);
  return row.path.trim();
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

function domains(text: string): string[] {
  const allow = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((d) => d.toLowerCase());
  if (allow.length === 0) throw new Error('Domains: give at least one (example.com).');
  if (allow.length > DOMAINS_MAX) throw new Error(`Domains: ${DOMAINS_MAX} at most.`);
  const bad = allow.find((d) => domainProblem(d));
  if (bad) throw new Error(`Domains: “${bad}”: ${domainProblem(bad)}`);
  return allow;
}

function build(row: CheckRow): Check {
  switch (row.kind) {
    case 'schema':
      return { kind: 'schema', schema: schemaOf(row.schema) };
    case 'number': {
      const at = path(row);
      const min = num(row.min, 'The lowest value', -NUMBER_LIMIT, NUMBER_LIMIT);
      const max = num(row.max, 'The highest value', -NUMBER_LIMIT, NUMBER_LIMIT);
      if (min === null && max === null) throw new Error('Give a lowest value, a highest, or both.');
      if (min !== null && max !== null && min > max)
        throw new Error(`The lowest value (${min}) is above the highest (${max}).`);
      return { kind: 'number', path: at, min, max };
    }
    case 'pattern': {
      // Both of the row's mistakes at once: the person fixes them in one go.
      const atProblem = keyPathProblem(row.path);
      const problem = patternProblem(row.pattern);
      const said = [atProblem && `Key path: ${atProblem}`, problem && `Pattern: ${problem}`];
      if (atProblem || problem) throw new Error(said.filter(Boolean).join(' '));
      return { kind: 'pattern', path: row.path.trim(), pattern: row.pattern };
    }
    case 'length': {
      const at = path(row);
      const atLeast = num(row.min, 'At least', 0, LENGTH_LIMIT, true);
      const atMost = num(row.max, 'At most', 0, LENGTH_LIMIT, true);
      if (atLeast === null && atMost === null) throw new Error('Give at least, at most, or both.');
      return { kind: 'length', path: at, atLeast, atMost };
    }
    case 'present':
      return { kind: 'present', path: path(row) };
    case 'domains':
      return { kind: 'domains', allow: domains(row.allow) };
    case 'cost': {
      const atMost = num(row.max, 'The cost', 0, COST_CHECK_MAX);
      if (atMost === null) throw new Error('Give the most a run may cost, in USD.');
      return { kind: 'cost', atMost };
    }
  }
}

/** The contract's check for this row, or what is wrong with it in words. */
export function checkOf(row: CheckRow): { check: Check } | { error: string } {
  try {
    return { check: build(row) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
