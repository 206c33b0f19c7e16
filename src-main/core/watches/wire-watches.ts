// Wires watches onto a desk: their store, the run snapshots comparison reads, the scheduler
// (started only by desks that run watches: the app, browser mode, `webrun-desk watch run`;
// never by one-off commands), and the operations the hosts call (add, list, pause, resume,
// remove, compare, changes). Runs are created through the task service, like any task.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DeskError } from '../../contract/dispatch';
import { ENDED, type TaskStatusName } from '../../contract/task-status';
import type { BudgetStatus, TaskView } from '../../contract/schemas';
import type { Timers } from '../../contract/timers';
import {
  WatchInput,
  type RunComparison,
  type WatchAlert,
  type WatchState,
} from '../../contract/watches';
import type { StoredTask, TaskStore } from '../tasks/task-store';
import { AlertFeed } from './alert-feed';
import type { Template } from '../../contract/index';
import { TemplateChecks } from './template-checks';
import { AlertInbox } from './alert-inbox';
import { compareRuns } from './compare-runs';
import { ratesOf, type Rates } from './rates';
import { RunSnapshots } from './run-snapshots';
import { describeWatchSchedule, nextRunAt } from './watch-schedule';
import { WatchScheduler } from './watch-scheduler';
import { WatchStore, type WatchRecord, type WatchRunRecord } from './watch-store';
import { watchProblems, watchTask } from './watch-task';

export interface WatchSummary extends WatchRecord {
  scheduleText: string;
  nextRunAt: number | null;
  rates: Rates;
  lastAlert: WatchAlert | null;
  missed: number;
  lastRun: Pick<WatchRunRecord, 'dueAt' | 'taskId' | 'taskStatus' | 'verdict' | 'material'> | null;
}

export interface Watches {
  store: WatchStore;
  scheduler: WatchScheduler;
  snapshots: RunSnapshots;
  add(input: unknown): WatchRecord;
  /** Replaces a watch's settings (checked like a new one); a new schedule counts from now. */
  update(id: string, input: unknown): WatchRecord;
  list(): WatchSummary[];
  /** A watch by its id or the start of it. */
  resolve(idOrPrefix: string): WatchRecord;
  setState(id: string, state: Extract<WatchState, 'active' | 'paused'>): WatchRecord;
  remove(id: string): void;
  /** Two runs, by full or short task ids. */
  compare(a: string, b: string): RunComparison;
  /** A task against the previous completed run of its watch (or of the same prompt). */
  previousOf(taskId: string): string | null;
  /** What a watch said lately: alerts and its runs' changes. */
  changes(
    id: string,
    since: number,
    limit: number,
  ): { alerts: WatchAlert[]; runs: WatchRunRecord[] };
  /** One run now, outside the schedule. */
  runNow(id: string): TaskView;
  /** Alerts not dismissed yet, across watches (the inbox). */
  inbox: AlertInbox;
  /** Calls `listener` with every alert this desk raises; returns the unsubscribe. */
  onAlert(listener: (alert: Omit<WatchAlert, 'id'>) => void): () => void;
  /** Saved templates' checks: every completed run started from one is judged by them. */
  templateChecks: TemplateChecks;
  /** Another process on the history committed: its alerts and watch edits reach this desk's UI. */
  externalChange(): void;
  /** A task changed: an ended watch run is evaluated soon. */
  taskChanged(task: { id: string; status: TaskStatusName; template: string | null }): void;
  close(): void;
}

/** Missed occurrences and the latest run sent, from a watch's runs (newest first). */
function runsSummary(runs: WatchRunRecord[]): Pick<WatchSummary, 'missed' | 'lastRun'> {
  const last = runs.find((r) => r.state !== 'missed');
  return {
    missed: runs.filter((r) => r.state === 'missed').length,
    lastRun: last
      ? {
          dueAt: last.dueAt,
          taskId: last.taskId,
          taskStatus: last.taskStatus,
          verdict: last.verdict,
          material: last.material,
        }
      : null,
  };
}

export interface WatchOptions {
  db: Database.Database;
  tasks: TaskStore;
  now: () => number;
  timers: Timers;
  log: (line: string) => void;
  createTask: (input: ReturnType<typeof watchTask>) => TaskView;
  budgetBlocker: () => string | null;
  writable: () => void;
  /** Every alert recorded in the history, by this desk or another process, once (alert-feed.ts). */
  onAlert?: (alert: WatchAlert) => void;
  /** A watch's runs, verdicts or state changed. */
  onChanged?: (watchId: string) => void;
  /** Run due watches in this desk. */
  run: boolean;
  /** The saved templates, whose checks judge the runs started from them (none: nothing judged). */
  templates?: () => Template[];
  readOnly?: boolean;
  onTemplatesJudged?: (names: string[]) => void;
  /** Registers for every task change (the runner's fan-out): ended runs are evaluated soon. */
  onTaskChanged?: (listener: (task: StoredTask) => void) => void;
  /** Registers for the moment a budget cap is reached: every active watch pauses. */
  onBudgetBlocked?: (listener: (status: BudgetStatus) => void) => void;
}

/** A watch by its id or the start of it (a short id typed on the command line). */
function resolveWatch(store: WatchStore, idOrPrefix: string): WatchRecord {
  const text = idOrPrefix.trim();
  const exact = text ? store.get(text) : null;
  if (exact) return exact;
  const ids = text ? store.byPrefix(text) : [];
  if (ids.length === 0) throw new DeskError('not_found', `No watch with an id starting ${text}.`);
  if (ids.length > 1)
    throw new DeskError('invalid_input', `Several watches have ids starting ${text}; give more.`);
  return store.get(ids[0]!)!;
}

