// What the app reports about itself: its backend, its database's last check, the queue (and pausing it), the spend.
import type { DeskHandlers } from '../../contract/index';
import { spendSummary } from '../spend';
import type { HandlerContext } from './context';

export type StatusContext = Pick<
  HandlerContext,
  'info' | 'runner' | 'settings' | 'history' | 'budget' | 'now' | 'integrity'
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
    'queue.resume': () => {
      ctx.settings.update({ runner: { queuePaused: false } });
      return runner.status();
    },
    'spend.summary': (input) =>
      spendSummary(ctx.history, ctx.budget(), ctx.now(), input.tzOffsetMinutes, input.days),
  };
}
