// Composition root: options → stores, backend (WebRun or the built-in sandbox), client,
// runner, event hub and the contract's handlers. It only wires: what the pieces do lives in
// their own rooms (budget/, settings/, files/, handlers/, settle-waiters.ts). Every host
// (Electron, browser-mode server, CLI) starts the app through createDesk and nothing else.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppInfo, BudgetStatus, DeskHandlers, TaskView } from '../contract/index';
import { DeskError } from '../contract/dispatch';
import { BackendSettings } from '../contract/schemas';
import type { Desk, DeskOptions } from './desk-types';
import { wireBatches, type BatchWiring } from './batches/wire-batches';
import { BudgetMonitor } from './budget/budget-monitor';
import { MoneyMonitor } from './money/money-monitor';
import { MoneyStore } from './money/money-store';
import { startBackend, type Backend } from './backend';
import { EventHub } from './event-hub';
import { keepAnswer } from './files/long-answers';
import { TaskFiles } from './files/task-files';
import { createHandlers, publicView } from './handlers/index';
import { IntegrityMonitor } from './integrity/integrity-monitor';
import { runIntegrityCheck } from './integrity/run-check';
import { QueueStatusFeed } from './queue-status-feed';
import { TaskWatch } from './task-watch';
import { Runner } from './runner/runner';
import { LiveSettings } from './settings/live-settings';
import { SettleWaiters } from './settle-waiters';
import { HistoryStore } from './store/history-store';
import { openStore } from './store/open-store';
import { SessionStore } from './store/session-store';
import { AppStartsStore, SettingsStore } from './store/settings-store';
import { TaskDetailsStore } from './store/task-details-store';
import { TaskStore, type StoredTask } from './store/task-store';
import { HostLeases } from './store/host-leases';
import { takeOverOrphans } from './orphan-takeover';
import { McpRequestsStore } from './store/mcp-requests-store';
import { followOtherProcesses } from './other-processes';
import { wireDomains } from './triggers/wire';
import { wireWatches, type Watches } from './watches/wire-watches';
import { timers } from '../contract/timers';
import { plainCodec } from './secrets/secret-file';
import { SecretStore } from './secrets/secret-store';
import { WebRunClient } from './webrun/client';
import { SlidingWindowLimiter } from './webrun/rate-limiter';
import type { Generation } from './webrun/request-body';

export type { Desk, DeskOptions } from './desk-types';

function appVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

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
  const secrets =
    options.secrets ??
    new SecretStore(
      join(dataDirOf(opened.path), 'secrets.json'),
      plainCodec,
      options.apiKey ?? null,
    );
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
  if (opened.backupPath)
    log(`History database backed up to ${opened.backupPath} before migrating.`);
  const backend = await startBackend(options, log);
  try {
    return wireDesk(
      options,
      opened,
      { ...backend, generation: options.generation ?? 'gen2', startedWith: saved },
      secrets,
      settings,
      log,
    );
  } catch (error) {
    await backend.sandbox?.close();
    throw error;
  }
}

interface StartedBackend extends Backend {
  generation: Generation;
  /** The backend settings this run started with: a later change needs a restart. */
  startedWith: BackendSettings;
}

function dataDirOf(dbPath: string): string {
  return dbPath === ':memory:' ? process.cwd() : dirname(dbPath);
}