/** A watch as the person wrote it, parsed and checked, or a refusal that says what is wrong. */
function checkedWatch(input: unknown) {
  const parsed = WatchInput.safeParse(input);
  if (!parsed.success)
    throw new DeskError(
      'invalid_input',
      parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || 'watch'}: ${i.message}`)
        .join('; '),
    );
  const problems = watchProblems(parsed.data);
  if (problems.length > 0) throw new DeskError('invalid_input', problems.join(' '));
  return parsed.data;
}

/** A watch with what the list shows of it: its schedule in words, next run, rates, last news. */
function summaryOf(store: WatchStore, watch: WatchRecord, now: number): WatchSummary {
  return {
    ...watch,
    scheduleText: describeWatchSchedule(watch.schedule),
    nextRunAt:
      watch.state === 'active'
        ? nextRunAt(watch.schedule, Math.max(watch.handledUntil, now), watch.anchorAt)
        : null,
    rates: ratesOf(store.verdicts(watch.id)),
    lastAlert: store.alerts({ watchId: watch.id, limit: 1 })[0] ?? null,
    ...runsSummary(store.runs(watch.id, 1000)),
  };
}

/** The parts: the store, the run snapshots, the alert feed, the scheduler, the template checks. */
function watchParts(o: WatchOptions, alerted: (alert: Omit<WatchAlert, 'id'>) => void) {
  const store = new WatchStore(o.db);
  const snapshots = new RunSnapshots(o.db, o.tasks);
  const feed = new AlertFeed({
    db: o.db,
    onAlert: (alert) => o.onAlert?.(alert),
    onChanged: (watchId) => o.onChanged?.(watchId),
  });
  const scheduler = new WatchScheduler({
    db: o.db,
    store,
    snapshots,
    createTask: o.createTask,
    budgetBlocker: o.budgetBlocker,
    now: o.now,
    timers: o.timers,
    log: o.log,
    onChanged: (watchId) => {
      feed.check();
      o.onChanged?.(watchId);
    },
    onAlert: alerted,
  });
  if (o.run) scheduler.start();
  const templateChecks = new TemplateChecks({
    db: o.db,
    snapshots,
    templates: o.templates ?? (() => []),
    now: o.now,
    timers: o.timers,
    log: o.log,
    writable: o.readOnly !== true && o.templates !== undefined,
    onJudged: o.onTemplatesJudged,
  });
  return { store, snapshots, feed, scheduler, templateChecks };
}

/** Ended runs are judged soon after: a burst of endings is one evaluation pass. */
function judgeEnds(o: Pick<WatchOptions, 'run' | 'timers'>, scheduler: WatchScheduler) {
  let evaluation: ReturnType<Timers['setTimeout']> | null = null;
  return {
    taskChanged(task: { status: TaskStatusName }): void {
      if (!o.run || !ENDED.has(task.status) || evaluation) return;
      evaluation = o.timers.setTimeout(() => {
        evaluation = null;
        scheduler.evaluate();
      }, 0);
    },
    close: () => o.timers.clearTimeout(evaluation),
  };
}

export function wireWatches(o: WatchOptions): Watches {
  const listeners = new Set<(alert: Omit<WatchAlert, 'id'>) => void>();
  const { store, snapshots, feed, scheduler, templateChecks } = watchParts(o, (alert) => {
    for (const listener of listeners) listener(alert);
  });
  const ends = judgeEnds(o, scheduler);
  const resolve = (idOrPrefix: string): WatchRecord => resolveWatch(store, idOrPrefix);

  const watches: Watches = {
    store,
    scheduler,
    snapshots,
    add(input) {
      o.writable();
      return store.create(randomUUID(), checkedWatch(input), o.now());
    },
    update(id, input) {
      o.writable();
      const spec = checkedWatch(input);
      const updated = store.update(resolve(id).id, spec, o.now());
      if (!updated) throw new DeskError('not_found', `No watch with id ${id}.`);
      return updated;
    },
    list() {
      const now = o.now();
      return store.list().map((watch) => summaryOf(store, watch, now));
    },
    resolve,
    setState(id, state) {
      o.writable();
      store.setState(id, state, null, o.now());
      o.onChanged?.(id);
      return store.get(id)!;
    },
    remove(id) {
      o.writable();
      if (!store.remove(id)) throw new DeskError('not_found', `No watch with id ${id}.`);
    },
    compare(a, b) {
      const before = snapshots.snapshot(snapshots.resolve(a));
      const after = snapshots.snapshot(snapshots.resolve(b));
      return compareRuns(before, after);
    },
    previousOf: (taskId) => snapshots.previous(taskId),
    runNow(id) {
      o.writable();
      const watch = resolve(id);
      if (watch.state !== 'active')
        throw new DeskError('conflict', `${watch.name} is paused: resume it to run it.`);
      return scheduler.runNow(watch);
    },
    inbox: new AlertInbox(o.db),
    changes(id, since, limit) {
      return {
        alerts: store.alerts({ watchId: id, since, limit }),
        runs: store.runs(id, limit).filter((r) => r.dueAt >= since),
      };
    },
    onAlert(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    externalChange: () => feed.external(),
    templateChecks,
    taskChanged(task) {
      templateChecks.taskChanged(task);
      ends.taskChanged(task);
    },
    close() {
      scheduler.stop();
      templateChecks.close();
      ends.close();
    },
  };
  o.onTaskChanged?.((task) => watches.taskChanged(task));
  o.onBudgetBlocked?.((status) => {
    if (!o.readOnly) scheduler.budgetBlocked(status.message ?? 'a cap.');
  });
  return watches;
}
