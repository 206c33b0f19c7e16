// The Spend page's runway: days until the balance reaches zero at the named trailing average,
// with the warning under the days set in Settings, and the day's spike alert when there is one.
import type { SpendSummary } from '../../../src-main/contract/index';
import { ageText, runwayText } from '../../../src-main/contract/age-text';
import { formatUsd } from '../../format';
import { useMoneyStore } from '../../stores/money-store';

export function RunwayTile({ summary, now }: { summary: SpendSummary; now: number }) {
  const r = summary.runway;
  const seen = summary.balance;
  return (
    <div className="tile" role="group" aria-label="Runway">
      <span className="tile-label">Runway</span>
      <span className="tile-value" data-testid="spend-runway">
        {r.days === null
          ? 'Unknown'
          : `${r.unknownCost > 0 ? 'at most ' : ''}${runwayText(r.days)}`}
      </span>
      <span className="hint">
        {seen
          ? `Balance ${formatUsd(seen.balance)}${seen.simulated ? ' (simulated)' : ''}, seen ${ageText(now - seen.at)}.`
          : 'No balance seen yet.'}
      </span>
      <span className="hint" aria-label="How the runway is computed">
        {r.explanation}
      </span>
    </div>
  );
}

/** Warnings about money that hold for the whole page: runway, a held queue, a day's spike. */
export function MoneyWarnings({ summary }: { summary: SpendSummary }) {
  const hold = useMoneyStore((s) => s.status?.hold ?? null);
  const spike = useMoneyStore((s) => s.status?.daySpike ?? null);
  return (
    <>
      {summary.runway.warning && (
        <p className="notice-inline budget-warning" role="alert" aria-label="Runway warning">
          {summary.runway.warning}
        </p>
      )}
      {hold && (
        <p className="notice-inline budget-blocked" role="status" aria-label="Held for balance">
          {hold.message}
        </p>
      )}
      {spike && (
        <p className="notice-inline budget-warning" role="status" aria-label="Spend spike">
          {spike.text}
        </p>
      )}
    </>
  );
}
