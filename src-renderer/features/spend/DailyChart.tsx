// Spend per day as bars on a canvas: a year of days draws in a few milliseconds. The props are
// the spend summary itself, so the Spend view around it can change freely.
import { useMemo } from 'react';
import type { SpendSummary } from '../../../src-main/contract/index';
import { formatCost } from '../../format';
import { CanvasChart, type ChartSeries } from '../charts/CanvasChart';


/** The accessible summary: how many days, the total, the busiest day and any unknown costs. */
export function dailySummary(byDay: SpendSummary['byDay']): string {
  const total = byDay.reduce((sum, d) => sum + d.cost, 0);
  const top = byDay.reduce((best, d) => (d.cost > best.cost ? d : best), byDay[0]!);
  const unknown = byDay.reduce((n, d) => n + d.unknownCost, 0);
  return `Daily spend over ${byDay.length} days: ${formatCost(total)} in all, most on ${top.period} (${formatCost(top.cost)})${unknown ? `; ${unknown} tasks of unknown cost not included` : ''}`;
}

export function DailyChart({ summary }: { summary: SpendSummary }) {
  const byDay = summary.byDay;
  const chart = useMemo(() => {
    // A day whose only costs are unknown gets no bar rather than a $0 one.
    const series: ChartSeries[] = [{ label: 'Cost', color: '--accent', scale: 'cost', values: byDay.map((d) => (d.tasks === 0 ? null : d.cost)), format: (v) => formatCost(v), bars: true }];
    return { x: byDay.map((d) => Date.parse(`${d.period}T00:00:00Z`) / 1000), series };
  }, [byDay]);
  if (byDay.length === 0) return <p className="empty">No spend in the last 30 days.</p>;
  return <CanvasChart label={dailySummary(byDay)} x={chart.x} xKind="days" series={chart.series} height={220} />;
}

