// The triggers on a desk: WebRun's cron jobs and their handlers, the import of their runs into
// the history (through the task service, each run one finished task, exactly once) at start
// (the runs missed while the app was closed) and then every `importIntervalMs`, and the pause
// of the capped triggers when the budget reaches a cap.
import type Database from 'better-sqlite3';
import type { BudgetStatus, DeskEvent } from '../../contract/index';
import type { Budget } from '../budget/wire-budget';
import type { Files } from '../files/wire-files';
import type { SettingsStore } from '../settings/settings-store';
import { publicView } from '../tasks/public-view';
import type { Tasks, TaskTables } from '../tasks/wire-tasks';
import type { WebRunClient } from '../webrun/client';
import { TriggersClient } from '../webrun/triggers-client';
import { pauseCappedTriggers, TriggerPrefsStore } from './budget-pause';
import { RunImporter, type ImportResult } from './import-runs';
import { TriggerRunStore } from './run-store';
import { triggerHandlers } from './trigger-handlers';

export interface TriggerOptions {
  db: Database.Database;
  client: WebRunClient;
  settingsStore: SettingsStore;
  /** Each run is recorded through the task service, exactly once. */
  tasks: Pick<Tasks, 'service'>;
  tables: Pick<TaskTables, 'store'>;
  budget: Budget;
  /** An imported run's files are copied like any task's. */
  files: Pick<Files, 'copy'>;
  emit(event: DeskEvent): void;
  readOnlyReason: string | null;
  writable(): void;
  now(): number;
  log(line: string): void;
  /** Import at start and then this often; null: only when asked (one-off CLI commands). */
  importIntervalMs: number | null;
}

export interface Triggers {
  handlers: ReturnType<typeof triggerHandlers>;
  importer: RunImporter;
  /** The import made at start (resolves with null when none was made or it failed). */
  startupImport: Promise<ImportResult | null>;
  close(): void;
}

export function wireTriggers(o: TriggerOptions): Triggers {
  const triggers = new TriggersClient(o.client);
  const runs = new TriggerRunStore(o.db);
  const prefs = new TriggerPrefsStore(o.settingsStore);
  const importer = new RunImporter({
    triggers,
    poll: (ids) => o.client.pollTask(ids),
    store: runs,
    record: (run) => o.tasks.service.recordRun(run),
    onImported: (taskId, hasFiles) => {
      const task = o.tables.store.get(taskId);
      if (task) o.emit({ name: 'task.updated', payload: publicView(task) });
      if (hasFiles) o.files.copy(taskId);
    },
  });
  let closed = false;
  const pauseIfCapped = async (budget: BudgetStatus): Promise<void> => {
    if (closed || o.readOnlyReason) return;
    await pauseCappedTriggers(budget, prefs, triggers, o.log);
  };
  // Spend summed again (imported runs have costs), and capped triggers paused at a cap.
  const afterImport = (): Promise<void> => pauseIfCapped(o.budget.monitor.refresh(true));
  const importNow = async (): Promise<ImportResult | null> => {
    if (closed) return null;
    try {
      const result = await importer.importAll();
      if (result.imported > 0)
        o.log(`Imported ${result.imported} trigger run(s) into the history.`);
      await afterImport();
      return result;
    } catch (error) {
      o.log(`Could not import trigger runs: ${(error as Error).message}`);
      return null;
    }
  };
  o.budget.onBlocked(
    (budget) =>
      void pauseIfCapped(budget).catch((error: unknown) =>
        o.log(`Budget pause of triggers: ${(error as Error).message}`),
      ),
  );

  let timer: NodeJS.Timeout | null = null;
  let startupImport: Promise<ImportResult | null> = Promise.resolve(null);
  if (o.importIntervalMs !== null && !o.readOnlyReason) {
    startupImport = importNow();
    const every = o.importIntervalMs;
    timer = setInterval(() => void importNow(), every);
    timer.unref();
  }

  return {
    handlers: triggerHandlers({
      triggers,
      importer,
      runs,
      prefs,
      now: o.now,
      writable: o.writable,
      afterImport,
    }),
    importer,
    startupImport,
    close: () => {
      closed = true;
      if (timer) clearInterval(timer);
    },
  };
}
