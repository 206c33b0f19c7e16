// What one ended run of a watch means: its verdict (checks.ts), whether it changed materially
// from the previous completed run (change-detect.ts), and the alerts it raises. An alert is
// raised for a material change, a failed check, a run that failed, or "unchanged for N days"
// when the watch asks for it; noise and unverified runs raise nothing. Pure: the watch store
// reads the runs and writes the outcome in one transaction.
import type { AlertKind, RunVerdict, ValueChange, WatchSpec } from '../../contract/watches';
import { detectChange, type ChangeFinding } from './change-detect';
import { verdictOf } from './checks';
import type { RunSnapshot } from './run-output';

const DAY_MS = 86_400_000;

/** The 'completed' status; any other ended status is a run that did not deliver. */
const COMPLETED = 'completed';

export interface RunContext {
  watch: Pick<WatchSpec, 'name' | 'checks' | 'change'>;
  run: RunSnapshot;
  /** The previous completed run of the same watch, or null for the first. */
  previous: RunSnapshot | null;
  /** When the watch last changed materially (or its first completed run), for "unchanged for N days". */
  lastChangeAt: number | null;
  /** When the last "unchanged" alert was raised, so it is raised once per quiet stretch. */
  lastUnchangedAlertAt: number | null;
  now: number;
}

export interface RunOutcome {
  verdict: RunVerdict | null;
  change: ChangeFinding | null;
  alerts: { kind: AlertKind; message: string }[];
  /** The new lastChangeAt after this run. */
  lastChangeAt: number | null;
}

/** A short value as an alert shows it: numbers and booleans as they are, text quoted; else none. */
function shortValue(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const flat = JSON.stringify(value.replace(/\s+/g, ' ').trim());
  return flat.length <= 40 ? flat : null;
}

/** "price 57.41 → 59.41": a change with its values when both are short, else its path alone. */
function changeText(change: ValueChange): string {
  // Paths are keys of web content: cut, so a hostile key cannot make the alert a page long.
  const path = change.path.length > 80 ? `${change.path.slice(0, 79)}…` : change.path;
  if (change.kind !== 'changed') return `${path} ${change.kind}`;
  const before = shortValue(change.before);
  const after = shortValue(change.after);
  return before !== null && after !== null ? `${path} ${before} → ${after}` : path;
}

function changeSummary(finding: ChangeFinding): string {
  const first = finding.changes.slice(0, 3).map(changeText).join(', ');
  const more = finding.changes.length > 3 ? ` and ${finding.changes.length - 3} more` : '';
  return `${first}${more}`;
}

export function evaluateRun(ctx: RunContext): RunOutcome {
  const { run, watch } = ctx;
  const name = watch.name;
  if (run.status !== COMPLETED) {
    return {
      verdict: null,
      change: null,
      alerts: [{ kind: 'run_failed', message: `${name}: the run ended ${run.status}.` }],
      lastChangeAt: ctx.lastChangeAt,
    };
  }
  const verdict = verdictOf(watch.checks, run);
  const change = ctx.previous ? detectChange(ctx.previous, run, watch.change) : null;
  const alerts: RunOutcome['alerts'] = [];
  if (verdict.verdict === 'fail') {
    const failed = verdict.results.filter((r) => r.outcome === 'fail');
    alerts.push({
      kind: 'check_failed',
      message: `${name}: ${failed.length} check${failed.length === 1 ? '' : 's'} failed (${failed[0]!.check}: ${failed[0]!.detail})`,
    });
  }
  if (change?.material)
    alerts.push({ kind: 'material_change', message: `${name} changed: ${changeSummary(change)}.` });
  const lastChangeAt =
    change?.material || ctx.lastChangeAt === null ? run.createdAt : ctx.lastChangeAt;
  const days = watch.change.unchangedDays;
  if (
    days !== null &&
    !change?.material &&
    ctx.lastChangeAt !== null &&
    ctx.now - ctx.lastChangeAt >= days * DAY_MS &&
    (ctx.lastUnchangedAlertAt === null || ctx.lastUnchangedAlertAt < ctx.lastChangeAt)
  )
    alerts.push({
      kind: 'unchanged',
      message: `${name} has not changed for ${days} day${days === 1 ? '' : 's'}.`,
    });
  return { verdict, change, alerts, lastChangeAt };
}
