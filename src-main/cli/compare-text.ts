// A run comparison as lines for a terminal. Every value in it comes from web pages (answers,
// keys, domains, file names, questions): it is cut, kept on one line, and written through
// terminal-text like all CLI output.
import type { RunComparison } from '../contract/watches';
import { SHORT_ID } from './history-command';
import { formatDuration } from '../contract/duration-format';
import { formatUsd } from '../contract/money-format';

const MAX_LINES = 200;

function one(value: unknown, max = 120): string {
  const text = (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value)) ?? '—';
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function delta(
  label: string,
  d: RunComparison['cost'],
  show: (n: number) => string,
): string | null {
  if (d.before === null && d.after === null) return `${label}: unknown on both sides`;
  const before = d.before === null ? 'unknown' : show(d.before);
  const after = d.after === null ? 'unknown' : show(d.after);
  if (d.change === 0) return `${label}: ${after} (same)`;
  const sign =
    d.change === null ? '' : d.change > 0 ? ` (+${show(d.change)})` : ` (-${show(-d.change)})`;
  return `${label}: ${before} → ${after}${sign}`;
}

function outputLines(output: RunComparison['output']): string[] {
  switch (output.kind) {
    case 'unreadable':
      return [`Output: not compared. ${output.reason}`];
    case 'keys':
      if (output.changes.length === 0) return ['Output: no key changed.'];
      return [
        `Output: ${output.changes.length} key path(s) changed`,
        ...output.changes.map((c) =>
          c.kind === 'added'
            ? `  + ${c.path}: ${one(c.after)}`
            : c.kind === 'removed'
              ? `  - ${c.path}: ${one(c.before)}`
              : `  ~ ${c.path}: ${one(c.before)} → ${one(c.after)}`,
        ),
      ];
    case 'rows': {
      const lines = [
        `Output: ${output.added.length} row(s) added, ${output.removed.length} removed, ${output.unchanged} unchanged`,
      ];
      if (output.columns.added.length)
        lines.push(`  columns added: ${output.columns.added.join(', ')}`);
      if (output.columns.removed.length)
        lines.push(`  columns removed: ${output.columns.removed.join(', ')}`);
      for (const row of output.added) lines.push(`  + ${one(row)}`);
      for (const row of output.removed) lines.push(`  - ${one(row)}`);
      return lines;
    }
    case 'words':
      if (!output.changed) return ['Output: the text is the same.'];
      return [
        'Output: words changed ([-removed-] {+added+})',
        `  ${output.parts
          .map((p) =>
            p.kind === 'same'
              ? p.text
              : p.kind === 'added'
                ? `{+${p.text.trim()}+} `
                : `[-${p.text.trim()}-] `,
          )
          .join('')
          .replace(/\s+/g, ' ')
          .trim()}`,
      ];
  }
}

export function comparisonLines(c: RunComparison): string[] {
  const head = (side: RunComparison['before']) =>
    `${side.id.slice(0, SHORT_ID)} (${side.status}, ${new Date(side.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
  const setLine = (label: string, s: { added: string[]; removed: string[] }) =>
    s.added.length + s.removed.length === 0
      ? `${label}: same`
      : `${label}: ${[...s.added.map((x) => `+${x}`), ...s.removed.map((x) => `-${x}`)].join(' ')}`;
  const lines = [
    `Comparing ${head(c.before)} → ${head(c.after)}${c.same ? ': nothing differs' : ''}`,
    ...outputLines(c.output),
    delta('Cost', c.cost, formatUsd),
    delta('Tokens', c.tokens, (n) => String(n)),
    delta('Duration', c.durationMs, formatDuration),
    delta('Steps', c.steps, (n) => String(n)),
    setLine('Domains', c.domains),
    setLine('Files', c.files),
    c.questions.before.length + c.questions.after.length === 0
      ? 'Questions: none'
      : `Questions: before ${c.questions.before.map((q) => one(q, 80)).join('; ') || 'none'}; after ${c.questions.after.map((q) => one(q, 80)).join('; ') || 'none'}`,
  ].filter((l): l is string => l !== null);
  return lines.length > MAX_LINES
    ? [
        ...lines.slice(0, MAX_LINES),
        `… ${lines.length - MAX_LINES} more line(s); use --json for all.`,
      ]
    : lines;
}
