// Whether an assistant's call may go ahead, decided before anything is queued: MCP turned on,
// its cost cap within the per-call maximum the person set, and the day's and month's caps not
// passed even if the call spends all it may, and every other assistant call still under way
// spends all it may too (its cap is reserved until it ends). Pure, so the rules read in one place.
import type { BudgetStatus, McpSettings } from '../contract/index';
import { capsOf, isReached, wouldPass } from '../core/budget/caps';

export type LimitDecision = { ok: true; costCap: number | null } | { ok: false; refusal: string };

const usd = (n: number): string => `$${n.toFixed(n !== 0 && Math.abs(n) < 0.1 ? 4 : 2)}`;

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
      refusal: `Refused: costCap ${usd(requestedCap)} is above the ${usd(max)} per-call maximum set in WebRun Desk for AI assistants. Ask for ${usd(max)} or less.`,
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
        refusal: `Refused: the ${name} cap of ${usd(cap)} is reached (${period} spend so far: ${usd(spent)}).`,
      };
    if (wouldPass(check, reserved, worst)) {
      const inFlight =
        reserved > 0 ? `; ${usd(reserved)} more is reserved for assistant tasks still running` : '';
      return {
        ok: false,
        refusal: `Refused: this call may cost up to ${usd(worst)}, which would pass the ${name} cap of ${usd(cap)} (${period} spend so far: ${usd(spent)}${inFlight}).`,
      };
    }
  }
  return { ok: true, costCap };
}
