// Money foresight: the balance, runway, a held queue and anomalies (money.status), and a task's
// cost baseline (money.baseline: what its earlier runs cost, or why there is no baseline).
import type { DeskHandlers } from '../../contract/index';
import { DeskError } from '../../contract/dispatch';
import type { HandlerContext } from '../handlers/context';

export function moneyHandlers(
  ctx: Pick<HandlerContext, 'money' | 'store'>,
): Pick<DeskHandlers, 'money.status' | 'money.baseline'> {
  return {
    'money.status': (input) => ctx.money.status(input.tzOffsetMinutes),
    'money.baseline': (input) => {
      const task = ctx.store.get(input.taskId);
      if (!task) throw new DeskError('not_found', `No task with id ${input.taskId}.`);
      return ctx.money.baselineFor(task);
    },
  };
}
