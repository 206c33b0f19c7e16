// What a runner is built from, and the defaults for everything a caller leaves out. Every
// clock and timer is injected, so tests drive the runner on a fake clock.
import type { QueueStatus, TaskActivity } from '../../contract/schemas';
import type { SessionStore } from '../sessions/session-store';
import type { TaskDetailsStore } from '../tasks/task-details-store';
import type { StoredTask, TaskStore } from '../tasks/task-store';
import type { BalanceFigures } from '../webrun/balance';
import type { WebRunClient } from '../webrun/client';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { ChannelFactory } from './session-links';
import type { Secrets } from '../secrets/secret-store';
import { chainTimers, type TimerHandle } from '../../contract/timers';

/** A platform timer handle, as a caller injects it (a fake clock casts its own). */
export type RawTimer = ReturnType<typeof setTimeout>;
/** What the runner holds: a chained timer, so a delay from settings or WebRun of any length is kept. */
export type Timer = TimerHandle;

/** What the runner needs of the WebRun client (tests pass a scripted one). */
export type RunnerClient = Pick<
  WebRunClient,
  'runTask' | 'pollTask' | 'startSession' | 'newTask' | 'setState' | 'interact' | 'answerGuardrail'
> &
  Partial<Pick<WebRunClient, 'takeSlot'>>;

