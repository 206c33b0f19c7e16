// Cumulative cost and tokens over the task's life, from the usage samples taken while it ran.
// Long tasks have thousands of samples: they are downsampled, drawn as straight segments
// (monotone curves cost much more to compute) and without animation, so the tab opens fast.
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskDetails } from '../../../src-main/contract/index';
import { formatCost, formatTokens } from '../../format';
import { downsample } from '../../stores/reduce-samples';

type Point = { t: number; cost: number | null; tokens: number | null };
const SERIES = [(p: Point) => p.cost, (p: Point) => p.tokens];

export function CostTab({ details }: { details: TaskDetails }) {
  const samples = details.samples;
  const data = useMemo(() => {
    const start = samples[0]?.at ?? 0;
    const points: Point[] = samples.map((s) => ({ t: Math.round((s.at - start) / 100) / 10, cost: s.cost ?? null, tokens: s.totalTokens ?? null }));
    return downsample(points, SERIES);
  }, [samples]);
  if (samples.length === 0) return <p className="empty">No usage samples yet.</p>;
  const last = samples[samples.length - 1]!;
  return (
    <div>
      <p className="hint">
        {samples.length.toLocaleString('en-US')} samples{data.length < samples.length ? ` (${data.length} drawn)` : ''} · last {formatCost(last.cost)} · {formatTokens(last.totalTokens)} tokens
      </p>
      <div className="chart" role="img" aria-label={`Cumulative cost and tokens over ${data.at(-1)!.t} seconds`}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="t" unit="s" stroke="var(--muted)" />
            <YAxis yAxisId="cost" stroke="var(--accent)" tickFormatter={(v: number) => `$${v}`} />
            <YAxis yAxisId="tokens" orientation="right" stroke="var(--ok)" />
            <Tooltip isAnimationActive={false} contentStyle={{ background: 'var(--panel)', borderColor: 'var(--border)' }} />
            <Legend />
            <Line yAxisId="cost" type="linear" dataKey="cost" name="Cost (USD)" stroke="var(--accent)" dot={false} isAnimationActive={false} />
            <Line yAxisId="tokens" type="linear" dataKey="tokens" name="Tokens" stroke="var(--ok)" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
