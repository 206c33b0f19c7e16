// Composition root: wires store, WebRun client, runner, budget guard and (when there is no
// API key) the built-in sandbox, and exposes the contract's handlers. Every host (Electron,
// browser-mode server, CLI) starts the app through createDesk and nothing else.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppInfo, DeskEvent, DeskHandlers, TaskView } from '../contract/index';
import { BackendSettings, BudgetSettings, RunnerSettings, type BudgetStatus } from '../contract/schemas';
import { DEFAULT_BASE_URL } from './config';
import { createHandlers, publicView } from './desk-handlers';
import { EventHub } from './event-hub';
import { IntegrityMonitor } from './integrity/integrity-monitor';
import { runIntegrityCheck } from './integrity/run-check';
import { budgetStatus } from './runner/budget-guard';
import { copyFile, safeFileName } from './runner/file-copier';
import { Runner, type RunnerOptions } from './runner/runner';
import { startSandbox, type SandboxHandle, type SandboxOptions } from './sandbox/index';
import { HistoryStore } from './store/history-store';
import { openStore } from './store/open-store';
import { SessionStore } from './store/session-store';
import { AppStartsStore, SettingsStore } from './store/settings-store';
import { TaskDetailsStore } from './store/task-details-store';
import { TaskStore } from './store/task-store';
import { plainCodec } from './secrets/secret-file';
import { SecretStore } from './secrets/secret-store';
import { WebRunClient, type Timeouts } from './webrun/client';
import { SlidingWindowLimiter } from './webrun/rate-limiter';
import type { Generation } from './webrun/request-body';

export interface DeskOptions {
  dbPath: string;
  /** No key: the built-in sandbox is started and used. */
  apiKey?: string | null;
  baseUrl?: string | null;
  generation?: Generation;
  host: AppInfo['host'];
  sandbox?: SandboxOptions;
  runner?: Partial<Omit<RunnerOptions, 'store' | 'details' | 'sessions' | 'client' | 'baseUrl' | 'onTaskChanged'>>;
  /** WebRun's documented limit: 10 limited requests per 60 s per user. */
  rateLimit?: { max: number; windowMs: number } | null;
  /** Folder for copies of downloaded files (default: next to the database). */
  filesDir?: string;
  /** Pick up tasks a previous run left unfinished (false for one-off CLI commands). */
  recover?: boolean;
  /**
   * Where saved secrets live. Default: a 0600 file next to the database (browser mode, CLI);
   * the desktop app passes one backed by the OS keychain.
   */
  secrets?: SecretStore;
  /** better-sqlite3 built for Electron (see scripts/build-electron-sqlite.mjs). */
  nativeBinding?: string;
  /** The history could not be written while work ran in the background (disk full, …). */
  onStorageFailure?: (message: string) => void;
  /** Request timeouts of the WebRun client (tests shorten them). */
  clientTimeouts?: Partial<Timeouts>;
  log?: (line: string) => void;
}

