// The queue's methods: its counts, and pausing or resuming it. Pausing is a saved preference,
// so it outlasts a restart.
import type { DeskHandlers } from '../../contract/index';
import type { MoneyMonitor } from '../money/money-monitor';
import type { LiveSettings } from '../settings/live-settings';
import type { Runner } from './runner';

export function queueHandlers(ctx: {
  runner: Pick<Runner, 'status' | 'kick'>;
  settings: Pick<LiveSettings, 'update'>;
  money: Pick<MoneyMonitor, 'liftHold'>;
}): Pick<DeskHandlers, 'queue.status' | 'queue.pause' | 'queue.resume'> {
  const { runner } = ctx;
  return {
    'queue.status': () => runner.status(),
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
  };
}