export interface RunnerOptions {
  store: TaskStore;
  details: TaskDetailsStore;
  sessions: SessionStore;
  client: RunnerClient;
  /** Where the API lives; one-shot sessions attach their socket here (run-task names none). */
  baseUrl: string;
  /** Called after every stored change, with the task as stored. */
  onTaskChanged: (task: StoredTask) => void;
  onActivity?: (activity: TaskActivity) => void;
  onQueueChanged?: (status: QueueStatus) => void;
  /** Asked before every dispatch; a reason stops new dispatch (budget caps). */
  dispatchBlocker?: () => string | null;
  /**
   * WebRun refused a submission for balance (402): the task went back to the head of the
   * queue, and the caller holds dispatch (dispatchBlocker) until there is money again.
   * Without it, such a task fails with WebRun's message.
   */
  onBalanceRefused?: (figures: BalanceFigures | null, message: string) => void;
  /** True when a task's cost is watched for anomalies: its timed polls come as a capped task's. */
  costWatched?: (task: StoredTask) => boolean;
  /** Throws when the history takes no writes (a newer or unwritable file): controls refuse. */
  writable?: () => void;
  /** The queue starts paused (a saved preference): nothing is sent until setPaused(false). */
  paused?: boolean;
  /** Send only tasks enqueued by this runner (the CLI leaves the app's queue alone). */
  onlyOwnTasks?: boolean;
  /** A task another live process runs (the MCP server's): never sent nor adopted here. */
  heldElsewhere?: (taskId: string) => boolean;
  /** This process's host id: a task it claims is held in its name in the same write. */
  hostId?: string | null;
  /** Holds a task this runner follows (adopted at recovery), against other processes. */
  hold?: (taskId: string) => void;
  /**
   * The history could not be written (disk full, read-only file). The runner stops sending
   * new work and reports why; what was stored is kept.
   */
  onStorageFailure?: (message: string) => void;
  /**
   * Gives back the room kept on a full disk for WebRun's answer to a task already sent
   * (store/disk-reserve.ts); true when there was some.
   */
  releaseReserve?: () => boolean;
  /** The saved credentials a task sends, read when it is sent (never stored with it). */
  secretsFor?: (task: StoredTask) => { secrets: Secrets; unreadable: string[] };
  /** Stores an over-long answer elsewhere and returns what the history keeps (a preview). */
  keepText?: (taskId: string, text: string) => string;
  /** Called when a task completes with files, to copy them locally. */
  onFiles?: (taskId: string) => void;
  channelFactory?: ChannelFactory;
  /** false: never attach sockets (the reference loop, tests of pure polling). */
  useSockets?: boolean;
  now?: () => number;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => RawTimer;
  clearTimeout?: (timer: RawTimer) => void;
  /**
   * Runs work once the events that arrived together are all in (socket-follower.ts): by default
   * after this turn's I/O (setImmediate); a test on a fake clock passes queueMicrotask.
   */
  afterBurst?: (fn: () => void) => void;
  concurrency?: () => number;
  pollIntervalMs?: () => number;
  /**
   * Interval of timed polls while the task's socket is healthy. The socket announces every
   * change (and one poll confirms it), so these keep the running cost fresh and guard against
   * a server that forgets to announce (see poll-policy.ts).
   */
  healthyPollIntervalMs?: number;
  guardrailTimeoutMs?: () => number | null;
  backoff?: BackoffOptions;
  /** Consecutive unreadable poll answers before the task is marked unknown. */
  maxUnrecognisedPolls?: number;
  /** A task's maxDuration when it names none (WebRun's default, 300 s). */
  defaultMaxDurationMs?: number;
  /** Past maxDuration, how long a running task is still followed before it becomes unknown. */
  deadlineGraceMs?: number;
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<
  Omit<
    RunnerOptions,
    | 'store'
    | 'details'
    | 'sessions'
    | 'client'
    | 'channelFactory'
    | 'onFiles'
    | 'onBalanceRefused'
    | 'setTimeout'
    | 'clearTimeout'
  >
> &
  Pick<RunnerOptions, 'onFiles' | 'channelFactory' | 'onBalanceRefused'> & {
    setTimeout: (fn: () => void, ms: number) => Timer;
    clearTimeout: (timer: Timer | null | undefined) => void;
  };

export const DEFAULT_MAX_DURATION_MS = 300_000;
/**
 * A connected Socket.IO link proves itself with its heartbeat (a dead one is noticed within
 * pingInterval + pingTimeout, 45 s, and then polled for at once) and announces every change,
 * so with one a timed poll each minute is enough (a capped task: poll-policy.ts).
 */
export const DEFAULT_HEALTHY_POLL_INTERVAL_MS = 60_000;
/** WebRun holds a submission up to 50 s and polls may back off up to a minute: two minutes. */
export const DEFAULT_DEADLINE_GRACE_MS = 120_000;

export function resolveOptions(options: RunnerOptions): ResolvedOptions {
  const timers = chainTimers(
    options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
    options.clearTimeout ?? ((t) => clearTimeout(t)),
  );
  return {
    baseUrl: options.baseUrl,
    onTaskChanged: options.onTaskChanged,
    onActivity: options.onActivity ?? (() => {}),
    onQueueChanged: options.onQueueChanged ?? (() => {}),
    dispatchBlocker: options.dispatchBlocker ?? (() => null),
    onFiles: options.onFiles,
    onBalanceRefused: options.onBalanceRefused,
    costWatched: options.costWatched ?? (() => false),
    channelFactory: options.channelFactory,
    writable: options.writable ?? (() => {}),
    paused: options.paused ?? false,
    onlyOwnTasks: options.onlyOwnTasks ?? false,
    heldElsewhere: options.heldElsewhere ?? (() => false),
    hostId: options.hostId ?? null,
    hold: options.hold ?? (() => {}),
    keepText: options.keepText ?? ((_id, text) => text),
    secretsFor: options.secretsFor ?? (() => ({ secrets: [], unreadable: [] })),
    onStorageFailure: options.onStorageFailure ?? (() => {}),
    releaseReserve: options.releaseReserve ?? (() => false),
    useSockets: options.useSockets ?? true,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    afterBurst: options.afterBurst ?? ((fn) => void setImmediate(fn)),
    concurrency: options.concurrency ?? (() => 5),
    pollIntervalMs: options.pollIntervalMs ?? (() => 2_500),
    healthyPollIntervalMs: options.healthyPollIntervalMs ?? DEFAULT_HEALTHY_POLL_INTERVAL_MS,
    guardrailTimeoutMs: options.guardrailTimeoutMs ?? (() => null),
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    maxUnrecognisedPolls: options.maxUnrecognisedPolls ?? 10,
    defaultMaxDurationMs: options.defaultMaxDurationMs ?? DEFAULT_MAX_DURATION_MS,
    deadlineGraceMs: options.deadlineGraceMs ?? DEFAULT_DEADLINE_GRACE_MS,
    log: options.log ?? (() => {}),
  };
}
