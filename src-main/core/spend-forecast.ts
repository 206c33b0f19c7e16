// The month-end forecast, said the way it is computed: this month's spend so far plus a named
// trailing daily average for the days left. With spend on fewer than MIN_DAYS days there is no
// forecast, only a sentence saying what it waits for (two busy days projected over a month
// would be a guess, not a forecast).
import type { SpendForecast } from '../contract/schemas';

export const MIN_DAYS = 3;
export const WINDOW_DAYS = 7;
const DAY = 86_400_000;

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

const money = (n: number): string => `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;

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
  const localDay = (ms: number): string =>
    new Date(ms + input.tzOffsetMinutes * 60_000).toISOString().slice(0, 10);
  const today = localDay(input.now);
  const first = withSpend.map((d) => d.period).sort()[0]!;
  // Counted from the first day with spend: empty days before it say nothing about the pace.
  const sinceFirst =
    Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY) + 1;
  const window = Math.max(1, Math.min(WINDOW_DAYS, sinceFirst));
  const windowStart = localDay(input.now - (window - 1) * DAY);
  const inWindow = input.byDay
    .filter((d) => d.period >= windowStart && d.period <= today)
    .reduce((sum, d) => sum + d.cost, 0);
  const perDay = inWindow / window;
  const value = Math.round((input.monthSpent + perDay * input.daysLeft) * 10_000) / 10_000;
  const method = `${window}-day trailing average`;
  return {
    value,
    method,
    daysOfData,
    explanation: `This month so far (${money(input.monthSpent)}) plus the ${method} (${money(perDay)} a day) for the ${input.daysLeft} day${input.daysLeft === 1 ? '' : 's'} left.`,
  };
}
