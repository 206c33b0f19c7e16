// Pre-flight: before work is sent (a batch, an assistant's call, later a watch being switched
// on), its estimate from earlier runs of the same template is held against what is left: the
// balance WebRun last reported and the budget left under the caps. The rule:
//
// - the typical total (p50 per task × tasks) over what is left: refused, with the figures;
// - only the high total (p90 × tasks) over it: allowed, and the sentence says it may not last;
// - no baseline (fewer than 5 earlier runs of known cost) or nothing known about what is left:
//   allowed, and the sentence says what could not be checked.
//
// One function, `preflight`, so every door that sends work asks the same question.
import type { BalanceReading, BudgetStatus, CostBaseline, Preflight } from '../../contract/schemas';
import { capsOf, leftUnder } from '../budget/caps';
import { formatUsd } from '../../contract/money-format';

export interface PreflightInput {
  tasks: number;
  baseline: CostBaseline;
  balance: BalanceReading | null;
  budget: BudgetStatus;
}

/** What is left under the daily and monthly caps (the smaller), or null without a cap. */
export function budgetLeft(budget: BudgetStatus): number | null {
  return leftUnder(capsOf(budget));
}

export function preflight(input: PreflightInput): Preflight {
  const { tasks, baseline } = input;
  const balance = input.balance?.balance ?? null;
  const left = budgetLeft(input.budget);
  const p50Total = baseline.p50 === null ? null : baseline.p50 * tasks;
  const p90Total = baseline.p90 === null ? null : baseline.p90 * tasks;
  const base = { tasks, baseline, p50Total, p90Total, balance, budgetLeft: left };
  const what = `${tasks} task${tasks === 1 ? '' : 's'}`;
  if (p50Total === null || p90Total === null)
    return { ...base, ok: true, text: `Not checked against the balance: ${baseline.explanation}` };
  const estimate = `${what} at ${formatUsd(baseline.p50!)} median and ${formatUsd(baseline.p90!)} p90 each: ${formatUsd(p50Total)} to ${formatUsd(p90Total)}`;
  const limits = [
    balance === null ? null : { name: 'the balance', amount: balance },
    left === null ? null : { name: 'the budget left', amount: left },
  ].filter((l): l is { name: string; amount: number } => l !== null);
  if (limits.length === 0)
    return {
      ...base,
      ok: true,
      text: `Estimate ${estimate}; no balance seen and no cap set, so nothing to check it against.`,
    };
  const tightest = limits.reduce((a, b) => (b.amount < a.amount ? b : a));
  if (p50Total > tightest.amount)
    return {
      ...base,
      ok: false,
      text: `Refused before sending: ${estimate}, more than ${tightest.name} (${formatUsd(tightest.amount)}).`,
    };
  if (p90Total > tightest.amount)
    return {
      ...base,
      ok: true,
      text: `Estimate ${estimate}; ${tightest.name} (${formatUsd(tightest.amount)}) covers the median but maybe not the high end.`,
    };
  return {
    ...base,
    ok: true,
    text: `Estimate ${estimate}, within ${tightest.name} (${formatUsd(tightest.amount)}).`,
  };
}
