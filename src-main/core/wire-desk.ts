// Wires one desk from its opened history and started backend: the domain modules, built in
// dependency order, top to bottom, each from the modules above it in the list (one that reacts
// to an earlier one registers with it; none is handed anything built later), their handlers
// joined, then started. createDesk (desk.ts) opens the history and starts the backend.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppInfo, DeskEvent, DeskHandlers } from '../contract/index';
import { appVersion } from './app-version';
import { wireBatches } from './batches/wire-batches';
import { wireBudget } from './budget/wire-budget';
import { joinHandlers } from './desk-handlers';
import type { Desk, DeskOptions, StartedBackend } from './desk-types';
import { wireEnvironments } from './environments/wire-environments';
import { EventHub } from './event-hub';
import { wireFiles } from './files/wire-files';
import { historyHandlers } from './history/history-handlers';
import { HistoryStore } from './history/history-store';
import { wireIntegrity } from './integrity/wire-integrity';
import { wireApprovals } from './mcp-approvals/wire-approvals';
import { wireMoney } from './money/wire-money';
import { wireProcesses } from './processes/wire-processes';
import { drainSubmissions } from './runner/drain';
import { wireRunner } from './runner/wire-runner';
import { secretHandlers } from './secrets/secret-handlers';
import type { SecretStore } from './secrets/secret-store';
import { sessionHandlers } from './sessions/session-handlers';
import { SessionStore } from './sessions/session-store';
import { wireSettings } from './settings/wire-settings';
import { settingsHandlers } from './settings/settings-handlers';
import { AppStartsStore, type SettingsStore } from './settings/settings-store';
import { HostLeases } from './store/host-leases';
import { dataDirOf, type OpenedStore } from './store/open-store';
import { writableCheck } from './store/writable';
import { publicView } from './tasks/public-view';
import { openTaskTables, wireTasks } from './tasks/wire-tasks';
import { wireTriggers } from './triggers/wire-triggers';
import { deskWatches } from './watches/desk-watches';
import { watchHandlers } from './watches/watch-handlers';
import { WebRunClient } from './webrun/client';
import { SlidingWindowLimiter } from './webrun/rate-limiter';

export function wireDesk(
  options: DeskOptions,
  opened: OpenedStore,
  backend: StartedBackend,
  secrets: SecretStore,
  settingsStore: SettingsStore,
  log: (line: string) => void,
): Desk {
  const hub = new EventHub();
  const base = deskBase(options, opened, backend, log, (event) => hub.emit(event));
  const m = deskModules(base, opened, options, secrets, settingsStore);
  const info: AppInfo = {
    version: appVersion(),
    backend: { kind: backend.kind, baseUrl: base.baseUrl, simulated: base.simulated },
    dbPath: opened.path,
    host: options.host,
  };
  const handlers = joinHandlers([
    { 'app.info': () => info },
    m.integrity.handlers,
    m.queue.handlers,
    m.tasks.handlers,
    historyHandlers({ ...base, store: m.tables.store, history: m.history }),
    sessionHandlers({
      ...base,
      sessions: m.sessions,
      terminate: (id) => m.runner.controls.terminate(id),
    }),
    settingsHandlers({ ...base, settings: m.settings, settingsStore }),
    secretHandlers({ ...base, secrets }),
    m.files.handlers,
    m.batches.handlers,
    m.approvals.handlers,
    m.environments.handlers,
    m.triggers.handlers,
    m.money.handlers,
    watchHandlers(m.watches, base.now),
  ] as const);

  if (base.recovers) {
    m.runner.recover();
    m.batches.driver.recover();
  }
  m.integrity.start();
  return deskOf(m, {
    handlers,
    info,
    hub,
    opened,
    backend,
    settingsStore,
    filesDir: base.filesDir,
  });
}

/** The modules, in dependency order: each is built from the ones above it. */
function deskModules(
  base: DeskBase,
  opened: OpenedStore,
  options: DeskOptions,
  secrets: SecretStore,
  settingsStore: SettingsStore,
) {
  const { db, inactivityMs } = base;
  const leases = heldHere(opened, options);
  const settings = wireSettings({ ...base, settingsStore, secrets });
  const approvals = wireApprovals({ ...base, settingsStore, leases });
  const sessions = new SessionStore(db, randomUUID(), inactivityMs);
  const tables = openTaskTables(db, inactivityMs);
  const history = new HistoryStore(db, inactivityMs);
  const budget = wireBudget({ ...base, history, settings });
  const money = wireMoney({ ...base, tables, history, settings, settingsStore, budget });
  const client = deskClient(base, options, (reading) => money.monitor.recordBalance(reading));
  const files = wireFiles({ ...base, tables, client });
  const queue = wireRunner({
    ...base,
    tables,
    sessions,
    client,
    settings,
    budget,
    money,
    files,
    secrets,
    leases,
  });
  const { runner } = queue;
  const tasks = wireTasks({
    ...base,
    // `run` too, whose runner sends only its own tasks: held only from its claim, a task it had
    // written but not yet claimed could be claimed and sent by the app beside it (issue 30).
    holdsOwnTasks: base.holdsOwnTasks || options.runner?.onlyOwnTasks === true,
    tables,
    runner,
    sessions,
    secrets,
    approvals,
    leases,
  });
  const integrity = wireIntegrity({ ...base, settingsStore, runner });
  const environments = wireEnvironments({ ...base, client });
  const triggers = wireTriggers({ ...base, client, settingsStore, tasks, tables, budget, files });
  const batches = wireBatches({ ...base, tasks, sessions, queue, money });
  const watches = deskWatches({ ...base, tables, tasks, queue, budget, money, settingsStore });
  const processes = wireProcesses({
    ...base,
    tables,
    leases,
    queue,
    approvals,
    watches,
    settings,
    budget,
  });
  return {
    leases,
    settings,
    approvals,
    sessions,
    tables,
    history,
    budget,
    money,
    files,
    queue,
    runner,
    tasks,
    integrity,
    environments,
    triggers,
    batches,
    watches,
    processes,
  };
}

