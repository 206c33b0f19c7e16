// The spend summary, one computation for the UI's Spend view and `webrun-desk spend`, so the
// two always show the same numbers for the same database.
import type { BalanceReading, BudgetStatus, SpendSummary } from '../../contract/schemas';
import { runwayOf } from './runway';
import { periodStarts } from '../budget/budget-guard';
import { forecastMonth } from './spend-forecast';
import type { HistoryStore } from '../history/history-store';

const DAY = 86_400_000;

export function spendSummary(
  history: HistoryStore,
  budget: BudgetStatus,
  now: number,
  tzOffsetMinutes: number,
  days: number,
  money: { balance: BalanceReading | null; warningDays: number } = {
    balance: null,
    warningDays: 7,
  },
): SpendSummary {
  const p = periodStarts(now);
  const weekStart = p.day - ((new Date(now).getDay() + 6) % 7) * DAY; // Monday
  const from = p.day - (days - 1) * DAY;
  const daysInMonth = Math.round((p.nextMonth - p.month) / DAY);
  const byDay = history.spendBy('day', from, p.nextDay, tzOffsetMinutes);
  const week = history.spendBetween(weekStart, p.nextDay);
  const top = history.topTasksByCost(from, p.nextDay, 10);
  const sources = history.costSources(top.map((t) => t.id));
  const yearAgo = new Date(
    new Date(p.month).getFullYear() - 1,
    new Date(p.month).getMonth() + 1,
    1,
  ).getTime();
  return {
    budget,
    week: week.cost,
    weekUnknownCost: week.unknownCost,
    unknownCost: history.spendBetween(from, p.nextDay).unknownCost,
    byDay,
    byWeek: history.spendBy('week', weekStart - 11 * 7 * DAY, p.nextDay, tzOffsetMinutes),
    byMonth: history.spendBy('month', yearAgo, p.nextDay, tzOffsetMinutes),
    monthSources: history.spendBySource(p.month, p.nextDay),
    topTasks: top.map((t) => ({ ...t, costSource: sources.get(t.id) ?? null })),
    byStatus: history.spendByStatus(from, p.nextDay),
    byTag: history.spendByTag(from, p.nextDay),
    groups: {
      environment: history.spendGroupedBy('environment', from, p.nextDay),
      batch: history.spendGroupedBy('batch', from, p.nextDay),
      tag: history.spendGroupedBy('tag', from, p.nextDay),
      template: history.spendGroupedBy('template', from, p.nextDay),
    },
    forecast: forecastMonth({
      now,
      tzOffsetMinutes,
      monthSpent: budget.month,
      daysInMonth,
      daysLeft: Math.max(0, Math.round((p.nextMonth - p.nextDay) / DAY)),
      byDay,
    }),
    balance: money.balance,
    runway: runwayOf({
      balance: money.balance,
      now,
      tzOffsetMinutes,
      byDay,
      warningDays: money.warningDays,
    }),
  };
}
