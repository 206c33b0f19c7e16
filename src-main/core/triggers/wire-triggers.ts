// Wires the environments and triggers domains onto the desk's client, store and budget: what
// their handlers work with, the import of trigger runs at start (the runs missed while the app was closed)
// and then every `importIntervalMs`, and the budget pause of capped triggers.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BudgetStatus } from '../../contract/schemas';
import type { EnvironmentHandlerContext } from '../environments/environment-handlers';
import { writableCheck } from '../handlers/guards';
import type { TriggerHandlerContext } from './trigger-handlers';
import type { SettingsStore } from '../settings/settings-store';
import type { ImportedRun } from '../tasks/imported-tasks';
import type { WebRunClient } from '../webrun/client';
import { EnvironmentsClient } from '../webrun/environments-client';
import type { Generation } from '../webrun/request-body';
import { TriggersClient } from '../webrun/triggers-client';
import { pauseCappedTriggers, TriggerPrefsStore } from './budget-pause';
import { RunImporter, type ImportResult } from './import-runs';
import { TriggerRunStore } from './run-store';

export interface DomainOptions {
  db: Database.Database;
  /** Writes a run as a finished task, exactly once (the task service). */
  recordRun(run: ImportedRun): boolean;
  client: WebRunClient;
  generation: Generation;
  settings: SettingsStore;
  dataDir: string;
  readOnlyReason: string | null;
  now(): number;
  log(line: string): void;
  /** Spend summed again (imported runs have costs). */
  refreshBudget(): BudgetStatus;
  onImported(taskId: string, hasFiles: boolean): void;
  /** Import at start and then this often; null: only when asked (one-off CLI commands). */
  importIntervalMs: number | null;
}

export interface Domains {
  /** What the environments and triggers handlers work with. */
  environments: EnvironmentHandlerContext;
  triggers: TriggerHandlerContext;
  importer: RunImporter;
  /** The import made at start (resolves with null when none was made or it failed). */
  startupImport: Promise<ImportResult | null>;
  /** Called when the budget reaches a cap. */
  budgetBlocked(budget: BudgetStatus): void;
  close(): void;
}

export function wireDomains(o: DomainOptions): Domains {
  const writable = writableCheck(o.readOnlyReason);
  // The generation that says `profileId` talks about profiles; the others about environments.
  const environments = new EnvironmentsClient(
    o.client,
    o.generation === 'gen1' ? 'profiles' : 'environments',
  );
  const triggers = new TriggersClient(o.client);
  const runs = new TriggerRunStore(o.db);
  const prefs = new TriggerPrefsStore(o.settings);
  const importer = new RunImporter({
    triggers,
    poll: (ids) => o.client.pollTask(ids),
    store: runs,
    record: (run) => o.recordRun(run),
    onImported: (taskId, hasFiles) => o.onImported(taskId, hasFiles),
  });
  let closed = false;
  const pauseIfCapped = async (budget: BudgetStatus): Promise<void> => {
    if (closed || o.readOnlyReason) return;
    await pauseCappedTriggers(budget, prefs, triggers, o.log);
  };
  const afterImport = (): Promise<void> => pauseIfCapped(o.refreshBudget());
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

  let timer: NodeJS.Timeout | null = null;
  let startupImport: Promise<ImportResult | null> = Promise.resolve(null);
  if (o.importIntervalMs !== null && !o.readOnlyReason) {
    startupImport = importNow();
    const every = o.importIntervalMs;
    timer = setInterval(() => void importNow(), every);
    timer.unref();
  }

  return {
    environments: { environments, uploadsDir: join(o.dataDir, 'uploads'), writable },
    triggers: { triggers, importer, runs, prefs, now: o.now, writable, afterImport },
    importer,
    startupImport,
    budgetBlocked: (budget) =>
      void pauseIfCapped(budget).catch((error: unknown) =>
        o.log(`Budget pause of triggers: ${(error as Error).message}`),
      ),
    close: () => {
      closed = true;
      if (timer) clearInterval(timer);
    },
  };
}
