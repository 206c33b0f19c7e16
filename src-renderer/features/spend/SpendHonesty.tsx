// The parts of the Spend page that say where the numbers come from: the forecast with how it
// is computed (or what it waits for), and this month's spend by cost source.
import type { SpendSummary } from '../../../src-main/contract/index';
import { formatUsd } from '../../format';

export function ForecastTile({ summary }: { summary: SpendSummary }) {
  const f = summary.forecast;
  const cap = summary.budget.monthlyCap;
  return (
    <div className="tile" role="group" aria-label="Month-end forecast">
      <span className="tile-label">Month-end forecast</span>
      <span className="tile-value" data-testid="spend-month-end-forecast">
        {f.value === null ? 'Not yet' : formatUsd(f.value)}
      </span>
      <span className="hint" aria-label="How the forecast is computed">
        {f.explanation}
        {f.value !== null && cap
          ? ` ${f.value > cap ? 'Over' : 'Within'} the ${formatUsd(cap)} cap.`
          : ''}
      </span>
    </div>
  );
}

export function CostSources({ summary, simulated }: { summary: SpendSummary; simulated: boolean }) {
  const s = summary.monthSources;
  return (
    <p className="hint cost-sources" role="note" aria-label="Cost sources this month">
      This month: {formatUsd(s.reported)} reported by {simulated ? 'the sandbox' : 'WebRun'} ·{' '}
      {formatUsd(s.estimated)} estimated by the app from tokens at the published prices
      {s.unknownTasks > 0
        ? ` · ${s.unknownTasks} task${s.unknownTasks === 1 ? '' : 's'} with unknown cost (not counted)`
        : ''}
      .
    </p>
  );
}
