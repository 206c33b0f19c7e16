// Spend per day, week or month as bars on a canvas: a year of days draws in a few
// milliseconds. It labels itself by its period ("Weekly spend over 12 weeks: …").
import { useMemo } from 'react';
import { formatCost } from '../../format';
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
        format: (v) => formatCost(v),
        bars: true,
      },
    ];
    const x = buckets.map((d) => periodStart(d.period, period));
    const keys = new Map(x.map((at, i) => [at, buckets[i]!.period]));
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
