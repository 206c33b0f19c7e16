// The budget on a desk: the monitor (spend against the daily and monthly caps), its figures
// pushed to the UI (budget.status), and the moment a cap is first reached told to whoever
// pauses work of their own at a cap (capped triggers, watches). The runner registers its
// running work with the monitor itself (runner/wire-runner.ts).
import type { BudgetStatus, DeskEvent } from '../../contract/index';
import type { HistoryStore } from '../history/history-store';
import type { LiveSettings } from '../settings/live-settings';
import { BudgetMonitor } from './budget-monitor';

export interface Budget {
  monitor: BudgetMonitor;
  /** Calls `listener` (after the current turn) each time a cap is newly reached. */
  onBlocked(listener: (status: BudgetStatus) => void): void;
}

export function wireBudget(o: {
  history: HistoryStore;
  settings: LiveSettings;
  now: () => number;
  emit: (event: DeskEvent) => void;
  log: (line: string) => void;
}): Budget {
  const blocked = new Set<(status: BudgetStatus) => void>();
  let wasBlocked = false;
  const monitor = new BudgetMonitor({
    history: o.history,
    settings: () => o.settings.budget,
    now: o.now,
    publish: (status) => {
      o.emit({ name: 'budget.status', payload: status });
      if (status.level === 'blocked' && !wasBlocked)
        queueMicrotask(() => {
          for (const listener of blocked) listener(status);
        });
      wasBlocked = status.level === 'blocked';
    },
    log: o.log,
  });
  o.settings.onChange((change) => {
    if (change.budget) monitor.refresh(true);
  });
  return { monitor, onBlocked: (listener) => void blocked.add(listener) };
}
