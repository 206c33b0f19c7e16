// Spend per day, week or month as bars on a canvas: a year of days draws in a few
// milliseconds. It labels itself by its period ("Weekly spend over 12 weeks: …").
import { useMemo } from 'react';
import { formatUsd } from '../../format';
import type { SpendPeriod } from '../../stores/spend-store';
import { CanvasChart, type ChartSeries } from '../charts/CanvasChart';
import { periodStart, spendChartSummary, WORDS, type Bucket } from './spend-periods';

export function SpendChart({
  buckets,
  period,
}: {
  buckets: readonly Bucket[];
  period: SpendPeriod;
}) {
  const chart = useMemo(() => {
    // A period whose only costs are unknown gets no bar rather than a $0 one.
    const series: ChartSeries[] = [
      {
        label: 'Cost',
        color: '--accent',
        scale: 'cost',
        values: buckets.map((d) => (d.tasks === 0 ? null : d.cost)),
        format: (v) => formatUsd(v),
        bars: true,
      },
    ];
    const x = buckets.map((d) => periodStart(d.period, period));
    const keys = new Map(x.map((at, i) => [at, buckets[i]!.period]));
    padAxis(x, series[0]!, period, keys);
    return {
      x,
      series,
      xLegend: { label: WORDS[period].legend, format: (at: number) => keys.get(at) ?? '—' },
    };
  }, [buckets, period]);
  if (buckets.length === 0) return <p className="empty">{WORDS[period].none}</p>;
  return (
    <CanvasChart
      label={spendChartSummary(buckets, period)}
      x={chart.x}
      xKind="days"
      xLegend={chart.xLegend}
      series={chart.series}
      height={220}
    />
  );
}

const PERIOD_S = { day: 86_400, week: 7 * 86_400, month: 30 * 86_400 } as const;

/**
 * The axis spans the whole window even where no task ran: days are filled back to 30, and a
 * lone week or month gets an empty neighbour (a time axis drawn from one point alone spans
 * years).
 */
function padAxis(
  x: number[],
  cost: ChartSeries,
  period: SpendPeriod,
  keys: Map<number, string>,
): void {
  if (x.length === 0) return;
  const step = PERIOD_S[period];
  const want = period === 'day' ? 30 : 2;
  const values = cost.values as (number | null)[];
  while (x.length < want) {
    const at = x[0]! - step;
    x.unshift(at);
    values.unshift(null);
    if (period === 'day') keys.set(at, new Date(at * 1000).toISOString().slice(0, 10));
  }
}
