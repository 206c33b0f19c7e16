// The one timer helper for the whole tree (core, hosts, MCP, renderer).
//
// Node and browsers keep a timer's delay in a signed 32-bit integer: any delay above
// 2^31 - 1 ms (24.8 days) is run after 1 ms instead (Node prints TimeoutOverflowWarning). A
// question timeout of 30 days then stopped the task at once, and a timer that re-armed itself
// "for the rest" spun in a 1 ms loop. Here a long delay is chained in steps no longer than the
// limit, so it fires at its due time and never early; a delay that is negative or not a number
// is a bug, refused loudly in tests (strict mode) and run as 0 elsewhere, so a user's timer
// still fires rather than never.
//
// No import: the renderer and the zod-free preload may use this module too.

/** The longest delay a platform timer keeps: 2^31 - 1 ms (about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** A timer that may outlive one platform timer. `cancel` is idempotent. */
export interface TimerHandle {
  cancel(): void;
  /** Lets the process exit while only this timer waits (Node); a no-op in browsers. */
  unref(): TimerHandle;
}

export type SetTimer<H> = (fn: () => void, ms: number) => H;
export type ClearTimer<H> = (handle: H) => void;

let strict = false;

/** Tests turn this on so that a negative or non-numeric delay throws where it is made. */
export function setStrictTimers(on: boolean): void {
  strict = on;
}

/** A delay ready for a timer: a number of milliseconds, at least 0 (Infinity means never). */
export function checkedDelay(ms: number): number {
  if (typeof ms === 'number' && ms >= 0) return ms;
  if (strict) {
    throw new RangeError(`A timer's delay must be a number of milliseconds, 0 or more; got ${ms}.`);
  }
  return 0;
}

function unrefOf(handle: unknown): void {
  const h = handle as { unref?: () => unknown } | null;
  if (h && typeof h === 'object' && typeof h.unref === 'function') h.unref();
}

class ChainedTimer<H> implements TimerHandle {
  private current: H | undefined;
  private done = false;
  private unrefd = false;

  constructor(
    private readonly set: SetTimer<H>,
    private readonly clear: ClearTimer<H>,
    private readonly fn: () => void,
    delay: number,
  ) {
    this.arm(delay);
  }

  private arm(remaining: number): void {
    const step = Math.min(remaining, MAX_TIMER_DELAY_MS);
    this.current = this.set(() => {
      this.current = undefined;
      if (this.done) return;
      if (remaining > MAX_TIMER_DELAY_MS) return this.arm(remaining - MAX_TIMER_DELAY_MS);
      this.done = true;
      this.fn();
    }, step);
    if (this.unrefd) unrefOf(this.current);
  }

  cancel(): void {
    this.done = true;
    if (this.current !== undefined) this.clear(this.current);
    this.current = undefined;
  }

  unref(): TimerHandle {
    this.unrefd = true;
    unrefOf(this.current);
    return this;
  }
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | null | undefined): void;
}

/**
 * Timers that chain long delays over `set`/`clear` (the platform's by default, or a fake
 * clock's in tests), so every delay that comes from input, settings, WebRun or a schedule is
 * kept whatever its length.
 */
export function chainTimers<H>(
  set: SetTimer<H> = globalThis.setTimeout as unknown as SetTimer<H>,
  clear: ClearTimer<H> = globalThis.clearTimeout as unknown as ClearTimer<H>,
): Timers {
  return {
    setTimeout: (fn, ms) => new ChainedTimer(set, clear, fn, checkedDelay(ms)),
    clearTimeout: (handle) => handle?.cancel(),
  };
}

/** The platform's timers, chained: use these wherever a delay is not a small constant. */
export const timers: Timers = chainTimers(
  (fn, ms) => globalThis.setTimeout(fn, ms),
  (h: ReturnType<typeof globalThis.setTimeout>) => globalThis.clearTimeout(h),
);

/** Resolves after `ms` (chained past the platform limit). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => void timers.setTimeout(resolve, ms));
}
