// Every timer the sandbox starts goes through here, so close() can clear them all and the
// host process (a test runner, the CLI) is never kept alive by a forgotten simulation.
//
// The scheduler also owns the sandbox's clock. Simulated time (a task's running time, its
// usage) is read from this clock, never inferred from which timers have fired, and a timer
// only runs once this clock says its delay has passed. Node's timers can fire a little early
// as measured by performance.now() (they use libuv's coarse, millisecond-truncated loop time
// and truncate fractional delays), so a 50 ms wait could end after 47.4 ms of clock time; a
// timer that fires early is re-armed for the rest. One step never exceeds what a platform
// timer keeps (MAX_TIMER_DELAY_MS): a longer one would fire after 1 ms, and re-arming for the
// rest then spun once a millisecond (a trigger months away, a long session expiry).
import { MAX_TIMER_DELAY_MS } from '../contract/timers';

export type Cancel = () => void;

/** Monotonic milliseconds. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => performance.now() };

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly clock: Clock = systemClock) {}

  /** The sandbox clock (monotonic ms); all simulated time derives from it. */
  now(): number {
    return this.clock.now();
  }

  /**
   * Runs `fn` once at least `ms` milliseconds have passed on the sandbox clock (a late timer
   * runs late, an early one waits for the rest); returns a canceller. No-op once closed.
   */
  after(ms: number, fn: () => void): Cancel {
    if (this.closed) return () => {};
    const due = this.clock.now() + Math.max(0, ms);
    let timer: NodeJS.Timeout | null = null;
    const arm = (delay: number): void => {
      const handle = setTimeout(
        () => {
          this.timers.delete(handle);
          timer = null;
          const left = due - this.clock.now();
          if (left > 0) return arm(left);
          fn();
        },
        Math.min(MAX_TIMER_DELAY_MS, Math.max(0, Math.ceil(delay))),
      );
      timer = handle;
      this.timers.add(handle);
    };
    arm(due - this.clock.now());
    return () => {
      if (!timer) return;
      clearTimeout(timer);
      this.timers.delete(timer);
      timer = null;
    };
  }

  /** Resolves after `ms`, or at once when the scheduler closes (so awaiting handlers finish). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const done = (): void => {
        cancel();
        this.onClose.delete(done);
        resolve();
      };
      const cancel = this.after(ms, done);
      this.onClose.add(done);
    });
  }

  readonly onClose = new Set<() => void>();

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const fn of this.onClose) fn();
    this.onClose.clear();
  }
}
