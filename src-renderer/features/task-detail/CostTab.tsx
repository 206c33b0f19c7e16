// Cumulative cost and tokens over the task's life, from the usage samples taken while it ran.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskDetails } from '../../../src-main/contract/index';
import { formatCost, formatTokens } from '../../format';

export function CostTab({ details }: { details: TaskDetails }) {
  const samples = details.samples;
  if (samples.length === 0) return <p className="empty">No usage samples yet.</p>;
  const start = samples[0]!.at;
  const data = samples.map((s) => ({ t: Math.round((s.at - start) / 100) / 10, cost: s.cost ?? null, tokens: s.totalTokens ?? null }));
  const last = samples[samples.length - 1]!;
  return (
    <div>
      <p className="hint">
        {samples.length} samples · last {formatCost(last.cost)} · {formatTokens(last.totalTokens)} tokens
      </p>
      <div className="chart" role="img" aria-label={`Cumulative cost and tokens over ${data.at(-1)!.t} seconds`}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="t" unit="s" stroke="var(--muted)" />
            <YAxis yAxisId="cost" stroke="var(--accent)" tickFormatter={(v: number) => `$${v}`} />
            <YAxis yAxisId="tokens" orientation="right" stroke="var(--ok)" />
            <Tooltip contentStyle={{ background: 'var(--panel)', borderColor: 'var(--border)' }} />
            <Legend />
            <Line yAxisId="cost" type="monotone" dataKey="cost" name="Cost (USD)" stroke="var(--accent)" dot={false} isAnimationActive={false} />
            <Line yAxisId="tokens" type="monotone" dataKey="tokens" name="Tokens" stroke="var(--ok)" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
