// Whether an assistant's call may go ahead, decided before anything is queued: MCP turned on,
// its cost cap within the per-call maximum the person set, and the day's and month's caps not
// passed even if the call spends all it may, and every other assistant call still under way
// spends all it may too (its cap is reserved until it ends). Pure, so the rules read in one place.
import type { BudgetStatus, McpSettings } from '../contract/index';
import { formatUsd } from '../contract/money-format';
import { capsOf, isReached, wouldPass } from '../core/budget/caps';

export type LimitDecision = { ok: true; costCap: number | null } | { ok: false; refusal: string };

export function decideLimits(
  settings: McpSettings,
  budget: BudgetStatus,
  requestedCap: number | undefined,
  /** What assistant calls still in flight may yet spend (McpRequestsStore.reservedSpend). */
  reserved = 0,
): LimitDecision {
  if (!settings.enabled) {
    return {
      ok: false,
      refusal:
        'AI assistants are turned off in WebRun Desk (Settings → AI assistants (MCP)); the person can turn them on there.',
    };
  }
  const max = settings.maxCostPerCall;
  if (requestedCap !== undefined && max !== null && requestedCap > max) {
    return {
      ok: false,
      refusal: `Refused: costCap ${formatUsd(requestedCap)} is above the ${formatUsd(max)} per-call maximum set in WebRun Desk for AI assistants. Ask for ${formatUsd(max)} or less.`,
    };
  }
  // Without a cap of its own, a call may spend up to the person's per-call maximum.
  const costCap = requestedCap ?? max;
  const worst = costCap ?? 0;
  for (const check of capsOf(budget)) {
    const { name, cap, spent } = check;
    const period = name === 'daily' ? "today's" : "this month's";
    if (isReached(check))
      return {
        ok: false,
        refusal: `Refused: the ${name} cap of ${formatUsd(cap)} is reached (${period} spend so far: ${formatUsd(spent)}).`,
      };
    if (wouldPass(check, reserved, worst)) {
      const inFlight =
        reserved > 0
          ? `; ${formatUsd(reserved)} more is reserved for assistant tasks still running`
          : '';
      return {
        ok: false,
        refusal: `Refused: this call may cost up to ${formatUsd(worst)}, which would pass the ${name} cap of ${formatUsd(cap)} (${period} spend so far: ${formatUsd(spent)}${inFlight}).`,
      };
    }
  }
  return { ok: true, costCap };
}
