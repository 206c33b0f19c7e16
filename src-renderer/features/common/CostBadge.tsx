// A cost with where it came from: WebRun reported it, or the app estimated it from tokens at
// the published prices; an unknown cost says unknown, never $0.
import type { CostSource } from '../../../src-main/contract/index';
import { formatUsd } from '../../format';

export function CostBadge({
  cost,
  source,
  simulated = false,
}: {
  cost: number | null | undefined;
  source: CostSource | null;
  simulated?: boolean;
}) {
  if (cost === null || cost === undefined)
    return <span className="cost unknown">{formatUsd(cost)}</span>;
  return (
    <span className="cost">
      {formatUsd(cost)}
      {source && <span className={`cost-source cost-${source}`}> {source}</span>}
      {simulated && <span className="cost-source"> simulated</span>}
    </span>
  );
}
