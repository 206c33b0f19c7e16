// Cumulative cost and tokens over the task's life, from the usage samples taken while it ran.
// Long tasks have thousands of samples: they are downsampled (spikes and plateaus kept) and
// drawn on a canvas, so the tab opens fast.
import { useMemo } from 'react';
import type { TaskDetails } from '../../../src-main/contract/index';
import { formatUsd, formatTokens } from '../../format';
import { downsample } from '../../stores/reduce-samples';
import { CanvasChart, type ChartSeries } from '../charts/CanvasChart';

type Point = { t: number; cost: number | null; tokens: number | null };
const SERIES = [(p: Point) => p.cost, (p: Point) => p.tokens];

export function CostTab({ details }: { details: TaskDetails }) {
  const samples = details.samples;
  const chart = useMemo(() => {
    const start = samples[0]?.at ?? 0;
    const points: Point[] = samples.map((s) => ({
      t: Math.round((s.at - start) / 100) / 10,
      cost: s.cost ?? null,
      tokens: s.totalTokens ?? null,
    }));
    const drawn = downsample(points, SERIES);
    const series: ChartSeries[] = [
      {
        label: 'Cost (USD)',
        color: '--accent',
        scale: 'cost',
        values: drawn.map((p) => p.cost),
        format: (v) => formatUsd(v),
      },
      {
        label: 'Tokens',
        color: '--ok',
        scale: 'tokens',
        values: drawn.map((p) => p.tokens),
        format: (v) => formatTokens(Math.round(v)),
      },
    ];
    return { x: drawn.map((p) => p.t), series };
  }, [samples]);
  if (samples.length === 0) return <p className="empty">No usage samples yet.</p>;
  const last = samples[samples.length - 1]!;
  const seconds = chart.x.at(-1)!;
  return (
    <div>
      <p className="hint">
        {samples.length.toLocaleString('en-US')} samples
        {chart.x.length < samples.length ? ` (${chart.x.length} drawn)` : ''} · last{' '}
        {formatUsd(last.cost)} · {formatTokens(last.totalTokens)} tokens
      </p>
      <CanvasChart
        label={`Cumulative cost and tokens over ${seconds} seconds: ${formatUsd(last.cost)} and ${formatTokens(last.totalTokens)} tokens at the end, from ${samples.length.toLocaleString('en-US')} samples`}
        x={chart.x}
        xKind="elapsed"
        series={chart.series}
        height={240}
      />
    </div>
  );
}
