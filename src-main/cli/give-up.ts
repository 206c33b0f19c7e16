// A bounded wait when WebRun cannot be reached: the runner keeps a refused task queued and
// retries with a growing pause, which on a dead network never ends. `run` gives up after a
// bounded time (--give-up-after, 120 s by default) with one line that names the last cause, and
// leaves the task queued for `resume`. It reads the runner's own account (QueueStatus.refused:
// since when every send was refused, and why), so a held task (a paused queue, a budget, a 402)
// is never taken for an unreachable WebRun.
import type { QueueStatus } from '../contract/index';
import { timers, type TimerHandle } from '../contract/timers';
import type { Desk } from '../core/desk';
import { writeErr } from './terminal-text';

export const DEFAULT_GIVE_UP_MS = 120_000;
/** WebRun could not be reached within the bound; the task is still queued, nothing was sent. */
export const EXIT_UNREACHABLE = 5;

export interface GiveUp {
  /** Resolves with EXIT_UNREACHABLE once the bound passes with the task still refused. */
  watch(desk: Desk, id: string): Promise<number>;
  stop(): void;
}

export function giveUpAfter(limitMs: number): GiveUp {
  let timer: TimerHandle | null = null;
  let off: () => void = () => {};
  let armedSince: number | null = null;

  const stop = (): void => {
    timers.clearTimeout(timer);
    timer = null;
    armedSince = null;
  };

  return {
    watch(desk, taskId) {
      return new Promise((resolve) => {
        let refused: QueueStatus['refused'] = null;
        const check = async (): Promise<void> => {
          timer = null;
          const task = await desk.handlers['tasks.get']({ id: taskId });
          // A retry in flight: look again once it is refused (or answered).
          if (task.status === 'submitting') {
            timer = timers.setTimeout(() => void check(), 1_000);
            return;
          }
          // Sent meanwhile (it is being followed) or ended: the bound no longer applies.
          if (task.status !== 'queued' || !refused) return;
          writeErr(
            `WebRun could not be reached for ${Math.round(limitMs / 1000)} s (${refused.reason.replace(/\.$/, '')}); task ${taskId.slice(0, 8)} stays queued and nothing was sent: \`webrun-desk resume\` sends it later.\n`,
          );
          resolve(EXIT_UNREACHABLE);
        };
        const look = (status: QueueStatus): void => {
          refused = status.refused;
          if (!refused) return stop();
          // One bound from the first refusal of this spell, however many retries follow.
          if (armedSince === refused.since) return;
          stop();
          armedSince = refused.since;
          timer = timers.setTimeout(
            () => void check(),
            Math.max(0, refused.since + limitMs - Date.now()),
          );
        };
        off = desk.subscribe((event) => {
          if (event.name === 'queue.status') look(event.payload);
        });
        look(desk.runner.status());
      });
    },
    stop() {
      stop();
      off();
    },
  };
}
