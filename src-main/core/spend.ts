// The spend summary, one computation for the UI's Spend view and `webrun-desk spend`, so the
// two always show the same numbers for the same database.
import type { BudgetStatus, SpendSummary } from '../contract/schemas';
import { periodStarts } from './runner/budget-guard';
import type { HistoryStore } from './store/history-store';

const DAY = 86_400_000;

export function spendSummary(history: HistoryStore, budget: BudgetStatus, now: number, tzOffsetMinutes: number, days: number): SpendSummary {
  const p = periodStarts(now);
  const weekStart = p.day - ((new Date(now).getDay() + 6) % 7) * DAY; // Monday
  const from = p.day - (days - 1) * DAY;
  const daysInMonth = Math.round((p.nextMonth - p.month) / DAY);
  const elapsedDays = Math.max(1, (now - p.month) / DAY);
  const week = history.spendBetween(weekStart, p.nextDay);
  return {
    budget,
    week: week.cost,
    weekUnknownCost: week.unknownCost,
    unknownCost: history.spendBetween(from, p.nextDay).unknownCost,
    byDay: history.spendBy('day', from, p.nextDay, tzOffsetMinutes),
    topTasks: history.topTasksByCost(from, p.nextDay, 10),
    byStatus: history.spendByStatus(from, p.nextDay),
    byTag: history.spendByTag(from, p.nextDay),
    // This month's pace so far, carried to its last day.
    monthForecast: Math.round((budget.month / elapsedDays) * daysInMonth * 10_000) / 10_000,
  };
}
