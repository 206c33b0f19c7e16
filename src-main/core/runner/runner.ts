// The runner: sends queued tasks to WebRun, follows them to a terminal state, and writes every
// step to the store before acting on it. Polling decides; the socket makes it fast. It never
// resends a request whose fate is unknown: that could make the user pay twice.
import { TERMINAL_STATUSES, type QueueStatus, type TaskActivity, type TaskStatus } from '../../contract/schemas';
import type { SessionStore } from '../store/session-store';
import type { TaskDetailsStore } from '../store/task-details-store';
import type { StoredTask, TaskPatch, TaskStore } from '../store/task-store';
import type { WebRunClient } from '../webrun/client';
import { WebRunError } from '../webrun/errors';
import type { SocketEvent } from '../webrun/socket-events';
import type { TaskOutcome } from '../webrun/types';
import { activityOf, changesState } from '../activity';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffOptions } from './backoff';
import { storageProblem } from '../store/storage-errors';
import { NetworkLog } from './network-log';
import { PollScheduler } from './poll-scheduler';
import { SessionLinks, type ChannelFactory } from './session-links';
import { taskInputOf, type Secrets } from './task-input';
import { toUsageView } from './usage-view';

type Timer = ReturnType<typeof setTimeout>;

/** What the runner needs of the WebRun client (tests pass a scripted one). */
export type RunnerClient = Pick<WebRunClient, 'runTask' | 'pollTask' | 'startSession' | 'newTask' | 'setState' | 'interact' | 'answerGuardrail'> & Partial<Pick<WebRunClient, 'takeSlot'>>;

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
  /** Send only tasks enqueued by this runner (the CLI leaves the app's queue alone). */
  onlyOwnTasks?: boolean;
  /** A task another live process runs (the MCP server's): never sent nor adopted here. */
  heldElsewhere?: (taskId: string) => boolean;
  /**
   * The history could not be written (disk full, read-only file). The runner stops sending
   * new work and reports why; what was stored is kept.
   */
  onStorageFailure?: (message: string) => void;
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
  setTimeout?: (fn: () => void, ms: number) => Timer;
  clearTimeout?: (timer: Timer) => void;
  concurrency?: () => number;
  pollIntervalMs?: () => number;
  healthyPollIntervalMs?: number;
  guardrailTimeoutMs?: () => number | null;
  backoff?: BackoffOptions;
  /** Consecutive unreadable poll answers before the task is marked unknown. */
  maxUnrecognisedPolls?: number;
  log?: (line: string) => void;
}

const LIVE: readonly TaskStatus[] = ['submitting', 'running', 'needs_input', 'paused'];

/** Why a session ended, in words, from the `end_session` reason WebRun sent. */
export function sessionEndText(reason: string | null): string {
  switch (reason) {
    case 'expired':
      return 'The session expired after 5 minutes without activity.';
    case 'instance_lost':
      return 'The browser instance running the session was lost.';
    case 'terminated':
      return 'The session was terminated.';
    default:
      return 'The session ended before the task finished.';
  }
}

export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.includes(status) || status === 'unknown';
}

function asWebRunError(error: unknown): WebRunError {
  return error instanceof WebRunError ? error : new WebRunError({ kind: 'server', message: String(error), cause: error });
}

export class Runner {
  readonly store: TaskStore;
  readonly details: TaskDetailsStore;
  readonly sessions: SessionStore;
  readonly client: RunnerClient;
  private readonly o: Required<Omit<RunnerOptions, 'store' | 'details' | 'sessions' | 'client' | 'channelFactory' | 'onFiles'>> & Pick<RunnerOptions, 'onFiles'>;

  /** Tasks holding a slot, with what the runner tracks for them in memory only. */
  private readonly active = new Map<string, { pollFailures: number; unrecognised: number; guardrailTimer: Timer | null }>();
  /** A session runs one task at a time: session id → task id. */
  private readonly busySessions = new Map<string, string>();
  private readonly polls: PollScheduler;
  readonly networkLog: NetworkLog;
  private readonly links: SessionLinks;
  private readonly recentEvents = new Map<string, string[]>();
  private readonly answering = new Set<string>();
  /** Tasks being stopped or cancelled on the user's word: WebRun's echo of it must not win. */
  private readonly stopping = new Set<string>();
  /** Tasks enqueued by this runner (see onlyOwnTasks). */
  private readonly own = new Set<string>();
  private submitFailures = 0;
  private blockedUntil = 0;
  private blockedReason: string | null = null;
  private dispatchTimer: Timer | null = null;
  private closed = false;

