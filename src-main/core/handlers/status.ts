// What the app reports about itself: its backend, its database's last check, the queue (and pausing it), the spend.
import type { DeskHandlers } from '../../contract/index';
import { spendSummary } from '../money/spend';
import type { HandlerContext } from './context';

export type StatusContext = Pick<
  HandlerContext,
  'info' | 'runner' | 'settings' | 'history' | 'budget' | 'now' | 'integrity' | 'money'
>;

type StatusMethod =
  'app.info' | 'app.integrity' | 'queue.status' | 'queue.pause' | 'queue.resume' | 'spend.summary';

export function statusHandlers(ctx: StatusContext): Pick<DeskHandlers, StatusMethod> {
  const { runner } = ctx;
  return {
    'app.info': () => ctx.info,
    'app.integrity': () => ctx.integrity(),
    'queue.status': () => runner.status(),
    // Pausing is a saved preference, so it outlasts a restart.
    'queue.pause': () => {
      ctx.settings.update({ runner: { queuePaused: true } });
      return runner.status();
    },
    // Resuming is also how a person says "the money is back" after a hold for balance.
    'queue.resume': () => {
      ctx.money.liftHold();
      ctx.settings.update({ runner: { queuePaused: false } });
      // A queue that was not paused sees no settings change: dispatch again all the same.
      runner.kick();
      return runner.status();
    },
    'spend.summary': (input) =>
      spendSummary(ctx.history, ctx.budget(), ctx.now(), input.tzOffsetMinutes, input.days, {
        balance: ctx.money.balance(),
        warningDays: ctx.settings.get().budget.runwayWarningDays,
      }),
  };
}
