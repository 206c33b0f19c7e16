// Money: the spend summary (spend.summary: the Spend view and `webrun-desk spend` read the same
// figures), the balance, runway, a held queue and anomalies (money.status), and a task's cost
// baseline (money.baseline: what its earlier runs cost, or why there is no baseline).
import type { BudgetStatus, DeskHandlers } from '../../contract/index';
import { DeskError } from '../../contract/dispatch';
import type { HistoryStore } from '../history/history-store';
import type { TaskStore } from '../tasks/task-store';
import type { MoneyMonitor } from './money-monitor';
import { spendSummary } from './spend';

export interface MoneyContext {
  money: MoneyMonitor;
  store: TaskStore;
  history: HistoryStore;
  /** The budget summed now (caps and spend so far). */
  budget: () => BudgetStatus;
  /** The runway warning's threshold, from the budget settings in use. */
  warningDays: () => number;
  now: () => number;
}

export function moneyHandlers(
  ctx: MoneyContext,
): Pick<DeskHandlers, 'spend.summary' | 'money.status' | 'money.baseline'> {
  return {
    'spend.summary': (input) =>
      spendSummary(ctx.history, ctx.budget(), ctx.now(), input.tzOffsetMinutes, input.days, {
        balance: ctx.money.balance(),
        warningDays: ctx.warningDays(),
      }),
    'money.status': (input) => ctx.money.status(input.tzOffsetMinutes),
    'money.baseline': (input) => {
      const task = ctx.store.get(input.taskId);
      if (!task) throw new DeskError('not_found', `No task with id ${input.taskId}.`);
      return ctx.money.baselineFor(task);
    },
  };
}
