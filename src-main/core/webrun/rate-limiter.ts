// Client-side copy of WebRun's limit: 10 requests per sliding 60 s window per user, failed
// requests included (webrun-api.md §6.4). Staying under it locally is cheaper than collecting
// 429s, and `blockUntil` lets a server Retry-After push everyone back. Clock and timers are
// injectable so the behaviour can be tested with fake time.
import { MAX_TIMER_DELAY_MS } from '../../contract/timers';

export interface RateLimiterOptions {
  max: number;
  windowMs: number;
  now?: () => number;
  setTimeout?: typeof setTimeout;
  clearTimeout?: typeof clearTimeout;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

type TimerHandle = ReturnType<typeof setTimeout>;

/** Longer waits (a far Retry-After date) are re-armed when the step fires: pump re-checks. */
const MAX_TIMER_MS = MAX_TIMER_DELAY_MS;

export class SlidingWindowLimiter {
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  /** Times of recorded requests, oldest first. */
  private readonly stamps: number[] = [];
  private readonly queue: Waiter[] = [];
  private blockedUntil = -Infinity;
  private timer: TimerHandle | null = null;

  constructor(opts: RateLimiterOptions) {
    if (!Number.isInteger(opts.max) || opts.max < 1)
      throw new RangeError(`max must be a positive integer, got ${opts.max}`);
    if (!Number.isFinite(opts.windowMs) || opts.windowMs <= 0)
      throw new RangeError(`windowMs must be positive, got ${opts.windowMs}`);
    this.max = opts.max;
    this.windowMs = opts.windowMs;
    // Defaults look the globals up at call time so fake timers installed later still apply.
    this.now = opts.now ?? (() => Date.now());
    const set = opts.setTimeout;
    const clear = opts.clearTimeout;
    this.setTimer = (fn, ms) => (set ? set(fn, ms) : globalThis.setTimeout(fn, ms));
    this.clearTimer = (handle) => (clear ? clear(handle) : globalThis.clearTimeout(handle));
  }

  /** Resolves when a slot is free and records the request; rejects with the signal's reason if aborted (within the same tick). */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => this.cancel(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Push the window: nobody acquires before `untilMs` (used when the server says Retry-After). */
  blockUntil(untilMs: number): void {
    if (!Number.isFinite(untilMs) || untilMs <= this.blockedUntil) return;
    this.blockedUntil = untilMs;
    this.pump();
  }

  /** Requests recorded in the current window. */
  inWindow(): number {
    this.prune(this.now());
    return this.stamps.length;
  }

  /** Drops stamps that have slid out of the window: a request at t occupies [t, t + windowMs). */
  private prune(now: number): void {
    while (this.stamps.length > 0 && (this.stamps[0] as number) + this.windowMs <= now)
      this.stamps.shift();
  }

  private canGrant(now: number): boolean {
    return now >= this.blockedUntil && this.stamps.length < this.max;
  }

  /** Grants slots strictly from the head of the queue (FIFO), then arms a timer for the rest. */
  private pump(): void {
    const now = this.now();
    this.prune(now);
    while (this.queue.length > 0 && this.canGrant(now)) {
      const waiter = this.queue.shift() as Waiter;
      this.detach(waiter);
      this.stamps.push(now);
      waiter.resolve();
    }
    this.schedule(now);
  }

  /** The earliest moment the head waiter could be served. */
  private nextFreeAt(): number {
    const slotFreeAt =
      this.stamps.length < this.max
        ? -Infinity
        : (this.stamps[this.stamps.length - this.max] as number) + this.windowMs;
    return Math.max(slotFreeAt, this.blockedUntil);
  }

  private schedule(now: number): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0) return;
    const delay = Math.min(Math.max(0, this.nextFreeAt() - now), MAX_TIMER_MS);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.pump();
    }, delay);
  }

  private cancel(waiter: Waiter): void {
    const index = this.queue.indexOf(waiter);
    if (index === -1) return; // already granted
    this.queue.splice(index, 1);
    this.detach(waiter);
    waiter.reject(waiter.signal?.reason);
    // Its place is freed: re-evaluate, which also drops the timer if nobody is left waiting.
    this.pump();
  }

  private detach(waiter: Waiter): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  }
}
