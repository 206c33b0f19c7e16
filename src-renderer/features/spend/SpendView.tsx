// Spend against the budgets: the core computes every number (the same as the CLI's), the view
// only lays them out.
import { useEffect } from 'react';
import { formatCost } from '../../format';
import { useSpendStore } from '../../stores/spend-store';
import { BreakdownTable } from './BreakdownTable';
import { DailyChart } from './DailyChart';

function Tile({ label, value, cap, unknown = 0 }: { label: string; value: number; cap?: number | null; unknown?: number }) {
  const share = cap ? Math.min(1, value / cap) : null;
  return (
    <div className="tile" role="group" aria-label={label}>
      <span className="tile-label">{label}</span>
      <span className="tile-value" data-testid={`spend-${label.toLowerCase().replace(/\W+/g, '-')}`}>
        {formatCost(value)}
      </span>
      <span className="hint">{cap ? `of ${formatCost(cap)} cap (${Math.round((share ?? 0) * 100)} %)` : 'no cap'}</span>
      {unknown > 0 && <span className="hint">+ {unknown} task{unknown === 1 ? '' : 's'} of unknown cost</span>}
      {share !== null && <meter min={0} max={1} low={0.8} high={0.99} optimum={0} value={share} aria-label={`${label} share of cap`} />}
    </div>
  );
}

export function SpendView() {
  const { summary, loading, error, load } = useSpendStore();
  useEffect(() => {
    void load();
  }, [load]);
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
      {error && (
        <p className="form-error" role="alert">
          Could not load spend: {error}
        </p>
      )}
      {!summary ? (
        !error && <p className="empty">Loading…</p>
      ) : (
        <>
          {summary.budget.message && (
            <p className={`notice-inline budget-${summary.budget.level}`} role="status">
              {summary.budget.message}
            </p>
          )}
          <div className="tiles">
            <Tile label="Today" value={summary.budget.today} cap={summary.budget.dailyCap} unknown={summary.budget.todayUnknownCost} />
            <Tile label="This week" value={summary.week} unknown={summary.weekUnknownCost} />
            <Tile label="This month" value={summary.budget.month} cap={summary.budget.monthlyCap} unknown={summary.budget.monthUnknownCost} />
            <Tile label="Month-end forecast" value={summary.monthForecast} cap={summary.budget.monthlyCap} />
          </div>
          <h3 className="section-title">Daily spend</h3>
          <DailyChart summary={summary} />
          <div className="breakdowns">
            <BreakdownTable title="Top tasks by cost" rows={summary.topTasks.map((t) => ({ key: t.id, label: t.prompt, cost: t.cost }))} />
            <BreakdownTable title="By status" rows={summary.byStatus.map((s) => ({ key: s.status, label: s.status, cost: s.cost, tasks: s.tasks, unknownCost: s.unknownCost }))} />
            <BreakdownTable title="By tag" rows={summary.byTag.map((t) => ({ key: t.tag, label: t.tag, cost: t.cost, tasks: t.tasks, unknownCost: t.unknownCost }))} />
          </div>
        </>
      )}
    </section>
  );
}
