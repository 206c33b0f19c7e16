// Protects the user's money: daily and monthly caps stop new dispatch (and, if asked, running
// tasks); a warning comes at 80 %. Spend is read from the history, so it survives restarts
// and includes the running cost of tasks still going.
import { formatUsd } from '../../contract/money-format';
import type { BudgetSettings, BudgetStatus } from '../../contract/schemas';
import type { HistoryStore } from '../history/history-store';
import { capsOf, isReached } from './caps';

export const WARNING_SHARE = 0.8;

/** Start of the local day and month containing `now`. */
export function periodStarts(now: number): {
  day: number;
  month: number;
  nextDay: number;
  nextMonth: number;
} {
  const d = new Date(now);
  const day = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const nextDay = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  const month = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
  const nextMonth = new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
  return { day, month, nextDay, nextMonth };
}

export function budgetStatus(
  history: Pick<HistoryStore, 'spendBetween'>,
  settings: Omit<BudgetSettings, 'runwayWarningDays'>,
  now: number,
): BudgetStatus {
  const p = periodStarts(now);
  const day = history.spendBetween(p.day, p.nextDay);
  const monthSpend = history.spendBetween(p.month, p.nextMonth);
  const today = day.cost;
  const month = monthSpend.cost;
  const unknown = { todayUnknownCost: day.unknownCost, monthUnknownCost: monthSpend.unknownCost };
  const checks = capsOf({ ...settings, today, month });

  const blocked = checks.find(isReached);
  if (blocked) {
    return {
      today,
      month,
      ...unknown,
      dailyCap: settings.dailyCap,
      monthlyCap: settings.monthlyCap,
      level: 'blocked',
      message: `The ${blocked.name} budget of ${formatUsd(blocked.cap)} is reached (${formatUsd(blocked.spent)} spent): no new task is sent until it resets or is raised.`,
    };
  }
  const warning = checks.find((c) => c.spent >= c.cap * WARNING_SHARE);
  if (warning) {
    return {
      today,
      month,
      ...unknown,
      dailyCap: settings.dailyCap,
      monthlyCap: settings.monthlyCap,
      level: 'warning',
      message: `${formatUsd(warning.spent)} of the ${warning.name} budget of ${formatUsd(warning.cap)} is spent.`,
    };
  }
  return {
    today,
    month,
    ...unknown,
    dailyCap: settings.dailyCap,
    monthlyCap: settings.monthlyCap,
    level: 'ok',
    message: null,
  };
}
