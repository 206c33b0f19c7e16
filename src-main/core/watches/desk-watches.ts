// Watches on a desk: wire-watches.ts given the desk's modules. A run is created through the task
// service like any task, a budget cap (or the balance's hold) keeps runs from being sent, the
// runner's fan-out tells every task change (ended runs are judged), a cap reached pauses the
// active watches, and what watches do is pushed to the UI. Only desks with runWatches run them.
import type Database from 'better-sqlite3';
import type { DeskEvent } from '../../contract/index';
import { timers } from '../../contract/timers';
import type { Budget } from '../budget/wire-budget';
import type { Money } from '../money/wire-money';
import type { RunnerModule } from '../runner/wire-runner';
import { Templates } from '../settings/settings-handlers';
import type { SettingsStore } from '../settings/settings-store';
import type { Tasks, TaskTables } from '../tasks/wire-tasks';
import { wireWatches, type Watches } from './wire-watches';

export function deskWatches(o: {
  db: Database.Database;
  tables: Pick<TaskTables, 'store'>;
  tasks: Pick<Tasks, 'service'>;
  queue: Pick<RunnerModule, 'onTaskChanged'>;
  budget: Budget;
  money: Pick<Money, 'monitor'>;
  settingsStore: SettingsStore;
  /** Run due watches in this desk (the app, browser mode, `watch run`). */
  runWatches: boolean;
  recovers: boolean;
  readOnlyReason: string | null;
  writable: () => void;
  now: () => number;
  log: (line: string) => void;
  emit: (event: DeskEvent) => void;
}): Watches {
  const { budget, money, emit } = o;
  return wireWatches({
    db: o.db,
    tasks: o.tables.store,
    now: o.now,
    timers,
    log: o.log,
    createTask: (input) => o.tasks.service.create(input),
    budgetBlocker: () => budget.monitor.dispatchBlocker() ?? money.monitor.dispatchBlocker(),
    writable: o.writable,
    run: o.runWatches && o.recovers,
    templates: () => o.settingsStore.get('templates', Templates),
    readOnly: Boolean(o.readOnlyReason),
    onTemplatesJudged: (names) => emit({ name: 'templates.judged', payload: { names } }),
    onAlert: (alert) => emit({ name: 'watch.alert', payload: alert }),
    onChanged: (watchId) => emit({ name: 'watch.changed', payload: { watchId } }),
    onTaskChanged: o.queue.onTaskChanged,
    onBudgetBlocked: budget.onBlocked,
  });
}
