// The watches methods: list, read one with its runs and alerts, create, pause, resume, delete,
// and the comparison of any two runs. The watches domain (core/watches) does the work; this
// turns its records into the contract's views.
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers } from '../../contract/index';
import type { CheckResult, ValueChange, WatchRunView, WatchView } from '../../contract/watches';
import { nextOccurrences } from '../../contract/schedule';
import { checkWatchSchedule, describeWatchSchedule } from './watch-schedule';
import type { Watches, WatchSummary } from './wire-watches';
import type { WatchRunRecord } from './watch-store';

type WatchMethod =
  | Extract<keyof DeskHandlers, `watches.${string}`>
  | 'runs.compare'
  | 'templates.rates'
  | 'templates.verdict';

/** Next runs shown under a schedule while it is written. */
const PREVIEW_RUNS = 3;

/** Runs shown with a watch, newest first. */
const RUNS_SHOWN = 100;

function view(w: WatchSummary): WatchView {
  return {
    id: w.id,
    name: w.name,
    state: w.state,
    reason: w.reason,
    template: w.template,
    values: w.values,
    schedule: w.schedule,
    checks: w.checks,
    change: w.change,
    catchUp: w.catchUp,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    scheduleText: w.scheduleText,
    nextRunAt: w.nextRunAt,
    rates: w.rates,
    lastAlert: w.lastAlert,
    missed: w.missed,
    lastRun: w.lastRun,
  };
}

function runView(r: WatchRunRecord): WatchRunView {
  const outcome = (r.outcome ?? {}) as { results?: CheckResult[]; changes?: ValueChange[] };
  return {
    dueAt: r.dueAt,
    state: r.state,
    taskId: r.taskId,
    taskStatus: r.taskStatus,
    verdict: r.verdict,
    material: r.material,
    results: outcome.results ?? [],
    changes: outcome.changes ?? [],
    evaluatedAt: r.evaluatedAt,
  };
}

export function watchHandlers(
  watches: Watches,
  now: () => number,
): Pick<DeskHandlers, WatchMethod> {
  const summary = (id: string): WatchView => {
    const found = watches.list().find((w) => w.id === id);
    return view(found!);
  };
  return {
    'watches.list': () => watches.list().map(view),
    'watches.get': (input) => {
      const watch = watches.resolve(input.id);
      return {
        watch: summary(watch.id),
        runs: watches.store.runs(watch.id, RUNS_SHOWN).map(runView),
        alerts: watches.store.alerts({ watchId: watch.id, limit: 50 }),
      };
    },
    'watches.create': (input) => summary(watches.add(input).id),
    'watches.update': (input) => summary(watches.update(input.id, input.watch).id),
    'watches.pause': (input) =>
      summary(watches.setState(watches.resolve(input.id).id, 'paused').id),
    'watches.resume': (input) =>
      summary(watches.setState(watches.resolve(input.id).id, 'active').id),
    'watches.delete': (input) => {
      watches.remove(watches.resolve(input.id).id);
      return { ok: true as const };
    },
    'watches.preview': (input) => {
      const checked = checkWatchSchedule(input);
      if (!checked.ok) return { text: '', nextRuns: [], error: checked.message };
      return {
        text: describeWatchSchedule(input),
        nextRuns: nextOccurrences(checked.value, now(), PREVIEW_RUNS),
        error: null,
      };
    },
    'watches.runNow': (input) => ({ taskId: watches.runNow(input.id).id }),
    'watches.alerts': () => watches.inbox.unseen(),
    'watches.dismissAlert': (input) => {
      if (!watches.inbox.dismiss(input.id, now()))
        throw new DeskError('not_found', 'That alert is gone (its watch was deleted).');
      return { ok: true as const };
    },
    'templates.rates': () => watches.templateChecks.rates(),
    'templates.verdict': (input) => watches.templateChecks.verdictOf(input.taskId),
    'runs.compare': (input) => {
      if (input.after !== null) return watches.compare(input.before, input.after);
      const after = watches.snapshots.resolve(input.before);
      const before = watches.previousOf(after);
      if (!before)
        throw new DeskError(
          'not_found',
          'This run has no earlier completed run of its watch or prompt to compare with.',
        );
      return watches.compare(before, after);
    },
  };
}
