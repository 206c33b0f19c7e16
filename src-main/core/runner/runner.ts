// The runner: sends queued tasks to WebRun, follows them to a terminal state by polling, and
// writes every step to the store before acting on it. It never resends a request whose fate
// is unknown: that could make the user pay twice.
import { TERMINAL_STATUSES, type TaskStatus } from '../../contract/schemas';
import type { StoredTask, TaskPatch, TaskStore } from '../store/task-store';
import type { WebRunClient } from '../webrun/client';
import { WebRunError } from '../webrun/errors';
import type { TaskOutcome } from '../webrun/types';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffOptions } from './backoff';
import { toUsageView } from './usage-view';

type Timer = ReturnType<typeof setTimeout>;

/** What the runner needs of the WebRun client (tests pass a scripted one). */
export type RunnerClient = Pick<WebRunClient, 'runTask' | 'pollTask'>;

export interface RunnerOptions {
  store: TaskStore;
  client: RunnerClient;
  /** Called after every stored change, with the task as stored. */
  onTaskChanged: (task: StoredTask) => void;
  now?: () => number;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => Timer;
  clearTimeout?: (timer: Timer) => void;
  /** Running tasks at once (WebRun's default concurrent-session limit is 5). */
  concurrency?: number;
  /** WebRun asks clients to poll every 2–3 s; jitter spreads many tasks' polls apart. */
  pollIntervalMs?: { min: number; max: number };
  backoff?: BackoffOptions;
  /** Consecutive unreadable poll answers before the task is marked unknown. */
  maxUnrecognisedPolls?: number;
  log?: (line: string) => void;
}

const SLOT_HOLDING: readonly TaskStatus[] = ['submitting', 'running', 'needs_input', 'paused'];

function isTerminal(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.includes(status) || status === 'unknown';
}

export class Runner {
  private readonly store: TaskStore;
  private readonly client: RunnerClient;
  private readonly notify: (task: StoredTask) => void;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => Timer;
  private readonly clearTimer: (timer: Timer) => void;
  private readonly concurrency: number;
  private readonly pollInterval: { min: number; max: number };
  private readonly backoff: BackoffOptions;
  private readonly maxUnrecognised: number;
  private readonly log: (line: string) => void;

  private readonly queue: string[] = [];
  private readonly active = new Set<string>();
  private readonly pollTimers = new Map<string, Timer>();
  private readonly inflight = new Map<string, AbortController>();
  private readonly pollFailures = new Map<string, number>();
  private readonly unrecognised = new Map<string, number>();
  private submitFailures = 0;
  private dispatchBlockedUntil = 0;
  private dispatchTimer: Timer | null = null;
  private closed = false;

  constructor(options: RunnerOptions) {
    this.store = options.store;
    this.client = options.client;
    this.notify = options.onTaskChanged;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? ((timer) => clearTimeout(timer));
    this.concurrency = options.concurrency ?? 5;
    this.pollInterval = options.pollIntervalMs ?? { min: 2_000, max: 3_000 };
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.maxUnrecognised = options.maxUnrecognisedPolls ?? 10;
    this.log = options.log ?? (() => {});
  }

  /** Queues a new task and returns it as stored. */
  submit(input: { prompt: string; startingUrl: string | null }): StoredTask {
    const task = this.store.create({ id: crypto.randomUUID(), prompt: input.prompt, startingUrl: input.startingUrl, createdAt: this.now() });
    this.notify(task);
    this.queue.push(task.id);
    this.dispatch();
    return task;
  }

  /**
   * Picks up what a previous run left unfinished. A task caught mid-submission without remote
   * ids may or may not exist at WebRun, so it becomes `unknown` rather than being resent.
   */
  recover(): void {
    for (const task of this.store.unfinished()) {
      if (task.status === 'queued') {
        this.queue.push(task.id);
      } else if (task.status === 'submitting' && !task.pollUrl && !(task.sessionId && task.remoteTaskId)) {
        this.change(task.id, {
          status: 'unknown',
          error: { code: 'OUTCOME_UNKNOWN', message: 'The app stopped while this task was being submitted; it may or may not be running at WebRun.' },
        });
      } else {
        this.active.add(task.id);
        if (task.status === 'submitting') this.change(task.id, { status: 'running' });
        this.schedulePoll(task.id, 0);
      }
    }
    this.dispatch();
  }