/** The desk a host gets: the joined handlers, the stores it reads, waits, and close. */
function deskOf(
  m: ReturnType<typeof deskModules>,
  o: {
    handlers: DeskHandlers;
    info: AppInfo;
    hub: EventHub;
    opened: OpenedStore;
    backend: StartedBackend;
    settingsStore: SettingsStore;
    filesDir: string;
  },
): Desk {
  const { opened, backend } = o;
  const { leases, tables, budget, money, files, runner, triggers, batches, watches, integrity } = m;
  const { others, stopTakeover } = m.processes;
  const { queueFeed } = m.queue;
  return {
    handlers: o.handlers,
    tasks: m.tasks.service,
    info: o.info,
    readOnlyReason: opened.readOnlyReason,
    runner,
    history: m.history,
    details: tables.details,
    filesDir: o.filesDir,
    sessions: m.sessions,
    settings: o.settingsStore,
    appStarts: new AppStartsStore(opened.db),
    leases,
    mcpRequests: m.approvals.requests,
    watches,
    budget: () => {
      m.settings.reload();
      return budget.monitor.refresh(true);
    },
    preflight: (work, count) => money.monitor.preflight(work, count),
    onExternalChange: (listener) => others.onExternalChange(listener),
    startupImport: triggers.startupImport,
    filesSettled: async (id) => {
      await files.settled(id);
      await runner.networkLog.settled(id);
    },
    subscribe: (listener) => o.hub.subscribe(listener),
    async waitForSettled(id) {
      for (;;) {
        const task = tables.store.get(id);
        if (!task) throw new Error(`No task with id ${id}.`);
        const settled = await tables.waits.wait(publicView(task));
        // Ended by another process (marked unknown) while this one still sends it: WebRun's
        // answer decides, and is written, before the caller reports the task and exits.
        const sending = runner.sent(id);
        if (!sending) return settled;
        await sending;
      }
    },
    drain: (drain) => drainSubmissions(runner, drain),
    async close() {
      // Nothing is claimed from here on: a request sent while the close awaits below would be
      // cut by it (a host that waits for the answers to what is out drains first: drain()).
      runner.stopClaiming(new Set());
      others.stop();
      stopTakeover();
      leases.close();
      queueFeed.close();
      triggers.close();
      watches.close();
      await triggers.importer.idle();
      files.close();
      batches.driver.close();
      runner.close();
      integrity.close();
      opened.db.close();
      await backend.close();
    },
  };
}

type DeskBase = ReturnType<typeof deskBase>;

/** What every module is built with: the history, the clock, the log, the event bus, and what the host chose. */
function deskBase(
  options: DeskOptions,
  opened: OpenedStore,
  backend: StartedBackend,
  log: (line: string) => void,
  emit: (event: DeskEvent) => void,
) {
  const { readOnlyReason } = opened;
  const dataDir = dataDirOf(opened.path);
  return {
    db: opened.db,
    path: opened.path,
    nativeBinding: options.nativeBinding,
    readOnlyReason,
    writable: writableCheck(readOnlyReason),
    /** Picks up what a previous run left, runs checks and imports (not a one-off command). */
    recovers: !readOnlyReason && options.recover !== false,
    now: options.runner?.now ?? Date.now,
    log,
    emit,
    baseUrl: backend.baseUrl,
    apiKey: backend.apiKey,
    /** The key the running backend was started with (null: the sandbox). */
    activeApiKey: backend.kind === 'sandbox' ? null : backend.apiKey,
    simulated: backend.kind === 'sandbox',
    generation: backend.generation,
    startedWith: backend.startedWith,
    inactivityMs: backend.inactivityMs,
    dataDir,
    filesDir: options.filesDir ?? join(dataDir, 'files'),
    openPath: options.openPath ?? null,
    holdsOwnTasks: options.holdOwnTasks !== undefined,
    runWatches: options.runWatches === true,
    importIntervalMs: options.recover === false ? null : (options.importIntervalMs ?? 60_000),
    rateLimit: options.rateLimit === undefined ? { max: 10, windowMs: 60_000 } : options.rateLimit,
    onStorageFailure: (message: string) => options.onStorageFailure?.(message),
    overrides: options.runner,
  };
}

/**
 * This process's leases on the history. Every writable desk is a host with a heartbeat: the
 * tasks it claims or follows are held in its name, so another process on the same history (the
 * app beside `run`, `resume` after a reboot) neither sends them nor takes them over while it lives.
 */
function heldHere(opened: OpenedStore, options: DeskOptions): HostLeases {
  const leases = new HostLeases(opened.db);
  if (!opened.readOnlyReason)
    leases.register(randomUUID(), options.holdOwnTasks?.kind ?? options.host);
  return leases;
}

/** WebRun's client, under the desk's rate limit (WebRun's 10 a minute unless told otherwise). */
function deskClient(
  base: DeskBase,
  options: DeskOptions,
  onBalance: ConstructorParameters<typeof WebRunClient>[0]['onBalance'],
): WebRunClient {
  return new WebRunClient({
    baseUrl: base.baseUrl,
    apiKey: base.apiKey,
    generation: base.generation,
    limiter: base.rateLimit ? new SlidingWindowLimiter(base.rateLimit) : null,
    timeouts: options.clientTimeouts,
    onBalance,
  });
}