function wireDesk(
  options: DeskOptions,
  opened: ReturnType<typeof openStore>,
  backend: StartedBackend,
  secrets: SecretStore,
  settingsStore: SettingsStore,
  log: (line: string) => void,
): Desk {
  const { apiKey, baseUrl, kind, sandbox, generation } = backend;
  const store = new TaskStore(opened.db, Date.now, backend.inactivityMs);
  const details = new TaskDetailsStore(opened.db);
  const history = new HistoryStore(opened.db, backend.inactivityMs);
  const sessions = new SessionStore(opened.db, randomUUID(), backend.inactivityMs);
  const now = options.runner?.now ?? Date.now;
  const activeApiKey = kind === 'sandbox' ? null : apiKey;
  const filesDir = options.filesDir ?? join(dataDirOf(opened.path), 'files');
  const leases = new HostLeases(opened.db);
  const mcpRequests = new McpRequestsStore(opened.db);
  // Every writable desk is a host with a heartbeat: the tasks it claims or follows are held in
  // its name, so another process on the same history (the app beside `run`, `resume` after a
  // reboot) neither sends them nor takes them over while it lives.
  if (!opened.readOnlyReason)
    leases.register(randomUUID(), options.holdOwnTasks?.kind ?? options.host);

  const hub = new EventHub();
  const money = new MoneyMonitor({
    store: new MoneyStore(opened.db),
    history,
    settings: settingsStore,
    budget: () => settings.budget,
    budgetStatus: () => budget.refresh(),
    simulated: kind === 'sandbox',
    now,
    publish: (status) => hub.emit({ name: 'money.status', payload: status }),
    alert: (alert) => hub.emit({ name: 'money.alert', payload: alert }),
    log,
  });
  const rateLimit =
    options.rateLimit === undefined ? { max: 10, windowMs: 60_000 } : options.rateLimit;
  const client = new WebRunClient({
    baseUrl,
    apiKey,
    generation,
    limiter: rateLimit ? new SlidingWindowLimiter(rateLimit) : null,
    timeouts: options.clientTimeouts,
    onBalance: (reading) => money.recordBalance(reading),
  });
  const settings = new LiveSettings({
    store: settingsStore,
    startedWith: backend.startedWith,
    keyChanged: () => (secrets.apiKey() ?? null) !== activeApiKey,
  });
  // Reaching a cap also pauses the triggers the user chose to cap (domains, below).
  let wasBlocked = false;
  const publishBudget = (status: BudgetStatus): void => {
    hub.emit({ name: 'budget.status', payload: status });
    if (status.level === 'blocked' && !wasBlocked)
      queueMicrotask(() => {
        domains.budgetBlocked(status);
        if (!opened.readOnlyReason) watches?.scheduler.budgetBlocked(status.message ?? 'a cap.');
      });
    wasBlocked = status.level === 'blocked';
  };
  const budget = new BudgetMonitor({
    history,
    settings: () => settings.budget,
    now,
    publish: publishBudget,
    log,
  });
  const files = new TaskFiles({ details, store, filesDir, baseUrl, apiKey });
  const waiters = new SettleWaiters();

  let batches: BatchWiring | null = null;
  let watches: Watches | null = null;
  const watch = new TaskWatch();
  const queueFeed = new QueueStatusFeed({
    read: () => runner.status(),
    emit: (status) => hub.emit({ name: 'queue.status', payload: status }),
    setTimeout: options.runner?.setTimeout,
    clearTimeout: options.runner?.clearTimeout,
  });
  const taskChanged = (task: StoredTask): void => {
    const view = publicView(task);
    hub.emit({ name: 'task.updated', payload: view });
    batches?.driver.onTaskChanged(task.id);
    watches?.taskChanged(task);
    if (task.usage?.cost != null) budget.costChangedNow();
    money.observe(task);
    if (task.usage?.cost != null) money.costChanged();
    queueFeed.taskChanged();
    watch.changed(task);
    waiters.changed(view);
  };
  const runner = new Runner({
    log,
    concurrency: () => settings.runner.concurrency,
    pollIntervalMs: () => settings.runner.pollIntervalMs,
    guardrailTimeoutMs: () => settings.runner.guardrailTimeoutMs,
    ...(options.holdOwnTasks ? { onlyOwnTasks: true } : {}),
    heldElsewhere: (id) => leases.heldElsewhere(id),
    hostId: leases.id,
    hold: (id) => leases.hold(id),
    ...options.runner,
    store,
    details,
    sessions,
    client,
    baseUrl,
    dispatchBlocker: () => budget.dispatchBlocker() ?? money.dispatchBlocker(),
    onBalanceRefused: (figures, message) => money.holdForBalance(figures, message),
    costWatched: (task) => money.watches(task),
    keepText: (taskId, text) => keepAnswer(join(filesDir, taskId), text),
    secretsFor: (task) => secrets.credentialsFor(task.credentialSites),
    onStorageFailure: (message) => options.onStorageFailure?.(message),
    onFiles: (taskId) => files.copy(taskId),
    onActivity: (activity) => hub.emit({ name: 'task.activity', payload: activity }),
    onQueueChanged: (status) => queueFeed.report(status),
    onTaskChanged: (task) => taskChanged(task),
  });
  runner.controls.readOnlyReason = () => opened.readOnlyReason;
  budget.attach({
    running: () =>
      store
        .unfinished()
        .filter((t) => runner.isActive(t.id))
        .map((t) => t.id),
    stop: (id, reason) => runner.controls.stop(id, 'stopped', reason),
    resume: () => runner.kick(),
  });
  settings.onChange((change) => {
    if (change.runner) runner.setPaused(change.runner.queuePaused);
    if (change.budget) budget.refresh(true);
    if (change.budget) money.refresh();
    runner.kick();
  });

  // The database check runs in a worker when the app is idle, never while opening it.
  const integrity = new IntegrityMonitor({
    settings: settingsStore,
    check: () => runIntegrityCheck(opened.path, options.nativeBinding),
    idle: () => runner.activeCount() === 0,
    log,
  });
  const checksIntegrity =
    !opened.readOnlyReason && options.recover !== false && opened.path !== ':memory:';
  const domains = wireDomains({
    db: opened.db,
    details,
    client,
    generation,
    settings: settingsStore,
    dataDir: dataDirOf(opened.path),
    readOnlyReason: opened.readOnlyReason,
    now,
    log,
    refreshBudget: () => budget.refresh(true),
    onImported: (taskId, hasFiles) => {
      const task = store.get(taskId);
      if (task) hub.emit({ name: 'task.updated', payload: publicView(task) });
      if (hasFiles) files.copy(taskId);
    },
    importIntervalMs: options.recover === false ? null : (options.importIntervalMs ?? 60_000),
  });

  const info: AppInfo = {
    version: appVersion(),
    backend: { kind, baseUrl, simulated: kind === 'sandbox' },
    dbPath: opened.path,
    host: options.host,
  };

  const writableDesk = (): void => {
    if (opened.readOnlyReason) throw new DeskError('unavailable', opened.readOnlyReason);
  };
  const wiring = wireBatches({
    db: opened.db,
    store,
    sessions,
    runner,
    now,
    rateLimit,
    log,
    emit: (view) => hub.emit({ name: 'batch.updated', payload: view }),
    handlers: () => handlers,
    preflight: (templateKey, tasks) => money.preflight({ templateKey }, tasks),
    writable: writableDesk,
  });
  batches = wiring;
  const handlers: DeskHandlers = createHandlers(
    {
      info,
      readOnlyReason: opened.readOnlyReason,
      store,
      watch,
      details,
      history,
      sessions,
      runner,
      client,
      now,
      settings,
      budget: () => budget.refresh(true),
      filesDir,
      settingsStore,
      secrets,
      activeApiKey,
      openPath: options.openPath ?? null,
      mcpRequests,
      leases,
      approvalsChanged: () => others.publishApprovals(),
      integrity: () => integrity.status(),
      environments: domains.environments,
      triggers: domains.triggers,
      money,
    },
    wiring.handlers,
    () => watches!,
  );
  // A desk that runs only its own tasks holds each one from the moment it is written, so the
  // app beside it never sends it (batch rows and MCP tasks are created through this too).
  if (options.holdOwnTasks) {
    const create = handlers['tasks.create'];
    handlers['tasks.create'] = ((input) =>
      leases.holding(() => create(input) as TaskView)) as typeof create;
  }

  // After tasks.create's final form: a watch's runs are created through it like any task.
  watches = wireWatches({
    db: opened.db,
    tasks: store,
    now,
    timers,
    log,
    createTask: (input) => handlers['tasks.create'](input) as TaskView,
    budgetBlocker: () => budget.dispatchBlocker() ?? money.dispatchBlocker(),
    writable: writableDesk,
    run: options.runWatches === true && !opened.readOnlyReason && options.recover !== false,
    onAlert: (alert) => hub.emit({ name: 'watch.alert', payload: alert }),
  });

  const others = followOtherProcesses({
    db: opened.db,
    store,
    leases,
    mcpRequests,
    emit: (event) => hub.emit(event),
    taskChanged,
    afterChange: () => {
      // The app beside this process may have changed the caps or the runner's preferences.
      settings.reload();
      budget.refresh(true);
      runner.kick();
    },
  });

  runner.paused = settings.runner.queuePaused;
  let stopTakeover = (): void => {};
  if (!opened.readOnlyReason && options.recover !== false) {
    runner.recover();
    wiring.driver.recover();
    // A desk that follows everyone's tasks (the app) also picks up what a dead MCP server left.
    if (!options.holdOwnTasks)
      stopTakeover = takeOverOrphans({
        leases,
        store,
        runner,
        log,
        afterLook: () => others.publishApprovals(),
      });
  }
  if (checksIntegrity) integrity.start();

  return {
    handlers,
    info,
    runner,
    history,
    details,
    filesDir,
    sessions,
    settings: settingsStore,
    appStarts: new AppStartsStore(opened.db),
    leases,
    mcpRequests,
    watches,
    budget: () => {
      settings.reload();
      return budget.refresh(true);
    },
    preflight: (work, tasks) => money.preflight(work, tasks),
    onExternalChange: (listener) => others.onExternalChange(listener),
    startupImport: domains.startupImport,
    filesSettled: async (id) => {
      await files.settled(id);
      await runner.networkLog.settled(id);
    },
    subscribe: (listener) => hub.subscribe(listener),
    waitForSettled(id) {
      const task = store.get(id);
      if (!task) return Promise.reject(new Error(`No task with id ${id}.`));
      return waiters.wait(publicView(task));
    },
    async close() {
      others.stop();
      stopTakeover();
      leases.close();
      queueFeed.close();
      domains.close();
      watches?.close();
      await domains.importer.idle();
      files.close();
      wiring.driver.close();
      runner.close();
      if (checksIntegrity) integrity.close();
      opened.db.close();
      await sandbox?.close();
    },
  };
}
