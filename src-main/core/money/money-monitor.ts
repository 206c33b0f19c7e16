// Money, live: records every balance WebRun reports, holds the queue when WebRun refuses a
// submission for balance (like a budget cap, until the person resumes or a higher balance is
// seen), flags a running task the moment its cost passes its template's threshold (checked on
// every cost change, which is every poll answer and every socket usage event), and raises one
// alert on a day whose spend passes twice the trailing 7-day average. The rules themselves are
// pure functions beside it (baseline.ts, runway.ts); this class keeps the state and tells.
import type {
  BalanceHold,
  BalanceReading,
  BudgetSettings,
  BudgetStatus,
  CostAnomaly,
  CostBaseline,
  MoneyAlert,
  MoneyStatus,
  Preflight,
} from '../../contract/schemas';
import { ACTIVE } from '../../contract/task-status';
import { z } from '../../contract/zod';
import { periodStarts } from '../budget/budget-guard';
import { formatUsd } from '../../contract/money-format';
import { DAY } from './spend-forecast';
import type { HistoryStore } from '../history/history-store';
import type { SettingsStore } from '../settings/settings-store';
import type { StoredTask } from '../tasks/task-store';
import type { BalanceFigures, BalanceReport } from '../webrun/balance';
import { baselineOf, daySpikeOf, isAnomalous, SPIKE_WINDOW_DAYS } from './baseline';
import type { MoneyStore } from './money-store';
import { preflight } from './preflight';
import { runwayOf } from './runway';

export interface MoneyMonitorOptions {
  store: MoneyStore;
  history: Pick<HistoryStore, 'spendBy'>;
  settings: Pick<SettingsStore, 'get' | 'set'>;
  budget: () => BudgetSettings;
  /** Spend against the caps now (what pre-flight calls the budget left). */
  budgetStatus: () => BudgetStatus;
  /** Balances come from the built-in sandbox: labelled simulated. */
  simulated: boolean;
  now: () => number;
  publish: (status: MoneyStatus) => void;
  alert: (alert: MoneyAlert) => void;
  log?: (line: string) => void;
}

/** The day already alerted, kept in the history so a restart does not alert it again. */
const SpikeAlerted = z.object({ day: z.string().nullable().default(null) });
const SPIKE_KEY = 'money.daySpikeAlerted';
/** Day spike checks at most this often (a sum over 8 days of the hourly rollup). */
const SPIKE_CHECK_MS = 1_000;

const localOffset = (now: number): number => -new Date(now).getTimezoneOffset();

export class MoneyMonitor {
  private hold: BalanceHold | null = null;
  private readonly anomalies = new Map<string, CostAnomaly>();
  /** Baselines of running tasks, read once per task (earlier runs do not change while it runs). */
  private readonly baselines = new Map<string, CostBaseline>();
  /** Tasks seen running by this process (an ended one is judged once, on its end). */
  private readonly seenLive = new Set<string>();
  private spikeCheckedAt = -Infinity;
  private runwayWarned = false;

  constructor(private readonly o: MoneyMonitorOptions) {}

  /** Every balance WebRun reports, stored with its time and source. */
  recordBalance(report: BalanceReport): void {
    const at = this.o.now();
    try {
      this.o.store.record({ ...report, at, simulated: this.o.simulated });
    } catch (error) {
      this.o.log?.(`recording the balance: ${(error as Error).message}`);
    }
    // A session started, with more than the refused task needed: the money is back.
    if (
      this.hold &&
      report.source === 'start-session' &&
      report.balance > (this.hold.required ?? 0)
    )
      this.hold = null;
    this.changed();
  }

  /** The balance as WebRun last reported it. */
  balance(): BalanceReading | null {
    return this.o.store.latest();
  }

  /** WebRun refused a submission for balance: hold the queue, with what it said. */
  holdForBalance(figures: BalanceFigures | null, reason: string): void {
    const first = this.hold === null;
    const amounts =
      figures === null
        ? 'WebRun did not say how much is left'
        : `${formatUsd(figures.balance)} left${figures.required === null ? '' : `, ${formatUsd(figures.required)} required`}`;
    this.hold = {
      balance: figures?.balance ?? null,
      required: figures?.required ?? null,
      at: this.o.now(),
      message: `WebRun refused a task for balance (${amounts}): no task is sent until you add funds at WebRun and resume the queue.`,
    };
    this.o.log?.(`queue held for balance: ${reason}`);
    if (first)
      this.o.alert({
        kind: 'balance_hold',
        taskId: null,
        title: 'Queue held: balance',
        text: this.hold.message,
      });
    this.changed();
  }

  /** Asked before every dispatch, after the budget. */
  dispatchBlocker(): string | null {
    return this.hold?.message ?? null;
  }

  /** The person resumed the queue: try again (a refusal holds it again at once). */
  liftHold(): void {
    if (!this.hold) return;
    this.hold = null;
    this.changed();
  }

  /** The earlier runs of a task's template: its batch template, else the same prompt and URL. */
  baselineFor(task: Pick<StoredTask, 'id' | 'prompt' | 'startingUrl'>): CostBaseline {
    const key = this.o.store.templateKeyOf(task.id);
    const costs = key
      ? this.o.store.templateCosts(key, task.id)
      : this.o.store.promptCosts(task.prompt, task.startingUrl, task.id);
    return baselineOf(costs);
  }

