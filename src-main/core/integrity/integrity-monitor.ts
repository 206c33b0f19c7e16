// When to check the history database and what the last check found. A check (quick_check in a
// worker thread, so the main thread never waits) is due once a day, and at once after a run
// that did not close cleanly; it starts only while no task is active, and never during the
// first moments of a start, so opening the app stays instant.
import type { IntegrityStatus } from '../../contract/schemas';
import { chainTimers, type TimerHandle, type Timers } from '../../contract/timers';
import type { SettingsStore } from '../settings/settings-store';
import type { CheckResult, RunningCheck } from './run-check';
import { z } from 'zod';

const DAY = 86_400_000;
const KEY = 'integrity';

const Stored = z.object({
  state: z.enum(['never', 'ok', 'damaged', 'error']).default('never'),
  lastCheckAt: z.number().nullable().default(null),
  durationMs: z.number().nullable().default(null),
  problems: z.array(z.string()).default([]),
  /** Set while a run has the database open; still set at the next start means it did not close cleanly. */
  openSince: z.number().nullable().default(null),
  /** A check is owed because a run did not close cleanly (kept until a check has run). */
  afterUncleanShutdown: z.boolean().default(false),
});
type Stored = z.infer<typeof Stored>;

/** Why a check is due now, or null. Pure, so the rule reads in one place. */
export function integrityDue(
  stored: Pick<Stored, 'lastCheckAt' | 'afterUncleanShutdown'>,
  now: number,
): string | null {
  if (stored.afterUncleanShutdown) return 'the app did not close cleanly last time';
  if (stored.lastCheckAt === null) return 'never checked';
  if (now - stored.lastCheckAt >= DAY) return 'a day since the last check';
  return null;
}

export interface IntegrityMonitorOptions {
  settings: SettingsStore;
  /** Starts a check of the database (runIntegrityCheck in the app). */
  check: () => RunningCheck;
  /** True while nothing is running or queued to run. */
  idle: () => boolean;
  now?: () => number;
  /** Wait after start before the first look (default 30 s), then between looks (default 60 s). */
  startDelayMs?: number;
  pollMs?: number;
  setTimeout?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout?: (timer: ReturnType<typeof setTimeout>) => void;
  onResult?: (status: IntegrityStatus) => void;
  log?: (line: string) => void;
}

export class IntegrityMonitor {
  private timer: TimerHandle | null = null;
  /** Chained: the next check may be days away (a weekly check after a long pause). */
  private readonly timers: Timers;
  private running: RunningCheck | null = null;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly o: IntegrityMonitorOptions) {
    this.now = o.now ?? Date.now;
    this.timers = chainTimers(
      o.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
      o.clearTimeout ?? ((t) => clearTimeout(t)),
    );
  }

  private read(): Stored {
    return this.o.settings.get(KEY, Stored);
  }

  private write(patch: Partial<Stored>): void {
    this.o.settings.set(KEY, { ...this.read(), ...patch });
  }

  /** Records that this run has the database open, learning whether the last one closed cleanly. */
  start(): void {
    const stored = this.read();
    const unclean = stored.openSince !== null;
    if (unclean)
      this.o.log?.(
        'The app did not close cleanly last time: the history database will be checked when idle.',
      );
    this.write({
      openSince: this.now(),
      afterUncleanShutdown: stored.afterUncleanShutdown || unclean,
    });
    this.schedule(this.o.startDelayMs ?? 30_000);
  }

  status(): IntegrityStatus {
    const s = this.read();
    return {
      state: s.state,
      running: this.running !== null,
      lastCheckAt: s.lastCheckAt,
      durationMs: s.durationMs,
      problems: s.problems,
      due: integrityDue(s, this.now()),
    };
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = this.timers.setTimeout(() => void this.look(), ms).unref();
  }

  private async look(): Promise<void> {
    this.timer = null;
    if (this.closed || this.running) return;
    const due = integrityDue(this.read(), this.now());
    if (!due || !this.o.idle()) {
      this.schedule(this.o.pollMs ?? 60_000);
      return;
    }
    await this.runNow();
    this.schedule(this.o.pollMs ?? 60_000);
  }

  /** Runs a check now (also what `webrun-desk check` does), unless one is already running. */
  async runNow(): Promise<IntegrityStatus> {
    if (this.running) {
      await this.running.result;
      return this.status();
    }
    const running = this.o.check();
    this.running = running;
    let result: CheckResult;
    try {
      result = await running.result;
    } finally {
      this.running = null;
    }
    if (result.outcome === 'interrupted' || this.closed) return this.status();
    this.write({
      state: result.outcome,
      lastCheckAt: this.now(),
      durationMs: Math.round(result.durationMs),
      problems: result.problems,
      afterUncleanShutdown: false,
    });
    if (result.outcome !== 'ok')
      this.o.log?.(`History database check: ${result.outcome}: ${result.problems.join('; ')}`);
    const status = this.status();
    this.o.onResult?.(status);
    return status;
  }

  /** A clean close: the next start will not check out of turn. */
  close(): void {
    this.closed = true;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.running?.cancel();
    try {
      this.write({ openSince: null });
    } catch {
      // A read-only or failing database cannot record the clean close; the next start checks.
    }
  }
}
