// A bounded wait when WebRun cannot be reached: the runner keeps a refused task queued and
// retries with a growing pause ("retrying in 20532 ms"), which on a dead network never ends.
// `run` gives up after a bounded time (--give-up-after, 120 s by default) with one line that
// names the last cause, and leaves the task queued for `resume`. Held tasks (a paused queue, a
// budget) are not unreachable: the bound counts only while the task's sends are being refused.
import { timers, type TimerHandle } from '../contract/timers';
import type { Desk } from '../core/desk';
import { writeErr } from './terminal-text';

export const DEFAULT_GIVE_UP_MS = 120_000;
/** WebRun could not be reached within the bound; the task is still queued, nothing was sent. */
export const EXIT_UNREACHABLE = 5;

const RETRY_LINE = /^task (\S+): (.*); retrying in \d+ ms$/;

export interface GiveUp {
  /** Wraps the desk's log: the runner's retry lines say what refused the task. */
  log(line: string): void;
  /** Resolves with EXIT_UNREACHABLE once the bound passes with the task still refused. */
  watch(desk: Desk, id: string): Promise<number>;
  stop(): void;
}

export function giveUpAfter(limitMs: number, log: (line: string) => void): GiveUp {
  let taskId: string | null = null;
  let firstRefusal: number | null = null;
  let lastCause = '';
  let timer: TimerHandle | null = null;
  let giveUp: (code: number) => void = () => {};
  let desk: Desk | null = null;

  const check = async (): Promise<void> => {
    timer = null;
    if (!desk || taskId === null || firstRefusal === null) return;
    const task = await desk.handlers['tasks.get']({ id: taskId });
    // A retry in flight: look again once it is refused (or answered).
    if (task.status === 'submitting') {
      timer = timers.setTimeout(() => void check(), 1_000);
      return;
    }
    // Sent meanwhile (it is being followed) or ended: the bound no longer applies.
    if (task.status !== 'queued') return;
    writeErr(
      `WebRun could not be reached for ${Math.round(limitMs / 1000)} s (${lastCause}); task ${taskId.slice(0, 8)} stays queued and nothing was sent: \`webrun-desk resume\` sends it later.\n`,
    );
    giveUp(EXIT_UNREACHABLE);
  };

  return {
    log(line) {
      log(line);
      const match = RETRY_LINE.exec(line);
      if (!match || match[1] !== taskId) return;
      lastCause = match[2]!.replace(/\.$/, '');
      if (firstRefusal === null) {
        firstRefusal = Date.now();
        timer = timers.setTimeout(() => void check(), limitMs);
      }
    },
    watch(d, id) {
      desk = d;
      taskId = id;
      return new Promise((resolve) => (giveUp = resolve));
    },
    stop() {
      timers.clearTimeout(timer);
      timer = null;
    },
  };
}
