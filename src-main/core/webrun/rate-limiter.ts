// Client-side copy of WebRun's limit: 10 requests per sliding 60 s window per user, failed
// requests included (webrun-api.md §6.4). Staying under it locally is cheaper than collecting
// 429s, and `blockUntil` lets a server Retry-After push everyone back. Clock and timers are
// injectable so the behaviour can be tested with fake time.
//
// When a request counts: WebRun counts it when it arrives, which is some time after the slot
// was taken (the runner takes a slot, then fsyncs its claim, then sends) and before the answer
// comes back. Counting it from the moment the slot was taken freed the slot early by that gap,
// so the next request reached the server while it still counted the old one: 429s under load.
// So a slot is held from acquire until `done()` (the answer or failure arrived), and only then
// starts its window. A slot never given back (a caller that took one and sent nothing) is
// reckoned as done `maxHoldMs` after it was taken, so it cannot block the limit for ever.
import { MAX_TIMER_DELAY_MS } from '../../contract/timers';

export interface RateLimiterOptions {
  max: number;
  windowMs: number;
  /** How long a slot taken and never given back still counts as in flight (default 10 min). */
  maxHoldMs?: number;
  now?: () => number;
  setTimeout?: typeof setTimeout;
  clearTimeout?: typeof clearTimeout;
}

/** A taken slot: call done() once the request's answer (or failure) has come back. */
export interface Slot {
  done(): void;
}

interface Held {
  takenAt: number;
}

interface Waiter {
  resolve: (slot: Slot) => void;
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
  private readonly maxHoldMs: number;
  /** Times requests were done (their answer came back), oldest first. */
  private readonly stamps: number[] = [];
  /** Slots taken whose request has not come back yet: they count whatever the time. */
  private readonly held = new Set<Held>();
  /** Slots taken by reserve, oldest first, for the next holds with `reserved`. */
  private readonly reserved: Slot[] = [];
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
    this.maxHoldMs = opts.maxHoldMs ?? 600_000;
    // Defaults look the globals up at call time so fake timers installed later still apply.
    this.now = opts.now ?? (() => Date.now());
    const set = opts.setTimeout;
    const clear = opts.clearTimeout;
    this.setTimer = (fn, ms) => (set ? set(fn, ms) : globalThis.setTimeout(fn, ms));
    this.clearTimer = (handle) => (clear ? clear(handle) : globalThis.clearTimeout(handle));
  }

  /**
   * Resolves with a slot when one is free; the slot counts until its done(), then for a window.
   * Rejects with the signal's reason if aborted (within the same tick).
   */
  acquire(signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => this.cancel(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Takes a slot now for the next `hold` with `reserved` (a caller that sends a little later). */
  reserve(signal?: AbortSignal): Promise<void> {
    return this.acquire(signal).then((slot) => void this.reserved.push(slot));
  }

  /**
   * Runs one request holding a slot (the oldest reserved one, or one waited for now) until its
   * answer or failure is back: WebRun counted it on arrival, before then, so its window starts then.
   */
  async hold<T>(
    send: () => Promise<T>,
    o: { reserved?: boolean; signal?: AbortSignal },
  ): Promise<T> {
    const slot = o.reserved ? this.reserved.shift() : await this.acquire(o.signal);
    try {
      return await send();
    } finally {
      slot?.done();
    }
  }

  /** Push the window: nobody acquires before `untilMs` (used when the server says Retry-After). */
  blockUntil(untilMs: number): void {
    if (!Number.isFinite(untilMs) || untilMs <= this.blockedUntil) return;
    this.blockedUntil = untilMs;
    this.pump();
  }

  /** Requests counted now: in flight, or done within the window. */
  inWindow(): number {
    this.prune(this.now());
    return this.stamps.length + this.held.size;
  }

  /** Ends a held slot at `at`: from then on it occupies [at, at + windowMs). */
  private finish(held: Held, at: number): void {
    if (!this.held.delete(held)) return; // done twice, or already reckoned as done
    let i = this.stamps.length;
    while (i > 0 && (this.stamps[i - 1] as number) > at) i -= 1;
    this.stamps.splice(i, 0, at);
  }

  /** Drops stamps that have slid out of the window, after ending slots held too long. */
  private prune(now: number): void {
    for (const held of [...this.held])
      if (held.takenAt + this.maxHoldMs <= now) this.finish(held, held.takenAt + this.maxHoldMs);
    while (this.stamps.length > 0 && (this.stamps[0] as number) + this.windowMs <= now)
      this.stamps.shift();
  }

  private canGrant(now: number): boolean {
    return now >= this.blockedUntil && this.stamps.length + this.held.size < this.max;
  }

  private grant(now: number): Slot {
    const held: Held = { takenAt: now };
    this.held.add(held);
    return {
      done: () => {
        if (!this.held.has(held)) return;
        this.finish(held, this.now());
        this.pump();
      },
    };
  }

  /** Grants slots strictly from the head of the queue (FIFO), then arms a timer for the rest. */
  private pump(): void {
    const now = this.now();
    this.prune(now);
    while (this.queue.length > 0 && this.canGrant(now)) {
      const waiter = this.queue.shift() as Waiter;
      this.detach(waiter);
      waiter.resolve(this.grant(now));
    }
    this.schedule(now);
  }

  /**
   * The earliest moment the head waiter could be served, reckoning held slots as done at their
   * longest hold (a done() sooner pumps again at once).
   */
  private nextFreeAt(): number {
    const total = this.stamps.length + this.held.size;
    if (total < this.max) return this.blockedUntil;
    const frees = [
      ...this.stamps.map((at) => at + this.windowMs),
      ...[...this.held].map((h) => h.takenAt + this.maxHoldMs + this.windowMs),
    ].sort((a, b) => a - b);
    return Math.max(frees[total - this.max] as number, this.blockedUntil);
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