  constructor(options: RunnerOptions) {
    this.store = options.store;
    this.details = options.details;
    this.sessions = options.sessions;
    this.client = options.client;
    this.o = {
      baseUrl: options.baseUrl,
      onTaskChanged: options.onTaskChanged,
      onActivity: options.onActivity ?? (() => {}),
      onQueueChanged: options.onQueueChanged ?? (() => {}),
      dispatchBlocker: options.dispatchBlocker ?? (() => null),
      onFiles: options.onFiles,
      onlyOwnTasks: options.onlyOwnTasks ?? false,
      heldElsewhere: options.heldElsewhere ?? (() => false),
      keepText: options.keepText ?? ((_id, text) => text),
      secretsFor: options.secretsFor ?? (() => ({ secrets: [], unreadable: [] })),
      onStorageFailure: options.onStorageFailure ?? (() => {}),
      useSockets: options.useSockets ?? true,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      setTimeout: options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimeout: options.clearTimeout ?? ((t) => clearTimeout(t)),
      concurrency: options.concurrency ?? (() => 5),
      pollIntervalMs: options.pollIntervalMs ?? (() => 2_500),
      healthyPollIntervalMs: options.healthyPollIntervalMs ?? 15_000,
      guardrailTimeoutMs: options.guardrailTimeoutMs ?? (() => null),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      maxUnrecognisedPolls: options.maxUnrecognisedPolls ?? 10,
      log: options.log ?? (() => {}),
    };
    this.polls = new PollScheduler({
      poll: (id) => this.guard(() => this.poll(id)),
      setTimeout: this.o.setTimeout,
      clearTimeout: this.o.clearTimeout,
      now: this.o.now,
      random: this.o.random,
      intervalMs: this.o.pollIntervalMs,
      healthyIntervalMs: this.o.healthyPollIntervalMs,
    });
    this.networkLog = new NetworkLog(this.details, (_taskId, error) =>
      void this.guard(async () => {
        throw error;
      }),
    );
    this.links = new SessionLinks(
      {
        onEvent: (sid, event) => void this.guard(async () => this.onSocketEvent(sid, event)),
        onHealth: (sid, healthy, resync) => void this.guard(async () => this.onSocketHealth(sid, healthy, resync)),
      },
      options.channelFactory,
    );
  }

  // ── Queue ────────────────────────────────────────────────────────────────────────────

  /** Queues a stored task (created by the caller). */
  enqueue(task: StoredTask): void {
    this.own.add(task.id);
    this.o.onTaskChanged(task);
    this.dispatch();
  }

  /**
   * Picks up what a previous run left unfinished, at once. A task caught mid-submission without
   * remote ids may or may not exist at WebRun, so it becomes `unknown` rather than being resent.
   */
  recover(): void {
    for (const task of this.store.unfinished()) {
      if (task.status === 'queued' || this.o.heldElsewhere(task.id)) continue;
      this.adopt(task);
    }
    this.dispatch();
  }

  /** Follows one unfinished task another run (or a process now gone) left: recover's rule for one task. */
  adopt(task: StoredTask): void {
    if (this.closed || this.active.has(task.id) || task.status === 'queued') return;
    if (task.status === 'submitting' && !task.pollUrl && !(task.sessionId && task.remoteTaskId)) {
      this.change(task.id, {
        status: 'unknown',
        endedAt: this.o.now(),
        error: { code: 'OUTCOME_UNKNOWN', message: 'The app stopped while this task was being submitted; it may or may not be running at WebRun. Check it or submit it again.' },
      });
      return;
    }
    this.active.set(task.id, { pollFailures: 0, unrecognised: 0, guardrailTimer: null });
    if (task.sessionId) {
      this.sessions.adopt(task.sessionId);
      this.busySessions.set(task.sessionId, task.id);
      this.attach(task.sessionId, this.sessions.get(task.sessionId)?.socketUrl ?? this.o.baseUrl);
    }
    if (task.status === 'submitting') this.change(task.id, { status: 'running' });
    this.polls.now(task.id);
  }

