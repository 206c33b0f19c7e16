// What a spend chart says about its buckets, without drawing: where each day, week or month
// starts on the time axis, and the text a screen reader hears for the chart.
import type { SpendSummary } from '../../../src-main/contract/index';
import { formatUsd } from '../../format';

export type Bucket = SpendSummary['byDay'][number];
/** The store's SpendPeriod, spelled out so this file needs nothing from the browser. */
type SpendPeriod = 'day' | 'week' | 'month';

const DAY_S = 86_400;
export const WORDS: Record<
  SpendPeriod,
  { title: string; unit: string; legend: string; none: string }
> = {
  day: { title: 'Daily', unit: 'day', legend: 'Day', none: 'No spend in the last 30 days.' },
  week: { title: 'Weekly', unit: 'week', legend: 'Week', none: 'No spend in the last 12 weeks.' },
  month: {
    title: 'Monthly',
    unit: 'month',
    legend: 'Month',
    none: 'No spend in the last 12 months.',
  },
};

/**
 * Where a bucket starts, in UTC seconds (the core writes local periods as UTC dates):
 * 'YYYY-MM-DD', 'YYYY-MM', or 'YYYY-Www' as SQLite's %W counts weeks (Monday first; the
 * days before the year's first Monday are week 00, which starts on 1 January).
 */
export function periodStart(key: string, period: SpendPeriod): number {
  if (period === 'day') return Date.parse(`${key}T00:00:00Z`) / 1000;
  if (period === 'month') return Date.parse(`${key}-01T00:00:00Z`) / 1000;
  const [year, week] = key.split('-W').map(Number) as [number, number];
  const jan1 = Date.UTC(year, 0, 1) / 1000;
  if (week === 0) return jan1;
  const firstMonday = jan1 + ((8 - new Date(jan1 * 1000).getUTCDay()) % 7) * DAY_S;
  return firstMonday + (week - 1) * 7 * DAY_S;
}

/** The accessible summary: how many periods, the total, the busiest one and any unknown costs. */
export function spendChartSummary(buckets: readonly Bucket[], period: SpendPeriod): string {
  const w = WORDS[period];
  const total = buckets.reduce((sum, d) => sum + d.cost, 0);
  const top = buckets.reduce((best, d) => (d.cost > best.cost ? d : best), buckets[0]!);
  const unknown = buckets.reduce((n, d) => n + d.unknownCost, 0);
  const count = `${buckets.length} ${w.unit}${buckets.length === 1 ? '' : 's'}`;
  return `${w.title} spend over ${count}: ${formatUsd(total)} in all, most in ${top.period} (${formatUsd(top.cost)})${unknown ? `; ${unknown} tasks of unknown cost not included` : ''}`;
}
