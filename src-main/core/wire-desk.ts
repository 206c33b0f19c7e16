// Wires one desk from its opened history and started backend: the stores, the runner, the
// domains and the handlers, in dependency order. createDesk (desk.ts) opens and starts them.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppInfo, BudgetStatus, DeskHandlers, TaskView } from '../contract/index';
import { DeskError } from '../contract/dispatch';
import type { Desk, DeskOptions, StartedBackend } from './desk-types';
import { wireBatches, type BatchWiring } from './batches/wire-batches';
import { BudgetMonitor } from './budget/budget-monitor';
import { MoneyMonitor } from './money/money-monitor';
import { MoneyStore } from './money/money-store';
import { EventHub } from './event-hub';
import { keepAnswer } from './files/long-answers';
import { TaskFiles } from './files/task-files';
import { createHandlers, publicView } from './handlers/index';
import { Templates } from './handlers/settings';
import { IntegrityMonitor } from './integrity/integrity-monitor';
import { runIntegrityCheck } from './integrity/run-check';
import { QueueStatusFeed } from './queue-status-feed';
import { TaskWatch } from './task-watch';
import { Runner } from './runner/runner';
import { LiveSettings } from './settings/live-settings';
import { SettleWaiters } from './settle-waiters';
import { openStore } from './store/open-store';
import { AppStartsStore, SettingsStore } from './store/settings-store';
import type { StoredTask } from './store/task-store';
import { takeOverOrphans } from './orphan-takeover';
import { followOtherProcesses } from './other-processes';
import { wireDomains } from './triggers/wire';
import { wireWatches, type Watches } from './watches/wire-watches';
import { timers } from '../contract/timers';
import { SecretStore } from './secrets/secret-store';
import { DiskReserve } from './store/disk-reserve';
import { appVersion } from './app-version';
import { dataDirOf, deskClient, deskStores } from './desk-stores';

export function wireDesk(
  options: DeskOptions,
  opened: ReturnType<typeof openStore>,
  backend: StartedBackend,
  secrets: SecretStore,
  settingsStore: SettingsStore,
  log: (line: string) => void,
): Desk {
  const { apiKey, baseUrl, kind, generation } = backend;
  const { store, details, history, sessions, filesDir, leases, mcpRequests } = deskStores(
    options,
    opened,
    backend,
  );
  const now = options.runner?.now ?? Date.now;
  const activeApiKey = kind === 'sandbox' ? null : apiKey;
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
  const { client, rateLimit } = deskClient(options, backend, (reading) =>
    money.recordBalance(reading),
  );
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
  const reserve = opened.readOnlyReason ? null : DiskReserve.beside(opened.path);
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
    releaseReserve: () => reserve?.release() ?? false,
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
    onStorageFailure: (message) => options.onStorageFailure?.(message),
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
  // app beside it never sends it (batch rows and MCP tasks are created through this too). That
  // includes `run`, whose runner sends only its own: held only from its claim, a task it had
  // written but not yet claimed could be claimed and sent by the app, which a loaded machine
  // showed (issue 30: the app then held the request and `run`, killed, left nothing unknown).
  if (options.holdOwnTasks || options.runner?.onlyOwnTasks) {
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
    templates: () => settingsStore.get('templates', Templates),
    readOnly: Boolean(opened.readOnlyReason),
    onTemplatesJudged: (names) => hub.emit({ name: 'templates.judged', payload: { names } }),
    onAlert: (alert) => hub.emit({ name: 'watch.alert', payload: alert }),
    onChanged: (watchId) => hub.emit({ name: 'watch.changed', payload: { watchId } }),
  });

  const others = followOtherProcesses({
    db: opened.db,
    store,
    leases,
    mcpRequests,
    emit: (event) => hub.emit(event),
    taskChanged,
    afterChange: () => {
      // The app beside this process may have changed the caps or the runner's preferences,
      // and `watch run` beside the app may have raised alerts.
      watches?.externalChange();
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
    async waitForSettled(id) {
      for (;;) {
        const task = store.get(id);
        if (!task) throw new Error(`No task with id ${id}.`);
        const settled = await waiters.wait(publicView(task));
        // Ended by another process (marked unknown) while this one still sends it: WebRun's
        // answer decides, and is written, before the caller reports the task and exits.
        const sending = runner.sent(id);
        if (!sending) return settled;
        await sending;
      }
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
      await backend.close();
    },
  };
}
