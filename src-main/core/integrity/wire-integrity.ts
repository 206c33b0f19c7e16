// The history's integrity on a desk: a quick_check in a worker thread when the app is idle, at
// most once a day and after an unclean shutdown, never while opening it; app.integrity says
// what the last check found. Only a desk that may write and recover runs checks.
import type { DeskHandlers } from '../../contract/index';
import type { Runner } from '../runner/runner';
import type { SettingsStore } from '../settings/settings-store';
import { IntegrityMonitor } from './integrity-monitor';
import { runIntegrityCheck } from './run-check';

export interface Integrity {
  monitor: IntegrityMonitor;
  handlers: Pick<DeskHandlers, 'app.integrity'>;
  /** Starts watching for an idle moment (a desk that checks the file: writable, on disk). */
  start(): void;
  close(): void;
}

export function wireIntegrity(o: {
  path: string;
  nativeBinding?: string;
  settingsStore: SettingsStore;
  /** Checks wait until no task holds one of its slots. */
  runner: Pick<Runner, 'activeCount'>;
  /** A desk that may write and recovers what was left (not a one-off command) checks. */
  recovers: boolean;
  log: (line: string) => void;
}): Integrity {
  const monitor = new IntegrityMonitor({
    settings: o.settingsStore,
    check: () => runIntegrityCheck(o.path, o.nativeBinding),
    idle: () => o.runner.activeCount() === 0,
    log: o.log,
  });
  const checks = o.recovers && o.path !== ':memory:';
  return {
    monitor,
    handlers: { 'app.integrity': () => monitor.status() },
    start: () => {
      if (checks) monitor.start();
    },
    close: () => {
      if (checks) monitor.close();
    },
  };
}
