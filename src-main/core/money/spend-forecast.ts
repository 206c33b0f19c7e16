// The month-end forecast, said the way it is computed: this month's spend so far plus a named
// trailing daily average for the days left. With spend on fewer than MIN_DAYS days there is no
// forecast, only a sentence saying what it waits for (two busy days projected over a month
// would be a guess, not a forecast).
import { formatUsd } from '../../contract/money-format';
import type { SpendForecast } from '../../contract/schemas';

export const MIN_DAYS = 3;
export const WINDOW_DAYS = 7;
export const DAY = 86_400_000;

export interface ForecastInput {
  now: number;
  tzOffsetMinutes: number;
  /** Spend this month so far. */
  monthSpent: number;
  /** Days in this month, and whole local days left after today. */
  daysInMonth: number;
  daysLeft: number;
  /** Spend by local day (YYYY-MM-DD), any order; days without spend may be missing. */
  byDay: readonly { period: string; cost: number }[];
}

export interface TrailingAverage {
  /** Known spend a day over the window. */
  perDay: number;
  /** Days in the window: WINDOW_DAYS, or fewer since the first day with spend. */
  window: number;
  /** Tasks in the window whose cost is unknown (not in perDay, never counted as $0). */
  unknownCost: number;
  method: string;
}

/**
 * The named trailing daily average the month forecast and the runway share: the last
 * WINDOW_DAYS local days up to today, counted from the first day with spend when that is more
 * recent (empty days before it say nothing about the pace). Null without any spend.
 */
export function trailingAverage(input: {
  now: number;
  tzOffsetMinutes: number;
  byDay: readonly { period: string; cost: number; unknownCost?: number }[];
}): TrailingAverage | null {
  const withSpend = input.byDay.filter((d) => d.cost > 0);
  if (withSpend.length === 0) return null;
  const localDay = (ms: number): string =>
    new Date(ms + input.tzOffsetMinutes * 60_000).toISOString().slice(0, 10);
  const today = localDay(input.now);
  const first = withSpend.map((d) => d.period).sort()[0]!;
  const sinceFirst =
    Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY) + 1;
  const window = Math.max(1, Math.min(WINDOW_DAYS, sinceFirst));
  const windowStart = localDay(input.now - (window - 1) * DAY);
  const days = input.byDay.filter((d) => d.period >= windowStart && d.period <= today);
  const inWindow = days.reduce((sum, d) => sum + d.cost, 0);
  const unknownCost = days.reduce((sum, d) => sum + (d.unknownCost ?? 0), 0);
  return {
    perDay: inWindow / window,
    window,
    unknownCost,
    method: `${window}-day trailing average`,
  };
}

export function forecastMonth(input: ForecastInput): SpendForecast {
  const withSpend = input.byDay.filter((d) => d.cost > 0);
  const daysOfData = withSpend.length;
  if (daysOfData < MIN_DAYS) {
    return {
      value: null,
      method: null,
      daysOfData,
      explanation: `A forecast needs spend on at least ${MIN_DAYS} days; there is spend on ${daysOfData} so far.`,
    };
  }
  // Spend on MIN_DAYS days means there is an average.
  const { perDay, method } = trailingAverage(input)!;
  const value = Math.round((input.monthSpent + perDay * input.daysLeft) * 10_000) / 10_000;
  return {
    value,
    method,
    daysOfData,
    explanation: `This month so far (${formatUsd(input.monthSpent)}) plus the ${method} (${formatUsd(perDay)} a day) for the ${input.daysLeft} day${input.daysLeft === 1 ? '' : 's'} left.`,
  };
}
