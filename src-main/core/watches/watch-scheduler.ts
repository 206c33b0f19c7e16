// Runs due watches while a desk runs (the app, browser mode, `webrun-desk watch run`). Every
// pass: each active watch's occurrences since the last pass are planned (watch-schedule.ts:
// on time, or missed, then caught up once or skipped per watch), the run to send goes through
// the task service like any task (history, spend, budgets, the inbox) in the transaction that
// claims the occurrence and marks the task with its watch, and ended runs get their verdict,
// change and alerts (evaluate-run.ts). A budget cap pauses the watches as it pauses schedules:
// nothing is sent, and resuming is the person's call. Everything lives in the store, so a
// restart picks up exactly where the last pass left off. The clock and timers are injected.
import type Database from 'better-sqlite3';
import { DeskError } from '../../contract/dispatch';
import type { TaskView } from '../../contract/schemas';
import type { Timers, TimerHandle } from '../../contract/timers';
import type { WatchAlert } from '../../contract/watches';
import { evaluateRun } from './evaluate-run';
import type { RunSnapshots } from './run-snapshots';
import { occurrencesBetween, planDue, nextRunAt } from './watch-schedule';
import type { WatchRecord, WatchRunRecord, WatchStore } from './watch-store';
import { watchTask } from './watch-task';

/** A pass at least this often: watches added by another process, runs that ended. */
export const RECHECK_MS = 60_000;
/** Material changes kept in a run's outcome (the comparison shows them all). */
const MAX_KEPT_CHANGES = 50;

export interface SchedulerOptions {
  db: Database.Database;
  store: WatchStore;
  snapshots: Pick<RunSnapshots, 'snapshot'>;
  /** The task service's create: checks, stores `queued` and enqueues. */
  createTask: (input: ReturnType<typeof watchTask>) => TaskView;
  /** Why nothing may be sent now (a budget cap reached), or null. */
  budgetBlocker: () => string | null;
  now: () => number;
  timers: Timers;
  log: (line: string) => void;
  onAlert?: (alert: Omit<WatchAlert, 'id'>) => void;
  onChanged?: (watchId: string) => void;
}

export interface PassResult {
  sent: { watchId: string; dueAt: number; taskId: string; state: 'sent' | 'caught_up' }[];
  missed: { watchId: string; count: number }[];
  paused: string[];
  evaluated: number;
}

export class WatchScheduler {
  private timer: TimerHandle | null = null;
  private running = false;

  constructor(private readonly o: SchedulerOptions) {}

  /** A pass now, then one at every due time (and at least every minute) until stop. */
  start(): PassResult | null {
    this.running = true;
    return this.passAndArm();
  }

