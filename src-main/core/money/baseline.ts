// What a run of a template usually costs, and the two alarms built on it, as pure functions:
//
// - a running task is anomalous once its cost passes the larger of 3× the median and the p95
//   of the earlier runs of its template (the larger, so a template whose costs are spread wide
//   does not cry wolf at every run above its median);
// - a day is a spike once its known spend passes twice the trailing 7-day average (the seven
//   whole days before it).
//
// Unknown costs never count as $0: a run of unknown cost is left out of the figures (and
// counted beside them), so it can never lower a baseline; a template with fewer than MIN_RUNS
// runs of known cost has no baseline at all, and the explanation says so rather than guess.
import { formatUsd } from '../../contract/money-format';
import type { CostBaseline, DaySpike } from '../../contract/schemas';
import { quantile } from './cost-figures';

export const MIN_RUNS = 5;
export const MEDIAN_FACTOR = 3;
export const SPIKE_FACTOR = 2;
export const SPIKE_WINDOW_DAYS = 7;

export function baselineOf(costs: readonly (number | null)[]): CostBaseline {
  const known = costs.filter((c): c is number => c !== null && Number.isFinite(c) && c >= 0);
  const unknownRuns = costs.length - known.length;
  const unknownNote =
    unknownRuns > 0
      ? ` (${unknownRuns} earlier run${unknownRuns === 1 ? '' : 's'} of unknown cost left out)`
      : '';
  if (known.length < MIN_RUNS)
    return {
      runs: known.length,
      unknownRuns,
      p50: null,
      p90: null,
      p95: null,
      threshold: null,
      explanation: `No baseline: ${known.length} earlier run${known.length === 1 ? '' : 's'} with a known cost, and it takes ${MIN_RUNS}${unknownNote}.`,
    };
  const p50 = quantile(known, 0.5)!;
  const p90 = quantile(known, 0.9)!;
  const p95 = quantile(known, 0.95)!;
  const threshold = Math.max(MEDIAN_FACTOR * p50, p95);
  return {
    runs: known.length,
    unknownRuns,
    p50,
    p90,
    p95,
    threshold,
    explanation: `From ${known.length} earlier runs${unknownNote}: median ${formatUsd(p50)}, p90 ${formatUsd(p90)}, p95 ${formatUsd(p95)}; flagged past ${formatUsd(threshold)} (the larger of 3× the median and the p95).`,
  };
}

/** True once a known cost passes the baseline's threshold; an unknown cost is never judged. */
export function isAnomalous(cost: number | null, baseline: CostBaseline): boolean {
  return cost !== null && baseline.threshold !== null && cost > baseline.threshold;
}

/**
 * Today's spend against the trailing average of the SPIKE_WINDOW_DAYS whole days before it.
 * `byDay` is known spend by local day; days missing from it spent nothing. No alert without
 * spend in the window (no average to compare with).
 */
export function daySpikeOf(
  byDay: readonly { period: string; cost: number; unknownCost: number }[],
  today: string,
): DaySpike | null {
  const todayRow = byDay.find((d) => d.period === today);
  if (!todayRow) return null;
  const start = new Date(Date.parse(`${today}T00:00:00Z`) - SPIKE_WINDOW_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const window = byDay.filter((d) => d.period >= start && d.period < today);
  const total = window.reduce((sum, d) => sum + d.cost, 0);
  if (total <= 0) return null;
  const average = total / SPIKE_WINDOW_DAYS;
  if (todayRow.cost <= SPIKE_FACTOR * average) return null;
  const unknown = window.reduce((sum, d) => sum + d.unknownCost, 0);
  return {
    day: today,
    spent: todayRow.cost,
    average,
    text: `Spend today (${formatUsd(todayRow.cost)}) is more than twice the 7-day trailing average (${formatUsd(average)} a day)${unknown > 0 ? `; ${unknown} task${unknown === 1 ? '' : 's'} of unknown cost in those days are not counted` : ''}.`,
  };
}
