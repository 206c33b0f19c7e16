// The one budget-cap check: the daily and monthly caps a person set, each with what its period
// has spent, and the two questions asked of them. Is a cap reached (nothing more is sent in its
// period: the dispatch block, an assistant's refusal)? Would spending `more` pass it (an
// assistant's call reckoned at its own cap)? What is left under the tightest (pre-flight)?
import type { BudgetStatus } from '../../contract/schemas';

export interface Cap {
  name: 'daily' | 'monthly';
  cap: number;
  spent: number;
}

/** The caps set (a null cap is none), daily first, each with its period's spend. */
export function capsOf(
  budget: Pick<BudgetStatus, 'dailyCap' | 'monthlyCap' | 'today' | 'month'>,
): Cap[] {
  const caps: Cap[] = [];
  if (budget.dailyCap !== null)
    caps.push({ name: 'daily', cap: budget.dailyCap, spent: budget.today });
  if (budget.monthlyCap !== null)
    caps.push({ name: 'monthly', cap: budget.monthlyCap, spent: budget.month });
  return caps;
}

/** Spent at or over the cap: its period sends nothing more. */
export function isReached(cap: Cap): boolean {
  return cap.spent >= cap.cap;
}

/** Spending `more` on top of what is spent (added in the order given) would pass the cap. */
export function wouldPass(cap: Cap, ...more: number[]): boolean {
  return more.reduce((sum, amount) => sum + amount, cap.spent) > cap.cap;
}

/** What is left under the tightest cap, never below nothing; null without a cap. */
export function leftUnder(caps: readonly Cap[]): number | null {
  if (caps.length === 0) return null;
  return Math.max(0, Math.min(...caps.map((c) => c.cap - c.spent)));
}