  stop(): void {
    this.running = false;
    this.o.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private passAndArm(): PassResult | null {
    let result: PassResult | null = null;
    try {
      result = this.pass();
    } catch (error) {
      // A timer's pass must not take the process down (the history unreadable for a moment):
      // said, and tried again at the next pass.
      this.o.log(`Watches: ${(error as Error).message}`);
    }
    if (this.running) {
      const now = this.o.now();
      let next: number | null = null;
      try {
        next = this.nextDue(now);
      } catch {
        next = null; // the pass above said why; look again after RECHECK_MS
      }
      const wait = Math.max(0, Math.min(RECHECK_MS, (next ?? Infinity) - now));
      this.o.timers.clearTimeout(this.timer);
      this.timer = this.o.timers.setTimeout(() => void this.passAndArm(), wait);
    }
    return result;
  }

  /** The earliest next occurrence of an active watch. */
  nextDue(now: number): number | null {
    let best: number | null = null;
    for (const watch of this.o.store.list()) {
      if (watch.state !== 'active') continue;
      const next = nextRunAt(watch.schedule, Math.max(watch.handledUntil, now - 1), watch.anchorAt);
      if (next !== null && (best === null || next < best)) best = next;
    }
    return best;
  }

  /** One pass: evaluate ended runs, then send what is due. */
  pass(): PassResult {
    const result: PassResult = { sent: [], missed: [], paused: [], evaluated: this.evaluate() };
    const now = this.o.now();
    for (const watch of this.o.store.list()) {
      if (watch.state !== 'active') continue;
      try {
        this.handle(watch, now, result);
      } catch (error) {
        this.o.log(`Watch ${watch.name}: ${(error as Error).message}`);
      }
    }
    return result;
  }

  private handle(watch: WatchRecord, now: number, result: PassResult): void {
    const due = occurrencesBetween(watch.schedule, watch.handledUntil, now, watch.anchorAt);
    if (due.times.length === 0) return;
    const blocker = this.o.budgetBlocker();
    if (blocker) {
      this.o.store.setState(watch.id, 'budget_paused', `Paused by WebRun Desk: ${blocker}`, now);
      result.paused.push(watch.id);
      this.o.onChanged?.(watch.id);
      return;
    }
    const plan = planDue(due.times, now, watch.catchUp);
    const sent = this.o.db.transaction(() => {
      for (const dueAt of plan.missed) this.o.store.claim(watch.id, dueAt, 'missed', now);
      let task: TaskView | null = null;
      if (plan.send && this.o.store.claim(watch.id, plan.send.dueAt, plan.send.state, now)) {
        task = this.o.createTask(watchTask(watch));
        this.o.store.setRunTask(watch.id, plan.send.dueAt, task.id);
      }
      this.o.store.advance(watch.id, now);
      return task;
    })();
    const missedCount = plan.missed.length + due.dropped;
    if (missedCount > 0) {
      result.missed.push({ watchId: watch.id, count: missedCount });
      this.o.log(
        `Watch ${watch.name}: ${missedCount} run(s) missed while no desk was running${plan.send?.state === 'caught_up' ? '; caught up once' : watch.catchUp === 'skip' ? '; skipped' : ''}.`,
      );
    }
    if (sent && plan.send) {
      const how = plan.send.state === 'caught_up' ? 'caught up' : 'sent';
      this.o.log(`Watch ${watch.name}: run ${how} as task ${sent.id.slice(0, 8)}.`);
    }
    if (sent && plan.send)
      result.sent.push({
        watchId: watch.id,
        dueAt: plan.send.dueAt,
        taskId: sent.id,
        state: plan.send.state,
      });
    this.o.onChanged?.(watch.id);
  }

  /**
   * One run now, outside the schedule, which goes on as before: an occurrence of its own at this
   * moment (the next free millisecond), sent and judged like the others. A budget cap refuses it.
   */
  runNow(watch: WatchRecord): TaskView {
    const blocker = this.o.budgetBlocker();
    if (blocker) throw new DeskError('conflict', `Not sent: ${blocker}`);
    let dueAt = this.o.now();
    const task = this.o.db.transaction(() => {
      while (!this.o.store.claim(watch.id, dueAt, 'sent', dueAt)) dueAt += 1;
      const created = this.o.createTask(watchTask(watch));
      this.o.store.setRunTask(watch.id, dueAt, created.id);
      return created;
    })();
    this.o.log(`Watch ${watch.name}: run sent now as task ${task.id.slice(0, 8)}.`);
    this.o.onChanged?.(watch.id);
    return task;
  }

  /** A budget cap was reached: every active watch pauses now, with the cap's reason. */
  budgetBlocked(message: string): string[] {
    const now = this.o.now();
    const paused: string[] = [];
    for (const watch of this.o.store.list()) {
      if (watch.state !== 'active') continue;
      this.o.store.setState(watch.id, 'budget_paused', `Paused by WebRun Desk: ${message}`, now);
      paused.push(watch.id);
      this.o.onChanged?.(watch.id);
    }
    return paused;
  }

  /** Verdicts, changes and alerts for every run whose task ended; returns how many. */
  evaluate(): number {
    let count = 0;
    for (const run of this.o.store.toEvaluate()) {
      try {
        this.evaluateOne(run);
        count += 1;
      } catch (error) {
        this.o.log(`Evaluating a watch run (task ${run.taskId}): ${(error as Error).message}`);
      }
    }
    return count;
  }

  private evaluateOne(run: WatchRunRecord): void {
    const watch = this.o.store.get(run.watchId);
    if (!watch || !run.taskId) return;
    const now = this.o.now();
    const previousId = this.o.store.previousCompleted(run.watchId, run.dueAt);
    const outcome = evaluateRun({
      watch,
      run: this.o.snapshots.snapshot(run.taskId),
      previous: previousId ? this.o.snapshots.snapshot(previousId) : null,
      lastChangeAt: watch.lastChangeAt,
      lastUnchangedAlertAt: watch.lastUnchangedAlertAt,
      now,
    });
    const saved = this.o.store.saveOutcome(
      run,
      {
        verdict: outcome.verdict?.verdict ?? null,
        material: outcome.change ? outcome.change.material : null,
        outcome: {
          results: outcome.verdict?.results ?? [],
          changes: outcome.change?.changes.slice(0, MAX_KEPT_CHANGES) ?? [],
          changeCount: outcome.change?.changes.length ?? 0,
          noise: outcome.change?.noise ?? 0,
          unreadable: outcome.change?.unreadable ?? null,
          comparedWith: previousId,
        },
        alerts: outcome.alerts,
        lastChangeAt: outcome.lastChangeAt,
      },
      now,
    );
    if (!saved) return;
    // `watch run` prints each run's end, so a quiet run is seen to have happened.
    if (outcome.verdict) {
      const found = outcome.change;
      const change = !found
        ? 'first run'
        : found.unreadable
          ? 'not compared'
          : found.material
            ? 'changed'
            : 'unchanged';
      this.o.log(
        `Watch ${watch.name}: run ${run.taskId.slice(0, 8)} checked: ${outcome.verdict.verdict}, ${change}.`,
      );
    }
    for (const alert of outcome.alerts)
      this.o.onAlert?.({ watchId: watch.id, taskId: run.taskId, at: now, ...alert });
    this.o.onChanged?.(watch.id);
  }
}
