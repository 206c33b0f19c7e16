// The header's balance: the latest WebRun reported, how long ago, and "simulated" on the
// sandbox. One-shot tasks do not report it, so its age is always shown.
import { ageText } from '../../../src-main/contract/age-text';
import { formatUsd } from '../../format';
import { useAppStore } from '../../stores/app-store';
import { useMoneyStore } from '../../stores/money-store';
import { useNow } from '../common/useNow';

export function BalanceBadge() {
  const status = useMoneyStore((s) => s.status);
  const simulated = useAppStore((s) => s.info?.backend.simulated ?? false);
  const now = useNow(true);
  if (!status) return null;
  const seen = status.balance;
  const warn = status.hold !== null || status.runway.warning !== null;
  const label = seen
    ? `Balance ${formatUsd(seen.balance)}${seen.simulated || simulated ? ', simulated' : ''}, seen ${ageText(now - seen.at)}`
    : `Balance not seen yet${simulated ? ', simulated' : ''}`;
  return (
    <a
      href="#/spend"
      className={`badge balance-badge${warn ? ' balance-warn' : ''}`}
      aria-label={label}
      title={
        seen
          ? `As WebRun reported it (${seen.source}) at ${new Date(seen.at).toLocaleString()}. ${status.runway.explanation}`
          : 'WebRun reports the balance when a session starts or a task is refused for balance; one-shot tasks do not.'
      }
    >
      {seen ? (
        <>
          {formatUsd(seen.balance)}
          <span className="balance-age"> · {ageText(now - seen.at)}</span>
        </>
      ) : (
        'Balance —'
      )}
      {(seen?.simulated || simulated) && <span className="balance-sim"> simulated</span>}
    </a>
  );
}