  status(): QueueStatus {
    return {
      paused: this.paused,
      queued: this.store.countQueued(),
      active: this.active.size,
      concurrency: this.o.concurrency(),
      blockedUntil: this.blockedUntil > this.o.now() ? this.blockedUntil : null,
      blockedReason: this.blockedReason,
    };
  }

  paused = false;

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.queueChanged();
    if (!paused) this.dispatch();
  }

  activeCount(): number {
    return this.active.size;
  }

  isActive(id: string): boolean {
    return this.active.has(id);
  }

  close(): void {
    this.closed = true;
    if (this.dispatchTimer) this.o.clearTimeout(this.dispatchTimer);
    this.polls.close();
    this.links.close();
    this.networkLog.stop();
    for (const entry of this.active.values()) if (entry.guardrailTimer) this.o.clearTimeout(entry.guardrailTimer);
  }

  /** Runs dispatch again soon (after settings or budget changes). */
  kick(): void {
    this.dispatch();
  }

  private queueChanged(): void {
    this.o.onQueueChanged(this.status());
  }

  change(id: string, patch: TaskPatch, event?: { kind: 'remote' | 'error'; payload?: unknown }): StoredTask {
    const task = this.store.update(id, patch, event);
    this.o.onTaskChanged(task);
    return task;
  }

  private dispatch(): void {
    if (this.closed || this.paused) return;
    const wait = this.blockedUntil - this.o.now();
    if (wait > 0) {
      this.dispatchTimer ??= this.o.setTimeout(() => {
        this.dispatchTimer = null;
        this.blockedReason = null;
        void this.guard(async () => this.dispatch());
      }, wait);
      return;
    }
    let started = false;
    while (this.active.size < this.o.concurrency()) {
      const next = this.nextQueued();
      if (!next) break;
      const blocker = this.o.dispatchBlocker();
      if (blocker) {
        this.blockedReason = blocker;
        break;
      }
      this.blockedReason = null;
      started = true;
      this.active.set(next.id, { pollFailures: 0, unrecognised: 0, guardrailTimer: null });
      if (next.sessionId) this.busySessions.set(next.sessionId, next.id);
      void this.guard(() => this.send(next));
    }
    if (started || this.blockedReason) this.queueChanged();
  }

  /** The first queued task that can go now: a follow-up waits while its session is busy. */
  private nextQueued(): StoredTask | null {
    // A few rows at a time: usually the first can go, and reading the whole queue per
    // dispatch was most of the runner's cost with a long queue.
    const PAGE = 8;
    for (let offset = 0; ; offset += PAGE) {
      const page = this.store.queued(PAGE, offset);
      if (page.length === 0) return null;
      for (const task of page) {
        if (this.active.has(task.id)) continue; // waiting for a slot of the limit (send)
        if (this.o.onlyOwnTasks && !this.own.has(task.id)) continue;
        if (!this.own.has(task.id) && this.o.heldElsewhere(task.id)) continue;
        if (!task.sessionId) return task;
        if (this.busySessions.has(task.sessionId)) continue;
        const session = this.sessions.get(task.sessionId);
        if (session && session.status === 'open') return task;
        this.change(task.id, {
          status: 'failed',
          endedAt: this.o.now(),
          error: { code: 'SESSION_ENDED', message: `Session ${task.sessionId} has ended; run the task again as a new one.` },
        });
        offset -= 1; // that row left the queue
      }
    }
  }

  // ── Submission ───────────────────────────────────────────────────────────────────────

  private async send(queued: StoredTask): Promise<void> {
    // The limit's slot first: a task waiting for one is still queued, so a crash meanwhile
    // leaves it to be sent later, where one marked submitting would become unknown.
    const slot = this.client.takeSlot ? ({ slotTaken: true } as const) : undefined;
    if (this.client.takeSlot) {
      await this.client.takeSlot();
      if (this.closed) return;
    }
    const task = this.store.claim(queued.id, this.o.now());
    if (!task) {
      // Another process took it first.
      this.release(queued.id, queued.sessionId);
      this.dispatch();
      return;
    }
    this.o.onTaskChanged(task);
    // Credentials are fetched from the keychain at the last moment and held only for the call.
    const { secrets, unreadable } = this.o.secretsFor(task);
    if (unreadable.length > 0) {
      this.finish(task.id, { status: 'failed', error: { code: 'CREDENTIALS_UNAVAILABLE', message: `Saved credentials for ${unreadable.join(', ')} are missing or can no longer be read; save them again and retry.` } });
      return;
    }
    const input = taskInputOf(task, secrets);
    try {
      let outcome: TaskOutcome;
      if (task.mode === 'oneshot') {
        outcome = await this.client.runTask(input, { environmentId: task.options.environmentId }, slot);
      } else {
        // The slot goes to the first request: start-session, or newTask in an open session.
        const sessionId = task.sessionId ?? (await this.openSession(task, slot));
        outcome = sessionId === task.sessionId && slot ? await this.client.newTask(sessionId, input, slot) : await this.client.newTask(sessionId, input);
      }
      this.submitFailures = 0;
      this.apply(task.id, outcome);
    } catch (error) {
      this.onSubmitError(task.id, asWebRunError(error));
    }
  }

  private async openSession(task: StoredTask, slot: { slotTaken: true } | undefined): Promise<string> {
    const started = await this.client.startSession({ environmentId: task.options.environmentId }, null, slot);
    // Stored before anything else: a crash from here on still knows the session exists.
    this.sessions.open({ id: started.sessionId, createdAt: this.o.now(), socketUrl: started.socketUrl, webViewUrl: started.webViewUrl, keepOpen: task.keepSessionOpen });
    this.change(task.id, { sessionId: started.sessionId }, { kind: 'remote', payload: { state: 'session_started', sessionId: started.sessionId } });
    this.busySessions.set(started.sessionId, task.id);
    this.attach(started.sessionId, started.socketUrl);
    return started.sessionId;
  }

  private onSubmitError(id: string, err: WebRunError): void {
    if (this.closed || err.kind === 'aborted') return;
    const task = this.store.get(id)!;
    if (err.outcomeUnknown) {
      this.finish(id, {
        status: 'unknown',
        error: { code: 'OUTCOME_UNKNOWN', message: `${err.message} The task may or may not have started at WebRun; check it or submit it again.` },
      }, { kind: 'error', payload: { kind: err.kind } });
      return;
    }
    if (err.transient || err.code === 'SESSION_LIMIT_REACHED' || err.code === 'TASK_ALREADY_RUNNING') {
      // Nothing was started: back to the head of its priority, and every dispatch waits,
      // honouring Retry-After when WebRun gave one.
      const delay = err.retryAfterMs ?? fullJitterDelay(this.submitFailures++, this.o.random, this.o.backoff);
      this.blockedUntil = Math.max(this.blockedUntil, this.o.now() + delay);
      this.blockedReason = err.message;
      this.release(id, task.sessionId);
      this.change(id, { status: 'queued', startedAt: null, queueOrder: -this.o.now() }, { kind: 'error', payload: { kind: err.kind, status: err.status, code: err.code, message: err.message, retryInMs: delay } });
      this.o.log(`task ${id}: ${err.message}; retrying in ${delay} ms`);
      this.dispatch();
      return;
    }
    this.finish(id, { status: 'failed', error: { code: err.code ?? err.kind.toUpperCase(), message: err.message } });
  }

  // ── Outcomes ─────────────────────────────────────────────────────────────────────────

  /** Applies what WebRun said about a task. Idempotent: a repeated or late answer changes nothing twice. */
  apply(id: string, outcome: TaskOutcome): void {
    const current = this.store.get(id);
    if (!current || isTerminal(current.status) || this.closed || this.stopping.has(id)) return;
    const at = this.o.now();
    const remote = { state: outcome.state, raw: outcome.raw.slice(0, 4_000) };

    // Remote ids first, in their own write: a crash after this line can still find the task.
    const ids: TaskPatch = {};
    if (outcome.sessionId && !current.sessionId) ids.sessionId = outcome.sessionId;
    if (outcome.taskId && !current.remoteTaskId) ids.remoteTaskId = outcome.taskId;
    if (outcome.pollUrl && !current.pollUrl) ids.pollUrl = outcome.pollUrl;
    if (Object.keys(ids).length > 0) this.change(id, ids, { kind: 'remote', payload: remote });
    else this.store.appendEvent(id, 'remote', remote);
    if (ids.sessionId) this.adoptOneShotSession(id, ids.sessionId, outcome.state);

    const elapsed = current.startedAt === null ? null : at - current.startedAt;
    const { usage, costSource } = toUsageView(outcome.usage, elapsed);
    if (usage) this.details.addUsageSample(id, at, usage);
    if (outcome.network.length > 0) {
      this.networkLog.write(id, outcome.network);
      const latest = outcome.network[outcome.network.length - 1]!.url;
      if (latest !== current.currentUrl || outcome.network.length !== this.store.networkTotal(id)) {
        this.change(id, { currentUrl: latest, networkTotal: outcome.network.length });
      }
    }
    if (outcome.files.length > 0) this.details.addFiles(id, outcome.files);
    const withUsage: TaskPatch = usage ? { usage, costSource } : {};

    if (usage?.cost != null && current.costCap !== null && usage.cost >= current.costCap && !['completed', 'failed', 'terminated'].includes(outcome.state)) {
      this.change(id, withUsage);
      void this.stopRemote(id, 'stopped', { code: 'COST_CAP', message: `Stopped at its cost cap of $${current.costCap.toFixed(2)} (spent $${usage.cost.toFixed(4)}).` });
      return;
    }

    switch (outcome.state) {
      case 'completed':
        this.finish(id, { status: 'completed', resultMessage: outcome.message === null ? null : this.o.keepText(id, outcome.message), ...withUsage });
        if (outcome.files.length > 0) this.o.onFiles?.(id);
        return;
      case 'failed':
        this.finish(id, { status: 'failed', error: { code: outcome.code, message: outcome.message ?? 'WebRun reported the task as failed.' }, ...withUsage });
        return;
      case 'terminated':
        this.finish(id, { status: 'stopped', error: { code: 'TERMINATED', message: outcome.message ?? sessionEndText(this.sessions.get(current.sessionId ?? '')?.endReason ?? null) }, ...withUsage });
        return;
      case 'needs_input':
        this.entry(id).unrecognised = 0;
        this.onQuestion(id, outcome.question ?? 'The agent needs your input.', withUsage);
        this.schedulePoll(id);
        return;
      case 'pending':
      case 'running': {
        this.entry(id).unrecognised = 0;
        const patch: TaskPatch = { ...withUsage };
        if (current.status === 'needs_input') {
          // Answered somewhere else (the CLI, another window, a chat app): the question is gone.
          this.details.closeGuardrail(id, 'answered', at);
          this.clearGuardrailTimer(id);
          patch.question = null;
        }
        // A paused task keeps reporting running until it really resumes: stay paused.
        if (current.status !== 'paused') patch.status = 'running';
        this.change(id, patch);
        this.schedulePoll(id);
        return;
      }
      case 'unrecognised':
        this.onUnrecognised(id, outcome);
        return;
    }
  }

  /** A one-shot task learns its session id from run-task; follow its socket from then on. */
  private adoptOneShotSession(id: string, sessionId: string, state: TaskOutcome['state']): void {
    const task = this.store.get(id)!;
    if (task.mode !== 'oneshot') return;
    if (!this.sessions.get(sessionId)) {
      this.sessions.open({ id: sessionId, createdAt: this.o.now(), socketUrl: null, webViewUrl: null, keepOpen: false });
    }
    this.busySessions.set(sessionId, id);
    if (state === 'pending' || state === 'running' || state === 'needs_input') this.attach(sessionId, this.o.baseUrl);
  }

  private onQuestion(id: string, question: string, withUsage: TaskPatch): void {
    const current = this.store.get(id)!;
    this.details.askGuardrail(id, question, this.o.now());
    if (current.status !== 'needs_input' || current.question !== question) {
      this.change(id, { status: 'needs_input', question, ...withUsage });
    } else if (withUsage.usage) {
      this.change(id, withUsage);
    }
    const timeout = this.o.guardrailTimeoutMs();
    const entry = this.entry(id);
    if (timeout !== null && !entry.guardrailTimer) {
      entry.guardrailTimer = this.o.setTimeout(() => void this.guard(async () => {
        entry.guardrailTimer = null;
        const task = this.store.get(id);
        if (task?.status === 'needs_input') {
          this.details.closeGuardrail(id, 'timed_out', this.o.now());
          await this.stopRemote(id, 'stopped', { code: 'GUARDRAIL_TIMEOUT', message: `Nobody answered the agent's question within ${Math.round(timeout / 1000)} s.` }, true);
        }
      }), timeout);
    }
  }

  private onUnrecognised(id: string, outcome: TaskOutcome): void {
    const task = this.store.get(id)!;
    const canPoll = Boolean(task.pollUrl || (task.sessionId && task.remoteTaskId));
    const entry = this.entry(id);
    entry.unrecognised += 1;
    if (!canPoll || entry.unrecognised >= this.o.maxUnrecognisedPolls) {
      this.finish(id, {
        status: 'unknown',
        error: {
          code: 'UNRECOGNISED_RESPONSE',
          message: `WebRun answered in a shape this app does not recognise${task.status === 'submitting' ? ' when the task was submitted' : ` ${entry.unrecognised} times in a row`}; the task may still be running. Answer: ${outcome.raw.slice(0, 200)}`,
        },
      });
      return;
    }
    if (task.status === 'submitting') this.change(id, { status: 'running' });
    this.schedulePoll(id);
  }

  /** Ends a task locally: terminal status, slot freed, its session released or closed. */
  finish(id: string, patch: TaskPatch & { status: TaskStatus }, event?: { kind: 'remote' | 'error'; payload?: unknown }): void {
    const task = this.change(id, { ...patch, endedAt: this.o.now(), question: null }, event);
    this.details.closeGuardrail(id, patch.status === 'completed' ? 'answered' : 'cancelled', this.o.now());
    this.polls.cancel(id);
    this.clearGuardrailTimer(id);
    this.release(id, task.sessionId);
    if (task.sessionId) void this.settleSession(task);
    this.queueChanged();
    this.dispatch();
  }

  private release(id: string, sessionId: string | null): void {
    this.active.delete(id);
    if (sessionId && this.busySessions.get(sessionId) === id) this.busySessions.delete(sessionId);
  }

  /**
   * After a task ends, its session bills on by the minute: a one-shot session ends by itself;
   * a session is terminated when no follow-up waits for it, unless the user keeps it open.
   */
  private async settleSession(task: StoredTask): Promise<void> {
    const sessionId = task.sessionId!;
    const session = this.sessions.get(sessionId);
    if (!session || session.status !== 'open') {
      this.links.detach(sessionId);
      return;
    }
    if (task.mode === 'oneshot') {
      if (task.status === 'completed' || task.status === 'failed') {
        this.sessions.end(sessionId, 'terminateOnCompletion', this.o.now());
        this.links.detach(sessionId);
      }
      return;
    }
    const waiting = this.store.queued().some((t) => t.sessionId === sessionId);
    if (waiting || session.keepOpen || this.busySessions.has(sessionId)) return;
    await this.terminateSession(sessionId).catch((error: unknown) => this.o.log(`terminating session ${sessionId}: ${asWebRunError(error).message}`));
  }

  async terminateSession(sessionId: string): Promise<void> {
    await this.client.setState(sessionId, 'terminate');
    this.sessions.end(sessionId, 'terminated', this.o.now());
    this.links.detach(sessionId);
    const busy = this.busySessions.get(sessionId);
    if (busy) this.finish(busy, { status: 'stopped', error: { code: 'TERMINATED', message: 'The session was terminated.' } });
  }

  /**
   * Runs work that nobody awaits (timers, socket events, dispatch). A failure there must not
   * become an unhandled rejection: a storage failure stops new work with its reason, and
   * anything else is logged.
   */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const problem = storageProblem(error);
      if (problem) {
        if (!this.paused) this.o.log(problem);
        this.paused = true;
        this.blockedReason = problem;
        this.o.onStorageFailure(problem);
        try {
          this.queueChanged();
        } catch {
          // Reporting needs no writes, but stay safe if it does.
        }
      } else {
        this.o.log(`unexpected error in the runner: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }

  // ── Polling ──────────────────────────────────────────────────────────────────────────

  private entry(id: string): { pollFailures: number; unrecognised: number; guardrailTimer: Timer | null } {
    let entry = this.active.get(id);
    if (!entry) {
      entry = { pollFailures: 0, unrecognised: 0, guardrailTimer: null };
      this.active.set(id, entry);
    }
    return entry;
  }

  private clearGuardrailTimer(id: string): void {
    const entry = this.active.get(id);
    if (entry?.guardrailTimer) {
      this.o.clearTimeout(entry.guardrailTimer);
      entry.guardrailTimer = null;
    }
  }

  private schedulePoll(id: string): void {
    const task = this.store.get(id);
    this.polls.schedule(id, this.links.healthy(task?.sessionId ?? null));
  }

  /** Follows a task again (a user's "check" of an unknown outcome): it takes a slot and is polled now. */
  track(id: string): void {
    const task = this.store.get(id)!;
    this.entry(id);
    if (task.sessionId) {
      this.busySessions.set(task.sessionId, id);
      this.attach(task.sessionId, this.sessions.get(task.sessionId)?.socketUrl ?? this.o.baseUrl);
    }
    this.polls.now(id);
    this.queueChanged();
  }

  /** Polls now (socket news, a control just sent, a user's "check"). */
  pollNow(id: string): void {
    this.polls.now(id);
  }

  private async poll(id: string): Promise<void> {
    const task = this.store.get(id);
    if (!task || !LIVE.includes(task.status) || this.closed) return;
    if (!task.pollUrl && !(task.sessionId && task.remoteTaskId)) return; // nothing to poll yet
    try {
      const outcome = await this.client.pollTask({ pollUrl: task.pollUrl, sessionId: task.sessionId, taskId: task.remoteTaskId });
      this.entry(id).pollFailures = 0;
      this.apply(id, outcome);
    } catch (error) {
      this.onPollError(id, asWebRunError(error));
    }
  }

  private onPollError(id: string, err: WebRunError): void {
    if (this.closed || err.kind === 'aborted') return;
    const task = this.store.get(id);
    if (!task || isTerminal(task.status)) return;
    if (err.kind === 'not_found' || err.kind === 'auth' || err.kind === 'forbidden') {
      this.finish(id, { status: 'failed', error: { code: err.code ?? err.kind.toUpperCase(), message: err.message } });
      return;
    }
    // A GET is safe to repeat: keep following the task, backing off while WebRun is unwell.
    const entry = this.entry(id);
    entry.pollFailures += 1;
    this.store.appendEvent(id, 'error', { kind: err.kind, status: err.status, message: err.message });
    if (err.retryAfterMs !== null) {
      this.polls.holdOff(id, err.retryAfterMs);
      return;
    }
    this.polls.at(id, Math.max(this.o.pollIntervalMs(), fullJitterDelay(entry.pollFailures, this.o.random, this.o.backoff)));
  }

  // ── Socket ───────────────────────────────────────────────────────────────────────────

  private attach(sessionId: string, socketUrl: string): void {
    if (this.o.useSockets && !this.closed) this.links.attach(sessionId, socketUrl);
  }

  private onSocketEvent(sessionId: string, event: SocketEvent): void {
    if (this.closed) return;
    const taskId = this.busySessions.get(sessionId);
    if (event.kind === 'end_session') {
      this.sessions.end(sessionId, event.reason, this.o.now());
      this.links.detach(sessionId);
    }
    if (!taskId) return;
    // Socket.IO may deliver an event twice (a reconnect, a retransmission): log it once.
    const fingerprint = `${event.kind}:${JSON.stringify(event)}`.slice(0, 500);
    const recent = this.recentEvents.get(sessionId) ?? [];
    if (recent.includes(fingerprint)) return;
    recent.push(fingerprint);
    if (recent.length > 50) recent.shift();
    this.recentEvents.set(sessionId, recent);

    this.store.appendEvent(taskId, 'remote', { socket: event.kind, event });
    const activity = activityOf(event);
    if (activity) {
      const at = this.o.now();
      this.o.onActivity({ taskId, at, kind: activity.kind, text: activity.text.slice(0, 2_000) });
      if (activity.kind === 'agent' || activity.kind === 'action') this.change(taskId, { lastActivity: activity.text.slice(0, 500) });
    }
    if (changesState(event)) this.polls.now(taskId);
  }

  private onSocketHealth(sessionId: string, healthy: boolean, resync: boolean): void {
    const taskId = this.busySessions.get(sessionId);
    if (!taskId || !this.active.has(taskId)) return;
    this.store.appendEvent(taskId, 'remote', { socket: healthy ? 'connected' : 'disconnected', resync });
    // Missed events, or back to fast polling: either way, learn the truth now.
    if (resync || !healthy) this.polls.now(taskId);
  }

  // ── Controls ─────────────────────────────────────────────────────────────────────────

  /**
   * Stops a task at WebRun and records `status` (stopped or cancelled). A one-shot task's
   * session is terminated too: nothing else will use it.
   */
  async stopRemote(id: string, status: 'stopped' | 'cancelled', reason: { code: string; message: string } | null, viaGuardrail = false): Promise<void> {
    const task = this.store.get(id)!;
    if (this.stopping.has(id)) return;
    this.stopping.add(id);
    try {
      await this.stopAtWebRun(task, viaGuardrail);
    } catch (error) {
      this.stopping.delete(id);
      throw error;
    }
    this.stopping.delete(id);
    const fresh = this.store.get(id)!;
    if (!isTerminal(fresh.status)) {
      if (fresh.status === 'needs_input') this.details.closeGuardrail(id, 'stopped', this.o.now());
      this.finish(id, { status, error: reason });
    }
  }

  private async stopAtWebRun(task: StoredTask, viaGuardrail: boolean): Promise<void> {
    if (task.sessionId) {
      try {
        if (viaGuardrail || task.status === 'needs_input') await this.deliverAnswer(task.sessionId, 'Stop the task.', 'stop');
        else await this.client.setState(task.sessionId, 'stop');
        if (task.mode === 'oneshot') {
          await this.client.setState(task.sessionId, 'terminate');
          this.sessions.end(task.sessionId, 'terminated', this.o.now());
        }
      } catch (error) {
        const err = asWebRunError(error);
        // Already over at WebRun is fine; anything else is reported and the task kept.
        if (err.kind !== 'not_found') throw err;
      }
    }
  }

  /** Delivers a guardrail answer, retrying only what cannot have arrived, and never twice at once. */
  async answer(id: string, answer: string): Promise<void> {
    const task = this.store.get(id)!;
    if (task.status !== 'needs_input' || !task.sessionId) throw new Error('This task is not waiting for an answer.');
    if (this.answering.has(id)) throw new Error('An answer to this question is already being sent.');
    this.answering.add(id);
    try {
      await this.deliverAnswer(task.sessionId, answer, 'resume');
    } finally {
      this.answering.delete(id);
    }
    this.details.closeGuardrail(id, 'answered', this.o.now());
    this.clearGuardrailTimer(id);
    // The answer itself goes nowhere but WebRun: not in the event, not in the log.
    this.change(id, { status: 'running', question: null }, { kind: 'remote', payload: { guardrail: 'answered' } });
    // Answered here for a task another process follows: that process polls it, not this one.
    if (this.active.has(id)) this.polls.now(id);
  }

  isAnswering(id: string): boolean {
    return this.answering.has(id);
  }

  private async deliverAnswer(sessionId: string, answer: string, newState: 'resume' | 'stop'): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.answerGuardrail(sessionId, answer, newState);
        return;
      } catch (error) {
        const err = asWebRunError(error);
        if (!err.transient || attempt >= 4) throw err;
        const delay = err.retryAfterMs ?? fullJitterDelay(attempt, this.o.random, this.o.backoff);
        await new Promise<void>((resolve) => this.o.setTimeout(resolve, delay));
      }
    }
  }
}
