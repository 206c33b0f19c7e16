// Any two runs side by side: a key-path diff of structured output, a row diff of CSV output, a
// word diff of text, and what the run did and cost (cost, tokens, duration, steps), which
// domains it visited that the other did not, which files came and went, and the questions each
// asked. Pure: the store reads the runs (run-snapshots.ts), the hosts render the answer.
import type { RunComparison, ValueChange } from '../../contract/watches';
import { flatten, type Segment } from './key-paths';
import { readOutput, type RunOutput, type RunSnapshot } from './run-output';
import { wordDiff } from './word-diff';

export interface LeafChange {
  change: ValueChange;
  segments: Segment[];
}

/** Changes leaf by leaf, in document order: the before's paths first, then those only the after has. */
export function diffLeaves(before: unknown, after: unknown): LeafChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: LeafChange[] = [];
  for (const [path, leaf] of a) {
    const other = b.get(path);
    const { segments } = leaf;
    if (!other) out.push({ segments, change: { path, kind: 'removed', before: leaf.value } });
    else if (!sameValue(leaf.value, other.value))
      out.push({
        segments,
        change: { path, kind: 'changed', before: leaf.value, after: other.value },
      });
  }
  for (const [path, leaf] of b)
    if (!a.has(path))
      out.push({ segments: leaf.segments, change: { path, kind: 'added', after: leaf.value } });
  return out;
}

export function diffValues(before: unknown, after: unknown): ValueChange[] {
  return diffLeaves(before, after).map((d) => d.change);
}

/** Leaves are primitives or empty containers: `{}` and `[]` differ, NaN never occurs in JSON. */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  return Array.isArray(x) === Array.isArray(y);
}

/** Rows as multisets: a row is unchanged when an identical row is on the other side. */
export function diffRows(
  before: { columns: string[]; rows: Record<string, string>[] },
  after: { columns: string[]; rows: Record<string, string>[] },
): Extract<RunComparison['output'], { kind: 'rows' }> {
  const key = (row: Record<string, string>): string => JSON.stringify(Object.entries(row).sort());
  const pool = new Map<string, number>();
  for (const row of before.rows) pool.set(key(row), (pool.get(key(row)) ?? 0) + 1);
  const added: Record<string, string>[] = [];
  let unchanged = 0;
  for (const row of after.rows) {
    const k = key(row);
    const left = pool.get(k) ?? 0;
    if (left > 0) {
      pool.set(k, left - 1);
      unchanged += 1;
    } else added.push(row);
  }
  const removed: Record<string, string>[] = [];
  for (const row of before.rows) {
    const k = key(row);
    const left = pool.get(k) ?? 0;
    if (left > 0) {
      pool.set(k, left - 1);
      removed.push(row);
    }
  }
  return {
    kind: 'rows',
    columns: {
      added: after.columns.filter((c) => !before.columns.includes(c)),
      removed: before.columns.filter((c) => !after.columns.includes(c)),
    },
    added,
    removed,
    unchanged,
  };
}

export function compareOutputs(a: RunOutput, b: RunOutput): RunComparison['output'] {
  if (a.kind === 'unreadable') return { kind: 'unreadable', reason: `Before: ${a.reason}` };
  if (b.kind === 'unreadable') return { kind: 'unreadable', reason: `After: ${b.reason}` };
  if (a.kind === 'json' && b.kind === 'json')
    return { kind: 'keys', changes: diffValues(a.value, b.value) };
  if (a.kind === 'csv' && b.kind === 'csv') return diffRows(a, b);
  if (a.kind === 'text' && b.kind === 'text') {
    const parts = wordDiff(a.text, b.text);
    return { kind: 'words', parts, changed: parts.some((p) => p.kind !== 'same') };
  }
  return {
    kind: 'unreadable',
    reason: `The runs have different output types (${a.kind} and ${b.kind}); compare their answers by eye.`,
  };
}

function delta(before: number | null, after: number | null) {
  return { before, after, change: before === null || after === null ? null : after - before };
}

function setDiff(before: readonly string[], after: readonly string[]) {
  const a = new Set(before);
  const b = new Set(after);
  return {
    added: [...b].filter((x) => !a.has(x)).sort(),
    removed: [...a].filter((x) => !b.has(x)).sort(),
  };
}

function outputSame(output: RunComparison['output']): boolean {
  switch (output.kind) {
    case 'keys':
      return output.changes.length === 0;
    case 'rows':
      return (
        output.added.length + output.removed.length === 0 &&
        output.columns.added.length + output.columns.removed.length === 0
      );
    case 'words':
      return !output.changed;
    case 'unreadable':
      return false;
  }
}

export function compareRuns(before: RunSnapshot, after: RunSnapshot): RunComparison {
  const output = compareOutputs(readOutput(before), readOutput(after));
  const domains = setDiff(before.hosts, after.hosts);
  const files = setDiff(before.files, after.files);
  const questions = { before: [...before.questions], after: [...after.questions] };
  const sameQuestions =
    questions.before.length === questions.after.length &&
    questions.before.every((q, i) => q === questions.after[i]);
  // Unreadable output is the same when it is the same text (or both have none).
  const sameOutput = outputSame(output) || before.result === after.result;
  return {
    before: { id: before.id, status: before.status, createdAt: before.createdAt },
    after: { id: after.id, status: after.status, createdAt: after.createdAt },
    output,
    cost: delta(before.cost, after.cost),
    tokens: delta(before.tokens, after.tokens),
    durationMs: delta(before.durationMs, after.durationMs),
    steps: delta(before.steps, after.steps),
    domains,
    files,
    questions,
    same:
      sameOutput &&
      sameQuestions &&
      domains.added.length + domains.removed.length + files.added.length + files.removed.length ===
        0,
  };
}
