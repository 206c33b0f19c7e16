// Watches spend against the caps while work runs. It answers the runner's question before
// every dispatch ("may I send?"), stops the running tasks when a cap is reached (if the user
// asked for that), lets dispatch go on again once a cap no longer blocks, and tells the UI
// whenever the figures change.
import type { BudgetSettings, BudgetStatus } from '../../contract/index';
import type { HistoryStore } from '../history/history-store';
import { budgetStatus } from './budget-guard';

/** The work the monitor steers, seen from here (the desk hands over the runner's side). */
export interface CappedWork {
  /** Ids of the tasks holding a slot now. */
  running(): string[];
  stop(id: string, reason: { code: string; message: string }): Promise<void>;
  /** Dispatch again: a cap was raised, or a new day or month began. */
  resume(): void;
}

export interface BudgetMonitorOptions {
  history: Pick<HistoryStore, 'spendBetween'>;
  settings: () => Omit<BudgetSettings, 'runwayWarningDays'>;
  now: () => number;
  /** The figures changed (for the UI's budget.status). */
  publish: (status: BudgetStatus) => void;
  log?: (line: string) => void;
}

/** A sum this fresh is reused, unless a cost changed since (then the next question sums again). */
const REUSE_MS = 1_000;
/** A changed cost is summed at once when the last sum is at least this old (else on demand). */
const COST_REFRESH_MS = 250;

export class BudgetMonitor {
  private status: BudgetStatus;
  private checkedAt = 0;
  private costChanged = false;
  private work: CappedWork | null = null;

  constructor(private readonly o: BudgetMonitorOptions) {
    this.status = budgetStatus(o.history, o.settings(), o.now());
  }

  /** The work to stop or resume at a cap; until then a cap only blocks dispatch. */
  attach(work: CappedWork): void {
    this.work = work;
  }

  /**
   * The budget now. Spend is summed again whenever a cost has changed since the last sum
   * (so a dispatch never relies on a figure that misses a cost), and at least every second
   * (a new day or month); `force` sums it regardless (the caps changed, the UI asks).
   */
  refresh(force = false): BudgetStatus {
    if (!force && !this.costChanged && this.o.now() - this.checkedAt < REUSE_MS) return this.status;
    return this.apply(budgetStatus(this.o.history, this.o.settings(), this.o.now()));
  }

  /** Asked before every dispatch, on a fresh sum: a cached figure could let one task too many through. */
  dispatchBlocker(): string | null {
    // Without a cap nothing can block, and summing spend before every dispatch was a tenth of
    // the runner's CPU; the UI's figures still follow each cost change (costChangedNow).
    const caps = this.o.settings();
    if (caps.dailyCap === null && caps.monthlyCap === null) return null;
    return this.refresh().level === 'blocked' ? this.status.message : null;
  }

  /** A task's cost changed: sum again soon, at once if the last sum is not brand new. */
  costChangedNow(): void {
    this.costChanged = true;
    if (this.o.now() - this.checkedAt >= COST_REFRESH_MS) this.refresh();
  }

  private apply(next: BudgetStatus): BudgetStatus {
    this.checkedAt = this.o.now();
    this.costChanged = false;
    const previous = this.status;
    const changed =
      next.level !== previous.level ||
      next.today.toFixed(4) !== previous.today.toFixed(4) ||
      next.month.toFixed(4) !== previous.month.toFixed(4) ||
      next.dailyCap !== previous.dailyCap ||
      next.monthlyCap !== previous.monthlyCap;
    this.status = next;
    if (changed) this.o.publish(next);
    if (
      next.level === 'blocked' &&
      previous.level !== 'blocked' &&
      this.o.settings().stopRunningAtCap
    )
      this.stopRunning(next.message ?? 'Budget reached.');
    // Unblocked (a raised cap, a new day): dispatch again, outside whatever called us.
    if (next.level !== 'blocked' && previous.level === 'blocked')
      queueMicrotask(() => this.work?.resume());
    return next;
  }

  private stopRunning(message: string): void {
    const work = this.work;
    if (!work) return;
    for (const id of work.running()) {
      void work
        .stop(id, { code: 'BUDGET_REACHED', message })
        .catch((error: unknown) => this.o.log?.(`stopping ${id}: ${(error as Error).message}`));
    }
  }
}
