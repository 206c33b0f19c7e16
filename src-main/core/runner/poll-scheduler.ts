// When to poll each task. Polling is the source of truth for completion; the socket only
// makes it come sooner. So: every 2–3 s (jittered) without a healthy socket, every minute with
// one, at once when the socket says something changed (what the socket means for polling is
// poll-policy.ts), and never two polls of the same task in flight (a request for another
// while one runs is remembered and run after).
import type { TimerHandle as Timer } from '../../contract/timers';

export interface PollSchedulerOptions {
  poll: (taskId: string) => Promise<void>;
  setTimeout: (fn: () => void, ms: number) => Timer;
  clearTimeout: (timer: Timer) => void;
  now: () => number;
  random: () => number;
  /** Centre of the fast interval (a live setting); the actual delay is jittered ±20 %. */
  intervalMs: () => number;
  /** Interval while the task's socket is healthy. */
  healthyIntervalMs: number;
}

interface Entry {
  timer: Timer | null;
  dueAt: number;
  inFlight: boolean;
  again: boolean;
  /** WebRun asked us to wait (Retry-After): no poll before this, whatever else asks. */
  notBefore: number;
}

export class PollScheduler {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly options: PollSchedulerOptions) {}

  /** The next regular poll, sooner than any already planned (`healthyMs`: this task's healthy interval). */
  schedule(
    taskId: string,
    healthySocket: boolean,
    healthyMs = this.options.healthyIntervalMs,
  ): void {
    this.at(taskId, healthySocket ? healthyMs : this.regularDelay(false));
  }

  /** Polls no sooner than `delayMs` from now, even when socket news asks for one earlier. */
  holdOff(taskId: string, delayMs: number): void {
    const entry = this.entry(taskId);
    entry.notBefore = Math.max(entry.notBefore, this.options.now() + delayMs);
    this.at(taskId, delayMs);
  }

  /** Polls after `delayMs` (but not before a hold-off ends), replacing a later plan. */
  at(taskId: string, requestedMs: number): void {
    if (this.closed) return;
    const entry = this.entry(taskId);
    const delayMs = Math.max(requestedMs, entry.notBefore - this.options.now());
    const dueAt = this.options.now() + delayMs;
    if (entry.inFlight) {
      if (delayMs === 0) entry.again = true;
      else this.arm(taskId, entry, dueAt, delayMs, true);
      return;
    }
    if (
      entry.timer &&
      delayMs > 0 &&
      entry.dueAt < this.options.now() + delayMs &&
      entry.notBefore > entry.dueAt
    ) {
      // A plan made before the hold-off began must move past it.
      this.arm(taskId, entry, dueAt, delayMs, false);
      return;
    }
    if (entry.timer && entry.dueAt <= dueAt) return;
    this.arm(taskId, entry, dueAt, delayMs, false);
  }

  now(taskId: string): void {
    this.at(taskId, 0);
  }

  /**
   * Moves a planned timed poll out to `delayMs` from now (the socket just proved itself
   * alive, so the poll would learn nothing). Never creates a plan, never brings one sooner,
   * and leaves a poll in flight or one asked for at once alone.
   */
  defer(taskId: string, delayMs: number): void {
    if (this.closed) return;
    const entry = this.entries.get(taskId);
    if (!entry?.timer || entry.inFlight || entry.again) return;
    const dueAt = this.options.now() + delayMs;
    if (entry.dueAt <= this.options.now() || entry.dueAt >= dueAt) return;
    this.arm(taskId, entry, dueAt, delayMs, false);
  }

  cancel(taskId: string): void {
    const entry = this.entries.get(taskId);
    if (entry?.timer) this.options.clearTimeout(entry.timer);
    this.entries.delete(taskId);
  }

  isScheduled(taskId: string): boolean {
    const entry = this.entries.get(taskId);
    return Boolean(entry && (entry.timer || entry.inFlight));
  }

  close(): void {
    this.closed = true;
    for (const entry of this.entries.values())
      if (entry.timer) this.options.clearTimeout(entry.timer);
    this.entries.clear();
  }

  private regularDelay(healthySocket: boolean): number {
    if (healthySocket) return this.options.healthyIntervalMs;
    const base = this.options.intervalMs();
    return Math.round(base * (0.8 + 0.4 * this.options.random()));
  }

  private entry(taskId: string): Entry {
    let entry = this.entries.get(taskId);
    if (!entry) {
      entry = { timer: null, dueAt: Infinity, inFlight: false, again: false, notBefore: 0 };
      this.entries.set(taskId, entry);
    }
    return entry;
  }

  private arm(
    taskId: string,
    entry: Entry,
    dueAt: number,
    delayMs: number,
    afterFlight: boolean,
  ): void {
    if (entry.timer) this.options.clearTimeout(entry.timer);
    entry.dueAt = dueAt;
    entry.timer = this.options.setTimeout(() => {
      entry.timer = null;
      entry.dueAt = Infinity;
      if (entry.inFlight && afterFlight) {
        entry.again = true;
        return;
      }
      void this.run(taskId, entry);
    }, delayMs);
  }

  private async run(taskId: string, entry: Entry): Promise<void> {
    if (entry.inFlight) {
      entry.again = true;
      return;
    }
    entry.inFlight = true;
    try {
      await this.options.poll(taskId);
    } finally {
      entry.inFlight = false;
      if (this.entries.get(taskId) === entry && entry.again && !this.closed) {
        entry.again = false;
        void this.run(taskId, entry);
      }
    }
  }
}
