// Figures, percentiles and the printed/JSON report. A figure carries its target so the table
// can say met or not; a figure without a target is context (a breakdown, a reference value).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Figure {
  scenario: string;
  name: string;
  /** Human-readable target, e.g. "≤ 50 ms"; null when the figure is context only. */
  target: string | null;
  value: number | null;
  unit: string;
  /** null: no target, or not measurable. */
  met: boolean | null;
  note?: string;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: p99 of 200 samples is the 198th, a value that was really observed.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** A figure with an upper-bound target (`value <= limit` is met). */
export function atMost(
  scenario: string,
  name: string,
  value: number | null,
  limit: number,
  unit: string,
  note?: string,
): Figure {
  return {
    scenario,
    name,
    target: `≤ ${+limit.toFixed(3)} ${unit}`.trim(),
    value,
    unit,
    met: value === null || Number.isNaN(value) ? null : value <= limit,
    note,
  };
}

/** A figure with a lower-bound target (`value >= limit` is met). */
export function atLeast(
  scenario: string,
  name: string,
  value: number | null,
  limit: number,
  unit: string,
  note?: string,
): Figure {
  return {
    scenario,
    name,
    target: `≥ ${+limit.toFixed(3)} ${unit}`.trim(),
    value,
    unit,
    met: value === null || Number.isNaN(value) ? null : value >= limit,
    note,
  };
}

export function context(
  scenario: string,
  name: string,
  value: number | null,
  unit: string,
  note?: string,
): Figure {
  return { scenario, name, target: null, value, unit, met: null, note };
}

export function notMeasurable(scenario: string, name: string, target: string, why: string): Figure {
  return {
    scenario,
    name,
    target,
    value: null,
    unit: '',
    met: null,
    note: `not measurable: ${why}`,
  };
}

function show(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

/** The table of figures; a scenario that threw gets a row saying so, so a crash is never silent. */
export function formatTable(
  figures: readonly Figure[],
  errors: readonly ScenarioError[] = [],
): string {
  const rows = figures.map((f) => [
    f.scenario,
    f.name,
    f.target ?? '—',
    show(f.value, f.unit),
    f.met === null ? (f.target ? 'n/a' : '') : f.met ? 'met' : 'MISSED',
    f.note ?? '',
  ]);
  for (const e of errors)
    rows.push([e.scenario, 'scenario error', '—', 'n/a', 'ERROR', firstLine(e.message)]);
  const head = ['scenario', 'figure', 'target', 'measured', 'result', 'note'];
  const widths = head.map((h, i) =>
    Math.min(70, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export interface ScenarioError {
  scenario: string;
  message: string;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!;
}

export interface Report {
  mode: 'full' | 'smoke';
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; node: string; platform: string };
  figures: Figure[];
  errors: ScenarioError[];
  details: Record<string, unknown>;
}

/**
 * The bench's exit code: 1 when a scenario errored (a crash, a lost or stuck task), in every
 * mode; 2 when a full-size run (all scenarios or --only) missed a target, so scripts can rely
 * on it; 0 otherwise. A smoke run's sizes are too small to judge, so its misses exit 0.
 */
export function exitCodeOf(report: Pick<Report, 'mode' | 'figures' | 'errors'>): number {
  if (report.errors.length > 0) return 1;
  if (report.mode === 'full' && report.figures.some((f) => f.met === false)) return 2;
  return 0;
}

export function writeReport(path: string, report: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