  close(): void {
    this.closed = true;
    if (this.dispatchTimer) this.clearTimer(this.dispatchTimer);
    for (const timer of this.pollTimers.values()) this.clearTimer(timer);
    this.pollTimers.clear();
    for (const controller of this.inflight.values()) controller.abort();
  }

  /** Tasks holding a slot right now (for tests and the status bar). */
  activeCount(): number {
    return this.active.size;
  }

  private change(id: string, patch: TaskPatch, event?: { kind: 'remote' | 'error'; payload?: unknown }): StoredTask {
    const task = this.store.update(id, patch, event);
    this.notify(task);
    return task;
  }

  private dispatch(): void {
    if (this.closed) return;
    const wait = this.dispatchBlockedUntil - this.now();
    if (wait > 0) {
      if (!this.dispatchTimer && this.queue.length > 0) {
        this.dispatchTimer = this.setTimer(() => {
          this.dispatchTimer = null;
          this.dispatch();
        }, wait);
      }
      return;
    }
    while (this.active.size < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.active.add(id);
      void this.send(id);
    }
  }

  private async send(id: string): Promise<void> {
    const task = this.change(id, { status: 'submitting', startedAt: this.now(), error: null });
    const controller = new AbortController();
    this.inflight.set(id, controller);
    try {
      const outcome = await this.client.runTask({ prompt: task.prompt, startingUrl: task.startingUrl }, undefined, { signal: controller.signal });
      this.submitFailures = 0;
      this.apply(id, outcome, 'submit');
    } catch (error) {
      this.handleSubmitError(id, error);
    } finally {
      this.inflight.delete(id);
    }
  }

  private handleSubmitError(id: string, error: unknown): void {
    if (this.closed) return;
    const err = error instanceof WebRunError ? error : new WebRunError({ kind: 'server', message: String(error), cause: error });
    if (err.kind === 'aborted') return;
    this.active.delete(id);
    if (err.outcomeUnknown) {
      this.change(id, { status: 'unknown', error: { code: 'OUTCOME_UNKNOWN', message: `${err.message} The task may or may not have started at WebRun; check it or submit it again.` } }, { kind: 'error', payload: { kind: err.kind } });
    } else if (err.transient || err.code === 'SESSION_LIMIT_REACHED') {
      // Nothing was started: the task goes back to the front of the queue and every
      // dispatch waits, honouring Retry-After when WebRun gave one.
      const delay = err.retryAfterMs ?? fullJitterDelay(this.submitFailures++, this.random, this.backoff);
      this.dispatchBlockedUntil = Math.max(this.dispatchBlockedUntil, this.now() + delay);
      this.change(id, { status: 'queued', startedAt: null }, { kind: 'error', payload: { kind: err.kind, status: err.status, message: err.message, retryInMs: delay } });
      this.queue.unshift(id);
      this.log(`task ${id}: ${err.message}; retrying in ${delay} ms`);
    } else {
      this.finish(id, { status: 'failed', error: { code: err.code ?? err.kind.toUpperCase(), message: err.message } });
      return;
    }
    this.dispatch();
  }

  private apply(id: string, outcome: TaskOutcome, phase: 'submit' | 'poll'): void {
    const current = this.store.get(id);
    if (!current || isTerminal(current.status) || this.closed) return;
    const remote = { state: outcome.state, raw: outcome.raw.slice(0, 4_000) };
    // Remote ids first, in their own write: a crash after this line can still find the task.
    const ids: TaskPatch = {};
    if (outcome.sessionId && !current.sessionId) ids.sessionId = outcome.sessionId;
    if (outcome.taskId && !current.remoteTaskId) ids.remoteTaskId = outcome.taskId;
    if (outcome.pollUrl && !current.pollUrl) ids.pollUrl = outcome.pollUrl;
    if (Object.keys(ids).length > 0) this.change(id, ids, { kind: 'remote', payload: remote });
    else this.store.appendEvent(id, 'remote', remote);

    const elapsed = current.startedAt === null ? null : this.now() - current.startedAt;
    const { usage, costSource } = toUsageView(outcome.usage, elapsed);
    const withUsage: TaskPatch = usage ? { usage, costSource } : {};

    switch (outcome.state) {
      case 'completed':
        this.finish(id, { status: 'completed', resultMessage: outcome.message, ...withUsage });
        return;
      case 'failed':
        this.finish(id, { status: 'failed', error: { code: outcome.code, message: outcome.message ?? 'WebRun reported the task as failed.' }, ...withUsage });
        return;
      case 'terminated':
        this.finish(id, { status: 'stopped', error: { code: 'TERMINATED', message: outcome.message ?? 'The session was terminated.' }, ...withUsage });
        return;
      case 'needs_input':
        this.unrecognised.delete(id);
        this.change(id, { status: 'needs_input', ...withUsage });
        return;
      case 'pending':
      case 'running':
        this.unrecognised.delete(id);
        this.change(id, { status: 'running', ...withUsage });
        this.schedulePoll(id);
        return;
      case 'unrecognised':
        this.handleUnrecognised(id, outcome, phase);
        return;
    }
  }

