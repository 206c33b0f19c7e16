// Spend against the budgets: the core computes every number (the same as the CLI's), the view
// only lays them out.
import { useEffect } from 'react';
import { formatUsd } from '../../format';
import { useAppStore } from '../../stores/app-store';
import { useSpendStore } from '../../stores/spend-store';
import { BreakdownTable } from './BreakdownTable';
import { SpendChart } from './SpendChart';
import { SpendGroups } from './SpendGroups';
import { CostSources, ForecastTile } from './SpendHonesty';
import { FormError } from '../common/FormError';
import { useNow } from '../common/useNow';
import { MoneyWarnings, RunwayTile } from '../money/RunwayTile';

function Tile({
  label,
  value,
  cap,
  unknown = 0,
}: {
  label: string;
  value: number;
  cap?: number | null;
  unknown?: number;
}) {
  // The meter stops at full; the words say the true share, over 100 % when the cap is passed.
  const ratio = cap ? value / cap : null;
  const share = ratio === null ? null : Math.min(1, ratio);
  return (
    <div className="tile" role="group" aria-label={label}>
      <span className="tile-label">{label}</span>
      <span
        className="tile-value"
        data-testid={`spend-${label.toLowerCase().replace(/\W+/g, '-')}`}
      >
        {formatUsd(value)}
      </span>
      <span className="hint">
        {cap
          ? `of ${formatUsd(cap)} cap (${Math.round((ratio ?? 0) * 100)} %${(ratio ?? 0) > 1 ? ', over the cap' : ''})`
          : 'no cap'}
      </span>
      {unknown > 0 && (
        <span className="hint">
          + {unknown} task{unknown === 1 ? '' : 's'} of unknown cost
        </span>
      )}
      {share !== null && (
        <meter
          min={0}
          max={1}
          low={0.8}
          high={0.99}
          optimum={0}
          value={share}
          aria-label={`${label} share of cap`}
        />
      )}
    </div>
  );
}

const PERIODS = [
  { id: 'day', label: 'Day', title: 'Daily spend (last 30 days)' },
  { id: 'week', label: 'Week', title: 'Weekly spend (last 12 weeks)' },
  { id: 'month', label: 'Month', title: 'Monthly spend (last 12 months)' },
] as const;

export function SpendView() {
  const { summary, loading, error, load, period, setPeriod, openTask } = useSpendStore();
  const simulated = useAppStore((s) => s.info?.backend.simulated ?? false);
  useEffect(() => {
    void load();
  }, [load]);
  const shown = PERIODS.find((p) => p.id === period)!;
  const now = useNow(true);
  return (
    <section className="page" aria-labelledby="spend-title">
      <div className="toolbar-row">
        <h2 id="spend-title" className="page-title">
          Spend
        </h2>
        <button type="button" className="small" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
      </div>
      {simulated && (
        <p className="notice-inline" role="note" aria-label="Simulated spend">
          <strong>Simulated.</strong> These tasks ran on the built-in sandbox: the costs are what
          WebRun would charge at its published prices, and nothing was billed.
        </p>
      )}
      <FormError>{error && `Could not load spend: ${error}`}</FormError>
      {!summary ? (
        !error && <p className="empty">Loading…</p>
      ) : (
        <>
          {summary.budget.message && (
            <p className={`notice-inline budget-${summary.budget.level}`} role="status">
              {summary.budget.message}
            </p>
          )}
          <MoneyWarnings summary={summary} />
          <div className="tiles">
            <Tile
              label="Today"
              value={summary.budget.today}
              cap={summary.budget.dailyCap}
              unknown={summary.budget.todayUnknownCost}
            />
            <Tile label="This week" value={summary.week} unknown={summary.weekUnknownCost} />
            <Tile
              label="This month"
              value={summary.budget.month}
              cap={summary.budget.monthlyCap}
              unknown={summary.budget.monthUnknownCost}
            />
            <ForecastTile summary={summary} />
            <RunwayTile summary={summary} now={now} />
          </div>
          <CostSources summary={summary} simulated={simulated} />
          <div className="toolbar-row">
            <h3 className="section-title">{shown.title}</h3>
            <div className="segmented" role="radiogroup" aria-label="Chart period">
              {PERIODS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  role="radio"
                  aria-checked={p.id === period}
                  onClick={() => setPeriod(p.id)}
                >
                  {p.label}
                </button>
              ))}
            </div>
          </div>
          <SpendChart
            buckets={
              period === 'day'
                ? summary.byDay
                : period === 'week'
                  ? summary.byWeek
                  : summary.byMonth
            }
            period={period}
          />
          <div className="breakdowns">
            <BreakdownTable
              title="Top tasks by cost"
              rows={summary.topTasks.map((t) => ({
                key: t.id,
                label: t.prompt,
                cost: t.cost,
                source: t.costSource,
              }))}
              onOpen={(id) => void openTask(id)}
            />
            <BreakdownTable
              title="By status"
              rows={summary.byStatus.map((s) => ({
                key: s.status,
                label: s.status,
                cost: s.cost,
                tasks: s.tasks,
                unknownCost: s.unknownCost,
              }))}
            />
          </div>
          <SpendGroups summary={summary} days={30} />
        </>
      )}
    </section>
  );
}
