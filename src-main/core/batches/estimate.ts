// What a batch will cost and how long it will take, before it starts, and its ETA while it
// runs. Pure functions: the figures come from the history of tasks run from the same
// template, and time from two limits, whichever is slower: the rows running at once, and
// WebRun's limit on submissions (10 a minute per user, whatever the concurrency).
import { formatDuration } from '../../contract/duration-format';
import type { BatchEstimate } from '../../contract/batches';
import { formatUsd } from '../../contract/money-format';
import { quantile } from '../money/cost-figures';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface History {
  costs: number[];
  durationsMs: number[];
}

export interface EstimateInput {
  rows: number;
  concurrency: number;
  mode: 'oneshot' | 'session';
  rowsPerSession: number;
  history: History;
  rateLimit: RateLimit | null;
}

/** WebRun's documentation: a typical task takes 10 to 40 seconds. Used until there is history. */
const TYPICAL_MS = { low: 10_000, high: 40_000 };

/** Requests that count against the limit: one per row, plus a start-session per session. */
export function submissionsFor(
  rows: number,
  mode: 'oneshot' | 'session',
  rowsPerSession: number,
): number {
  return mode === 'session' ? rows + Math.ceil(rows / Math.max(1, rowsPerSession)) : rows;
}

/**
 * The least time the limit allows for `submissions` requests: the limit admits `max` per
 * window, so they need submissions / max windows (600 rows at 10 a minute: an hour).
 */
export function rateFloorMs(submissions: number, rateLimit: RateLimit | null): number {
  if (!rateLimit || submissions === 0) return 0;
  return (submissions / rateLimit.max) * rateLimit.windowMs;
}

export function estimateBatch(input: EstimateInput): BatchEstimate {
  const { rows, history } = input;
  const lanes = Math.max(1, input.concurrency);
  const median = quantile(history.costs, 0.5);
  const p90 = quantile(history.costs, 0.9);
  const fromHistory = history.durationsMs.length > 0;
  const durLow = fromHistory ? quantile(history.durationsMs, 0.5)! : TYPICAL_MS.low;
  const durHigh = fromHistory ? quantile(history.durationsMs, 0.9)! : TYPICAL_MS.high;
  const waves = Math.ceil(rows / lanes);
  const submissions = submissionsFor(rows, input.mode, input.rowsPerSession);
  const floor = rateFloorMs(submissions, input.rateLimit);
  const byConcurrency = { low: waves * durLow, high: waves * durHigh };
  const rateBound = floor + durLow > byConcurrency.low;
  const time = {
    lowMs: rows === 0 ? 0 : Math.max(byConcurrency.low, floor + durLow),
    highMs: rows === 0 ? 0 : Math.max(byConcurrency.high, floor + durHigh),
    rateFloorMs: floor,
    limitedBy: rateBound ? ('rate' as const) : ('concurrency' as const),
    fromHistory,
  };
  const cost = {
    median,
    p90,
    samples: history.costs.length,
    totalLow: median === null ? null : median * rows,
    totalHigh: p90 === null ? null : p90 * rows,
  };
  const costText =
    median === null || p90 === null
      ? 'Cost: no history yet for this template.'
      : `Cost: ${formatUsd(cost.totalLow!)} to ${formatUsd(cost.totalHigh!)} (per task ${formatUsd(median)} median, ${formatUsd(p90)} p90, from ${cost.samples} earlier task${cost.samples === 1 ? '' : 's'}).`;
  const rateText = input.rateLimit
    ? ` WebRun accepts ${input.rateLimit.max} submissions ${input.rateLimit.windowMs === 60_000 ? 'a minute' : `per ${formatDuration(input.rateLimit.windowMs)}`}, so ${submissions} submission${submissions === 1 ? '' : 's'} cannot finish in less than ${formatDuration(floor)}.`
    : '';
  const timeText = `Time: ${formatDuration(time.lowMs)} to ${formatDuration(time.highMs)} with ${lanes} at once${fromHistory ? '' : ' (typical task times; no history yet)'}.${rateText}`;
  return { rows, submissions, cost, time, text: `${costText} ${timeText}` };
}

/**
 * Time left while running: the pace so far for the rows still to go, never faster than the
 * submission limit allows for the rows not yet sent. Null before any row has ended.
 */
export function etaMs(input: {
  finished: number;
  remaining: number;
  unsent: number;
  elapsedMs: number;
  concurrency: number;
  rateLimit: RateLimit | null;
}): number | null {
  if (input.remaining === 0) return 0;
  if (input.finished === 0) return null;
  const pace = (input.elapsedMs / input.finished) * input.remaining;
  return Math.max(pace, rateFloorMs(input.unsent, input.rateLimit));
}
