// The runner on a desk: it sends queued tasks and follows them with what the modules below it
// lend (the budget's and the balance's holds, the saved credentials, the file copies, this
// process's leases), and every stored change of a task goes out from here, in one order: to the
// UI, to the modules above that registered (batches, watches), to the budget and money, to the
// queue counts and to the waits. It registers its running work with the budget (stopped at a
// cap when the person asked for that) and follows the runner's settings as they change.
import type { DeskEvent, DeskHandlers } from '../../contract/index';
import type { Budget } from '../budget/wire-budget';
import type { Files } from '../files/wire-files';
import type { Money } from '../money/wire-money';
import type { SecretStore } from '../secrets/secret-store';
import type { SessionStore } from '../sessions/session-store';
import type { LiveSettings } from '../settings/live-settings';
import { DiskReserve } from '../store/disk-reserve';
import type { HostLeases } from '../store/host-leases';
import { publicView } from '../tasks/public-view';
import type { StoredTask } from '../tasks/task-store';
import type { TaskTables } from '../tasks/wire-tasks';
import { queueHandlers } from './queue-handlers';
import { QueueStatusFeed } from './queue-status-feed';
import { Runner, type RunnerClient, type RunnerOptions } from './runner';

export interface RunnerModule {
  runner: Runner;
  queueFeed: QueueStatusFeed;
  /** A task changed (here, or in another process): every reader of changes is told. */
  changed(task: StoredTask): void;
  /** Registers a reader of every task change (after the UI's event, before the budget's). */
  onTaskChanged(listener: (task: StoredTask) => void): void;
  handlers: Pick<DeskHandlers, 'queue.status' | 'queue.pause' | 'queue.resume'>;
}

export interface RunnerWiring {
  tables: TaskTables;
  sessions: SessionStore;
  client: RunnerClient;
  baseUrl: string;
  settings: LiveSettings;
  budget: Budget;
  money: Money;
  files: Files;
  secrets: Pick<SecretStore, 'credentialsFor'>;
  leases: HostLeases;
  /** The history file: room is kept beside it for WebRun's answer to a task already sent. */
  path: string;
  readOnlyReason: string | null;
  /** Throws when the history cannot be written (the controls refuse). */
  writable: () => void;
  /** Send only this process's own tasks (the MCP server). */
  holdsOwnTasks: boolean;
  emit: (event: DeskEvent) => void;
  log: (line: string) => void;
  onStorageFailure: (message: string) => void;
  /** What a host or test sets of the runner itself (clock, timers, sockets). */
  overrides?: Partial<RunnerOptions>;
}

export function wireRunner(o: RunnerWiring): RunnerModule {
  const { tables, settings, budget, money } = o;
  const listeners: ((task: StoredTask) => void)[] = [];
  // The runner and its queue feed read each other (the feed re-reads the runner's counts; the
  // runner reports to the feed): the feed is built right after the runner, which reaches it
  // only once it runs.
  const changed = (task: StoredTask): void => {
    const view = publicView(task);
    o.emit({ name: 'task.updated', payload: view });
    for (const listener of listeners) listener(task);
    if (task.usage?.cost != null) budget.monitor.costChangedNow();
    money.monitor.observe(task);
    if (task.usage?.cost != null) money.monitor.costChanged();
    queueFeed.taskChanged();
    tables.waits.changed(view);
  };
  const runner = new Runner({
    ...runnerOptions(o, changed),
    onQueueChanged: (status) => queueFeed.report(status),
  });
  const queueFeed = new QueueStatusFeed({
    read: () => runner.status(),
    emit: (status) => o.emit({ name: 'queue.status', payload: status }),
    setTimeout: o.overrides?.setTimeout,
    clearTimeout: o.overrides?.clearTimeout,
  });
  budget.monitor.attach({
    running: () =>
      tables.store
        .unfinished()
        .filter((t) => runner.isActive(t.id))
        .map((t) => t.id),
    stop: (id, reason) => runner.controls.stop(id, 'stopped', reason),
    resume: () => runner.kick(),
  });
  settings.onChange((change) => {
    if (change.runner) runner.setPaused(change.runner.queuePaused);
    runner.kick();
  });
  return {
    runner,
    queueFeed,
    changed,
    onTaskChanged: (listener) => void listeners.push(listener),
    handlers: queueHandlers({ runner, settings, money: money.monitor }),
  };
}

/** What the runner is built from: the desk's settings, stores and the modules' holds. */
function runnerOptions(o: RunnerWiring, changed: (task: StoredTask) => void): RunnerOptions {
  const { settings, budget, money, leases } = o;
  const reserve = o.readOnlyReason ? null : DiskReserve.beside(o.path);
  return {
    log: o.log,
    concurrency: () => settings.runner.concurrency,
    pollIntervalMs: () => settings.runner.pollIntervalMs,
    guardrailTimeoutMs: () => settings.runner.guardrailTimeoutMs,
    paused: settings.runner.queuePaused,
    ...(o.holdsOwnTasks ? { onlyOwnTasks: true } : {}),
    heldElsewhere: (id) => leases.heldElsewhere(id),
    hostId: leases.id,
    hold: (id) => leases.hold(id),
    writable: o.writable,
    ...o.overrides,
    store: o.tables.store,
    details: o.tables.details,
    sessions: o.sessions,
    client: o.client,
    baseUrl: o.baseUrl,
    dispatchBlocker: () => budget.monitor.dispatchBlocker() ?? money.monitor.dispatchBlocker(),
    onBalanceRefused: (figures, message) => money.monitor.holdForBalance(figures, message),
    costWatched: (task) => money.monitor.watches(task),
    keepText: (taskId, text) => o.files.keepAnswer(taskId, text),
    secretsFor: (task) => o.secrets.credentialsFor(task.credentialSites),
    onStorageFailure: (message) => o.onStorageFailure(message),
    releaseReserve: () => reserve?.release() ?? false,
    onFiles: (taskId) => o.files.copy(taskId),
    onActivity: (activity) => o.emit({ name: 'task.activity', payload: activity }),
    onTaskChanged: changed,
  };
}