export interface Desk {
  handlers: DeskHandlers;
  info: AppInfo;
  runner: Runner;
  history: HistoryStore;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** For the CLI: wait until a task reaches a state where nothing more happens on its own. */
  waitForSettled(id: string): Promise<TaskView>;
  /** Resolves when the copies of a task's files are made (or have failed). */
  filesSettled(id: string): Promise<void>;
  details: TaskDetailsStore;
  sessions: SessionStore;
  settings: SettingsStore;
  appStarts: AppStartsStore;
  close(): Promise<void>;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const SETTLED = new Set(['completed', 'failed', 'stopped', 'cancelled', 'unknown', 'needs_input']);

export async function createDesk(options: DeskOptions): Promise<Desk> {
  const opened = openStore(options.dbPath, { nativeBinding: options.nativeBinding });
  try {
    return await assemble(options, opened);
  } catch (error) {
    opened.db.close();
    throw error;
  }
}

async function assemble(options: DeskOptions, opened: ReturnType<typeof openStore>): Promise<Desk> {
  const log = options.log ?? (() => {});
  const secrets = options.secrets ?? new SecretStore(join(dataDirOf(opened.path), 'secrets.json'), plainCodec, options.apiKey ?? null);
  const settings = new SettingsStore(opened.db);
  const saved = settings.get('backend', BackendSettings);
  // The environment (or a CLI flag) first, then what the user chose in Settings.
  options = {
    ...options,
    apiKey: saved.forceSandbox ? null : (options.apiKey ?? secrets.apiKey()),
    baseUrl: options.baseUrl ?? saved.baseUrl,
    generation: options.generation ?? saved.generation,
  };
  if (opened.readOnlyReason) log(opened.readOnlyReason);
  if (opened.backupPath) log(`History database backed up to ${opened.backupPath} before migrating.`);
  const backend = await startBackend(options, log);
  try {
    return wireDesk(options, opened, { ...backend, generation: options.generation ?? 'gen2', startedWith: saved }, secrets, settings, log);
  } catch (error) {
    await backend.sandbox?.close();
    throw error;
  }
}

interface Backend {
  apiKey: string;
  baseUrl: string;
  kind: AppInfo['backend']['kind'];
  sandbox: SandboxHandle | null;
}

interface StartedBackend extends Backend {
  generation: Generation;
  /** The backend settings this run started with: a later change needs a restart. */
  startedWith: BackendSettings;
}

/** WebRun itself when a key is set; otherwise the built-in sandbox, started here. */
async function startBackend(options: DeskOptions, log: (line: string) => void): Promise<Backend> {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (options.apiKey) return { apiKey: options.apiKey, baseUrl, kind: baseUrl !== DEFAULT_BASE_URL ? 'custom' : 'cloud', sandbox: null };
  const sandbox = await startSandbox({ timeScale: 0.1, ...options.sandbox });
  log(`No WebRun API key set: using the built-in sandbox at ${sandbox.url} (results are simulated).`);
  return { apiKey: `wr_sandbox_${randomBytes(12).toString('hex')}`, baseUrl: sandbox.url, kind: 'sandbox', sandbox };
}

/** Longest answer kept in the history itself; a longer one is saved whole next to it. */
export const MAX_STORED_ANSWER = 1_000_000;

function keepAnswer(folder: string, text: string): string {
  if (text.length <= MAX_STORED_ANSWER) return text;
  const size = `${(text.length / 1_000_000).toFixed(1)} million characters`;
  try {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'answer.txt');
    writeFileSync(path, text);
    return `${text.slice(0, MAX_STORED_ANSWER)}\n\n[The answer is ${size} long; the history keeps the first million. The whole answer is saved in ${path}.]`;
  } catch (error) {
    return `${text.slice(0, MAX_STORED_ANSWER)}\n\n[The answer is ${size} long; the history keeps the first million, and the rest could not be saved: ${(error as Error).message}]`;
  }
}

function dataDirOf(dbPath: string): string {
  return dbPath === ':memory:' ? process.cwd() : dirname(dbPath);
}

