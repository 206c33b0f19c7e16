// Money on a desk: the balance WebRun reported, the runway, the queue held on a 402, anomalies
// of running tasks (money-monitor.ts), pushed to the UI (money.status, money.alert), and the
// spend.* and money.* methods.
import type Database from 'better-sqlite3';
import type { DeskEvent } from '../../contract/index';
import type { Budget } from '../budget/wire-budget';
import type { HistoryStore } from '../history/history-store';
import type { LiveSettings } from '../settings/live-settings';
import type { SettingsStore } from '../settings/settings-store';
import type { TaskTables } from '../tasks/wire-tasks';
import { moneyHandlers } from './money-handlers';
import { MoneyMonitor } from './money-monitor';
import { MoneyStore } from './money-store';

export interface Money {
  monitor: MoneyMonitor;
  handlers: ReturnType<typeof moneyHandlers>;
}

export function wireMoney(o: {
  db: Database.Database;
  tables: Pick<TaskTables, 'store'>;
  history: HistoryStore;
  settings: LiveSettings;
  settingsStore: SettingsStore;
  budget: Budget;
  /** Balances come from the built-in sandbox: labelled simulated. */
  simulated: boolean;
  now: () => number;
  emit: (event: DeskEvent) => void;
  log: (line: string) => void;
}): Money {
  const { budget, settings } = o;
  const monitor = new MoneyMonitor({
    store: new MoneyStore(o.db),
    history: o.history,
    settings: o.settingsStore,
    budget: () => settings.budget,
    budgetStatus: () => budget.monitor.refresh(),
    simulated: o.simulated,
    now: o.now,
    publish: (status) => o.emit({ name: 'money.status', payload: status }),
    alert: (alert) => o.emit({ name: 'money.alert', payload: alert }),
    log: o.log,
  });
  settings.onChange((change) => {
    if (change.budget) monitor.refresh();
  });
  const handlers = moneyHandlers({
    money: monitor,
    store: o.tables.store,
    history: o.history,
    budget: () => budget.monitor.refresh(true),
    warningDays: () => settings.get().budget.runwayWarningDays,
    now: o.now,
  });
  return { monitor, handlers };
}
