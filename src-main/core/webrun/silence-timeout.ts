// A request's timeout that counts silence, not the whole exchange: it fires once nothing (the
// answer's head, a piece of its body) has arrived for `ms`. A limit on the whole exchange gave up
// on a large answer still arriving (a network log of 1,000,000 URLs is 70 MB) when a slow link
// or a busy machine took longer than the limit to receive it, and the poll then asked for the
// same answer again, for ever (issue 30). A server that says nothing still times out as before.
import { timers, type TimerHandle } from '../../contract/timers';

export interface SilenceTimeout {
  /** Aborted, with a TimeoutError as AbortSignal.timeout's, after `ms` of silence. */
  signal: AbortSignal;
  /** Something arrived: the silence starts again from now. */
  heard(): void;
  /** The exchange is over: no timer is left behind. */
  stop(): void;
}

export function silenceTimeout(
  ms: number,
  now: () => number = () => performance.now(),
): SilenceTimeout {
  const controller = new AbortController();
  let last = now();
  let timer: TimerHandle | null = null;
  // One timer, moved on only when it fires: a piece of the body costs a clock read, not a timer.
  const check = (): void => {
    const quiet = now() - last;
    timer = quiet >= ms ? null : timers.setTimeout(check, ms - quiet).unref();
    if (!timer)
      controller.abort(
        new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      );
  };
  timer = timers.setTimeout(check, ms).unref();
  return {
    signal: controller.signal,
    heard: () => void (last = now()),
    stop: () => {
      timer?.cancel();
      timer = null;
    },
  };
}