function wireDesk(
  options: DeskOptions,
  opened: ReturnType<typeof openStore>,
  backend: StartedBackend,
  secrets: SecretStore,
  settings: SettingsStore,
  log: (line: string) => void,
): Desk {
  const { apiKey, baseUrl, kind, sandbox, generation } = backend;
  const store = new TaskStore(opened.db);
  const details = new TaskDetailsStore(opened.db);
  const history = new HistoryStore(opened.db);
  const sessions = new SessionStore(opened.db, randomUUID());

  const hub = new EventHub();
  const rateLimit = options.rateLimit === undefined ? { max: 10, windowMs: 60_000 } : options.rateLimit;
  const client = new WebRunClient({ baseUrl, apiKey, generation, limiter: rateLimit ? new SlidingWindowLimiter(rateLimit) : null, timeouts: options.clientTimeouts });

  let runnerSettings = settings.get('runner', RunnerSettings);
  let budgetSettings = settings.get('budget', BudgetSettings);
  let backendSettings = settings.get('backend', BackendSettings);
  const restartRequired = (): boolean =>
    JSON.stringify(backendSettings) !== JSON.stringify(backend.startedWith) || (secrets.apiKey() ?? null) !== (kind === 'sandbox' ? null : apiKey);
  const now = options.runner?.now ?? Date.now;
  const waiters = new Map<string, Set<(task: TaskView) => void>>();

  // Budget: spend is summed again whenever a cost has changed since the last sum (so a
  // dispatch never relies on a figure that misses a cost), and at least every second (a new
  // day or month); pushed to the UI when it changes.
  let budget: BudgetStatus = budgetStatus(history, budgetSettings, now());
  let budgetCheckedAt = 0;
  let costChanged = false;
  const publishBudget = (next: BudgetStatus): BudgetStatus => {
    budgetCheckedAt = now();
    costChanged = false;
    const changed = next.level !== budget.level || next.today.toFixed(4) !== budget.today.toFixed(4) || next.month.toFixed(4) !== budget.month.toFixed(4) || next.dailyCap !== budget.dailyCap || next.monthlyCap !== budget.monthlyCap;
    const previous = budget;
    budget = next;
    if (changed) hub.emit({ name: 'budget.status', payload: next });
    if (next.level === 'blocked' && previous.level !== 'blocked' && budgetSettings.stopRunningAtCap) stopAllRunning(next.message ?? 'Budget reached.');
    // Unblocked (a raised cap, a new day): dispatch again, outside whatever called us.
    if (next.level !== 'blocked' && previous.level === 'blocked') queueMicrotask(() => runner?.kick());
    return next;
  };
  const refreshBudget = (force = false): BudgetStatus =>
    !force && !costChanged && now() - budgetCheckedAt < 1_000 ? budget : publishBudget(budgetStatus(history, budgetSettings, now()));

  const filesDir = options.filesDir ?? join(dataDirOf(opened.path), 'files');
  let closed = false;
  const copies = new Map<string, Promise<void>>();
  const copyTaskFiles = async (taskId: string): Promise<void> => {
    for (const file of details.files(taskId).filter((f) => f.localPath === null)) {
      if (closed) return;
      try {
        // The API key goes only to WebRun's own host, never to wherever a file is stored.
        const sameHost = new URL(file.downloadUrl).origin === new URL(baseUrl).origin;
        const copy = await copyFile(file.downloadUrl, join(filesDir, taskId), safeFileName(file.filename, `file-${file.id}`), {
          headers: sameHost ? { Authorization: `Bearer ${apiKey}` } : undefined,
        });
        if (!closed) details.setFileCopy(file.id, copy.localPath, copy.size);
      } catch (error) {
        if (!closed) store.appendEvent(taskId, 'error', { file: file.filename, message: `Could not copy the file: ${(error as Error).message}` });
      }
    }
  };

  let runner: Runner | null = null;
  runner = new Runner({
    log,
    concurrency: () => runnerSettings.concurrency,
    pollIntervalMs: () => runnerSettings.pollIntervalMs,
    guardrailTimeoutMs: () => runnerSettings.guardrailTimeoutMs,
    ...options.runner,
    store,
    details,
    sessions,
    client,
    baseUrl,
    // Fresh before every dispatch: a cached figure could let one task too many through.
    dispatchBlocker: () => (refreshBudget().level === 'blocked' ? budget.message : null),
    keepText: (taskId, text) => keepAnswer(join(filesDir, taskId), text),
    secretsFor: (task) => secrets.credentialsFor(task.credentialSites),
    onStorageFailure: (message) => options.onStorageFailure?.(message),
    onFiles: (taskId) => {
      const copy = copyTaskFiles(taskId).finally(() => copies.delete(taskId));
      copies.set(taskId, copy);
    },
    onActivity: (activity) => hub.emit({ name: 'task.activity', payload: activity }),
    onQueueChanged: (status) => hub.emit({ name: 'queue.status', payload: status }),
    onTaskChanged: (task) => {
      const view = publicView(task);
      hub.emit({ name: 'task.updated', payload: view });
      if (task.usage?.cost != null) {
        costChanged = true;
        if (now() - budgetCheckedAt >= 250) refreshBudget();
      }
      if (SETTLED.has(view.status)) {
        for (const resolve of waiters.get(view.id) ?? []) resolve(view);
        waiters.delete(view.id);
      }
    },
  });
  const activeRunner = runner;

  function stopAllRunning(reason: string): void {
    for (const task of store.unfinished().filter((t) => activeRunner.isActive(t.id))) {
      void activeRunner.stopRemote(task.id, 'stopped', { code: 'BUDGET_REACHED', message: reason }).catch((error: unknown) => log(`stopping ${task.id}: ${(error as Error).message}`));
    }
  }

  // The database check runs in a worker when the app is idle, never while opening it.
  const integrity = new IntegrityMonitor({ settings, check: () => runIntegrityCheck(opened.path, options.nativeBinding), idle: () => activeRunner.activeCount() === 0, log });
  const longRunning = !opened.readOnlyReason && options.recover !== false && opened.path !== ':memory:';

  const info: AppInfo = { version: appVersion(), backend: { kind, baseUrl, simulated: kind === 'sandbox' }, dbPath: opened.path, host: options.host };

  const handlers = createHandlers({
    info,
    readOnlyReason: opened.readOnlyReason,
    store,
    details,
    history,
    sessions,
    runner: activeRunner,
    client,
    now,
    settings: {
      get: () => ({ runner: runnerSettings, budget: budgetSettings, backend: backendSettings, restartRequired: restartRequired() }),
      update: (patch) => {
        if (patch.runner) {
          runnerSettings = RunnerSettings.parse({ ...runnerSettings, ...patch.runner });
          settings.set('runner', runnerSettings);
          activeRunner.setPaused(runnerSettings.queuePaused);
        }
        if (patch.budget) {
          budgetSettings = BudgetSettings.parse({ ...budgetSettings, ...patch.budget });
          settings.set('budget', budgetSettings);
          refreshBudget(true);
        }
        if (patch.backend) {
          backendSettings = BackendSettings.parse({ ...backendSettings, ...patch.backend });
          settings.set('backend', backendSettings);
        }
        activeRunner.kick();
        return { runner: runnerSettings, budget: budgetSettings, backend: backendSettings, restartRequired: restartRequired() };
      },
    },
    budget: () => refreshBudget(true),
    filesDir,
    settingsStore: settings,
    secrets,
    activeApiKey: kind === 'sandbox' ? null : apiKey,
    integrity: () => integrity.status(),
  });

  activeRunner.paused = runnerSettings.queuePaused;
  if (!opened.readOnlyReason && options.recover !== false) activeRunner.recover();
  if (longRunning) integrity.start();

  return {
    handlers,
    info,
    runner: activeRunner,
    history,
    details,
    sessions,
    settings,
    appStarts: new AppStartsStore(opened.db),
    filesSettled: async (id) => {
      await copies.get(id);
      await activeRunner.networkLog.settled(id);
    },
    subscribe: (listener) => hub.subscribe(listener),
    waitForSettled(id) {
      const task = store.get(id);
      if (!task) return Promise.reject(new Error(`No task with id ${id}.`));
      if (SETTLED.has(task.status)) return Promise.resolve(publicView(task));
      return new Promise((resolve) => {
        const set = waiters.get(id) ?? new Set();
        set.add(resolve);
        waiters.set(id, set);
      });
    },
    async close() {
      closed = true;
      activeRunner.close();
      if (longRunning) integrity.close();
      opened.db.close();
      await sandbox?.close();
    },
  };
}