  /**
   * The check before work is sent, the one every door uses (a batch, an assistant's call, a
   * watch being switched on): `tasks` runs of a batch template (by key) or of one prompt,
   * against the balance last seen and the budget left. Refused (ok false) with the figures.
   */
  preflight(
    work: { templateKey: string } | { prompt: string; startingUrl: string | null },
    tasks: number,
  ): Preflight {
    const costs =
      'templateKey' in work
        ? this.o.store.templateCosts(work.templateKey)
        : this.o.store.promptCosts(work.prompt, work.startingUrl);
    return preflight({
      tasks,
      baseline: baselineOf(costs),
      balance: this.balance(),
      budget: this.o.budgetStatus(),
    });
  }

  /** True when a running task's template has a baseline: its cost is watched (polled more often). */
  watches(task: StoredTask): boolean {
    return this.baselineOf(task).threshold !== null;
  }

  private baselineOf(task: StoredTask): CostBaseline {
    let baseline = this.baselines.get(task.id);
    if (!baseline) {
      baseline = this.baselineFor(task);
      if (ACTIVE.has(task.status)) this.baselines.set(task.id, baseline);
    }
    return baseline;
  }

  /**
   * A task changed (every poll answer and socket event that moves it): judge its cost now.
   * A task seen running here is judged once more on its end (its cost may only be known
   * then, flagged as ended); tasks merely re-shown (history, imports) are never judged.
   */
  observe(task: StoredTask): void {
    const live = ACTIVE.has(task.status);
    const flagged = this.anomalies.get(task.id);
    const cost = task.usage?.cost ?? null;
    if (live) this.seenLive.add(task.id);
    else if (!this.seenLive.delete(task.id)) return;
    if (!live && flagged?.running) {
      this.anomalies.set(task.id, { ...flagged, running: false, cost: cost ?? flagged.cost });
      this.changed();
    }
    const baseline = cost === null || flagged ? null : this.baselineOf(task);
    if (!live) this.baselines.delete(task.id);
    if (cost === null || !baseline || !isAnomalous(cost, baseline)) return;
    const text = `${live ? `Costs ${formatUsd(cost)} so far` : `Cost ${formatUsd(cost)}`}, past ${formatUsd(baseline.threshold!)} (usually ${formatUsd(baseline.p50!)}, p95 ${formatUsd(baseline.p95!)} over ${baseline.runs} earlier runs).`;
    this.anomalies.set(task.id, {
      taskId: task.id,
      prompt: task.prompt.slice(0, 200),
      cost,
      threshold: baseline.threshold!,
      p50: baseline.p50!,
      p95: baseline.p95!,
      at: this.o.now(),
      running: live,
      text,
    });
    this.o.alert({
      kind: 'anomaly',
      taskId: task.id,
      title: live ? 'A task costs far more than usual' : 'A task cost far more than usual',
      text,
    });
    this.changed();
  }

  /** A cost changed somewhere: check today's spend against the week (at most once a second). */
  costChanged(): void {
    const now = this.o.now();
    if (now - this.spikeCheckedAt < SPIKE_CHECK_MS) return;
    this.spikeCheckedAt = now;
    const spike = this.daySpike(now, localOffset(now));
    const alerted = this.o.settings.get(SPIKE_KEY, SpikeAlerted).day;
    if (spike && alerted !== spike.day) {
      this.o.settings.set(SPIKE_KEY, { day: spike.day });
      this.o.alert({
        kind: 'day_spike',
        taskId: null,
        title: 'Spend today is unusually high',
        text: spike.text,
      });
      this.changed();
    }
  }

  status(tzOffsetMinutes = localOffset(this.o.now())): MoneyStatus {
    const now = this.o.now();
    const p = periodStarts(now);
    const byDay = this.o.history.spendBy('day', p.day - 7 * DAY, p.nextDay, tzOffsetMinutes);
    const balance = this.balance();
    const runway = runwayOf({
      balance,
      now,
      tzOffsetMinutes,
      byDay,
      warningDays: this.o.budget().runwayWarningDays,
    });
    const today = new Date(now + tzOffsetMinutes * 60_000).toISOString().slice(0, 10);
    return {
      balance,
      runway,
      hold: this.hold,
      anomalies: [...this.anomalies.values()].sort((a, b) => b.at - a.at),
      daySpike: daySpikeOf(byDay, today),
    };
  }

  private daySpike(now: number, offset: number) {
    const p = periodStarts(now);
    const byDay = this.o.history.spendBy('day', p.day - SPIKE_WINDOW_DAYS * DAY, p.nextDay, offset);
    return daySpikeOf(byDay, new Date(now + offset * 60_000).toISOString().slice(0, 10));
  }

  /** The settings changed (the runway's warning days): tell the UI. */
  refresh(): void {
    this.changed();
  }

  private changed(): void {
    const status = this.status();
    // The runway warning is told once each time it starts to apply.
    const warn = status.runway.warning;
    if (warn && !this.runwayWarned)
      this.o.alert({
        kind: 'runway',
        taskId: null,
        title: 'The balance is running out',
        text: warn,
      });
    this.runwayWarned = warn !== null;
    this.o.publish(status);
  }
}