  private handleUnrecognised(id: string, outcome: TaskOutcome, phase: 'submit' | 'poll'): void {
    const task = this.store.get(id)!;
    const canPoll = Boolean(task.pollUrl || (task.sessionId && task.remoteTaskId));
    const count = (this.unrecognised.get(id) ?? 0) + 1;
    this.unrecognised.set(id, count);
    if (!canPoll || count >= this.maxUnrecognised) {
      this.finish(id, {
        status: 'unknown',
        error: {
          code: 'UNRECOGNISED_RESPONSE',
          message: `WebRun answered in a shape this app does not recognise${phase === 'submit' ? ' when the task was submitted' : ` ${count} times in a row`}; the task may still be running. Answer: ${outcome.raw.slice(0, 200)}`,
        },
      });
      return;
    }
    if (task.status === 'submitting') this.change(id, { status: 'running' });
    this.schedulePoll(id);
  }

  private finish(id: string, patch: TaskPatch & { status: TaskStatus }): void {
    this.change(id, { ...patch, endedAt: this.now() });
    const timer = this.pollTimers.get(id);
    if (timer) this.clearTimer(timer);
    this.pollTimers.delete(id);
    this.pollFailures.delete(id);
    this.unrecognised.delete(id);
    this.active.delete(id);
    this.dispatch();
  }

  private schedulePoll(id: string, delayMs?: number): void {
    if (this.closed || this.pollTimers.has(id)) return;
    const { min, max } = this.pollInterval;
    const delay = delayMs ?? min + Math.floor(this.random() * (max - min));
    this.pollTimers.set(
      id,
      this.setTimer(() => {
        this.pollTimers.delete(id);
        void this.poll(id);
      }, delay),
    );
  }

  private async poll(id: string): Promise<void> {
    // At most one poll in flight per task.
    if (this.inflight.has(id) || this.closed) return;
    const task = this.store.get(id);
    if (!task || isTerminal(task.status) || !SLOT_HOLDING.includes(task.status)) return;
    const controller = new AbortController();
    this.inflight.set(id, controller);
    try {
      const outcome = await this.client.pollTask({ pollUrl: task.pollUrl, sessionId: task.sessionId, taskId: task.remoteTaskId }, { signal: controller.signal });
      this.pollFailures.delete(id);
      this.apply(id, outcome, 'poll');
    } catch (error) {
      this.handlePollError(id, error);
    } finally {
      this.inflight.delete(id);
    }
  }

  private handlePollError(id: string, error: unknown): void {
    if (this.closed) return;
    const err = error instanceof WebRunError ? error : new WebRunError({ kind: 'server', message: String(error), cause: error });
    if (err.kind === 'aborted') return;
    if (err.kind === 'not_found' || err.kind === 'auth' || err.kind === 'forbidden') {
      this.finish(id, { status: 'failed', error: { code: err.code ?? err.kind.toUpperCase(), message: err.message } });
      return;
    }
    // A GET is safe to repeat: keep following the task, backing off while WebRun is unwell.
    const failures = (this.pollFailures.get(id) ?? 0) + 1;
    this.pollFailures.set(id, failures);
    this.store.appendEvent(id, 'error', { kind: err.kind, status: err.status, message: err.message });
    const delay = err.retryAfterMs ?? Math.max(this.pollInterval.min, fullJitterDelay(failures, this.random, this.backoff));
    this.schedulePoll(id, delay);
  }
}
