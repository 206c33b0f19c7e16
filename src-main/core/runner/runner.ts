// The runner: sends queued tasks to WebRun, follows them to their end, and writes every step
// to the store before acting on it. Polling decides; the socket makes it fast. It never
// resends a request whose fate is unknown: that could make the user pay twice.
//
// This file keeps the queue (dispatch, slots, recovery) and wires the parts, each with one
// job: submission.ts sends, task-follower.ts follows, task-controls.ts carries out controls;
// error-policy.ts and outcome-plan.ts decide, as pure functions.
import type { QueueStatus, TaskStatus } from '../../contract/schemas';
import { storageProblem } from '../store/storage-errors';
import type { SessionStore } from '../sessions/session-store';
import type { TaskDetailsStore } from '../tasks/task-details-store';
import type { StoredTask, TaskPatch, TaskStore } from '../tasks/task-store';
import type { TaskOutcome } from '../webrun/types';
import { adoptTask } from './adopt';
import { NetworkLog } from './network-log';
import { PollScheduler } from './poll-scheduler';
import {
  newTracked,
  type RunnerContext,
  type TaskEventInput,
  type Tracked,
} from './runner-context';
import {
  resolveOptions,
  type ResolvedOptions,
  type RunnerClient,
  type RunnerOptions,
  type Timer,
} from './runner-options';
import { SessionLinks } from './session-links';
import { SocketFollower } from './socket-follower';
import { Submission } from './submission';
import { TaskControls } from './task-controls';
import { TaskFollower } from './task-follower';
import { WriteScope } from './write-scope';

export type { RunnerClient, RunnerOptions } from './runner-options';
export { sessionEndText } from './session-end';

/** A write the store refused (busy, full) is tried again after this long. */
const SETTLE_RETRY_MS = 1_000;

export class Runner implements RunnerContext {
  readonly o: ResolvedOptions;
  readonly store: TaskStore;
  readonly details: TaskDetailsStore;
  readonly sessions: SessionStore;
  readonly client: RunnerClient;
  readonly polls: PollScheduler;
  readonly networkLog: NetworkLog;
  readonly links: SessionLinks;
  readonly tracked = new Map<string, Tracked>();
  readonly busySessions = new Map<string, string>();
  readonly stopping = new Set<string>();
  readonly writes: WriteScope;
  /** Everything a person (or the runner itself) asks of a task: the only way to control one. */
  readonly controls: TaskControls;
  private readonly follower: TaskFollower;
  private readonly socketFollower: SocketFollower;
  private readonly submission: Submission;
  /** Tasks enqueued by this runner (see onlyOwnTasks). */
  private readonly own = new Set<string>();
  /** Submissions in flight, by task: settled once WebRun's answer (or the failure) is written. */
  private readonly sending = new Map<string, Promise<void>>();
  private dispatchTimer: Timer | null = null;
  /** Fate-deciding writes the store refused, tried again on a timer (see settle). */
  private readonly retrying = new Map<string, Timer>();
  private closed = false;
  private storageReason: string | null = null;
  paused = false;

  constructor(options: RunnerOptions) {
    this.store = options.store;
    this.details = options.details;
    this.sessions = options.sessions;
    this.client = options.client;
    this.o = resolveOptions(options);
    this.paused = this.o.paused;
    this.writes = new WriteScope(
      (step) => this.store.transaction(step),
      () => this.store.inTransaction(),
    );
    this.polls = new PollScheduler({
      poll: (id) => this.guard(() => this.follower.poll(id)),
      setTimeout: this.o.setTimeout,
      clearTimeout: this.o.clearTimeout,
      now: this.o.now,
      random: this.o.random,
      intervalMs: this.o.pollIntervalMs,
      healthyIntervalMs: this.o.healthyPollIntervalMs,
    });
    this.networkLog = new NetworkLog(
      this.details,
      (_taskId, error) =>
        void this.guard(async () => {
          throw error;
        }),
    );
    this.socketFollower = new SocketFollower(this);
    this.links = new SessionLinks(
      {
        onEvent: (sid, event) => this.socketFollower.event(sid, event),
        onHealth: (sid, healthy, resync) => this.socketFollower.health(sid, healthy, resync),
      },
      options.channelFactory,
    );
    this.follower = new TaskFollower(this, (id, status, reason, viaGuardrail) =>
      this.controls.stop(id, status, reason, viaGuardrail),
    );
    this.controls = new TaskControls(this, this.follower, () => this.dispatch());
    this.submission = new Submission(this, this.follower);
  }

  // ── Queue ────────────────────────────────────────────────────────────────────────────

  /** Queues a stored task (created by the caller). */
  enqueue(task: StoredTask): void {
    this.own.add(task.id);
    this.o.onTaskChanged(task);
    this.dispatch();
  }

  /**
   * Picks up what a previous run left unfinished, at once (a task another live process holds,
   * the MCP server's, stays with it).
   */
  recover(): void {
    for (const task of this.store.unfinished()) {
      if (!this.o.heldElsewhere(task.id)) this.adopt(task);
    }
    this.dispatch();
  }

  /** Follows one unfinished task another run (or a process now gone) left (see adopt.ts). */
  adopt(task: StoredTask): void {
    if (this.closed || this.tracked.has(task.id) || task.status === 'queued') return;
    adoptTask(this, this.follower, task);
  }

  status(): QueueStatus {
    return {
      paused: this.paused,
      queued: this.store.countQueued(),
      active: this.tracked.size,
      concurrency: this.o.concurrency(),
      blockedUntil: this.submission.blockedUntilAt(),
      blockedReason: this.storageReason ?? this.submission.blockedReason,
      refused: this.submission.refused,
    };
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.storageReason = null;
    this.queueChanged();
    if (!paused) this.dispatch();
  }

  activeCount(): number {
    return this.tracked.size;
  }

  isActive(id: string): boolean {
    return this.tracked.has(id);
  }

  /**
   * Resolves once this process's submission of the task (if one is in flight) has ended and its
   * answer is written: WebRun's answer must not be left behind when this process exits (drain.ts).
   */
  sent(id: string): Promise<void> | null {
    return this.sending.get(id) ?? null;
  }

  inFlight(): ReadonlyMap<string, Promise<void>> {
    return new Map(this.sending);
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Claims no queued task but `keep` from now on: the host is closing (drain.ts). */
  stopClaiming(keep: ReadonlySet<string>): void {
    this.submission.stopClaiming(keep);
  }

  /** True when a task holding a slot has something that will move it: a poll planned or a live socket. */
  isFollowed(id: string): boolean {
    const task = this.store.get(id);
    return (
      this.polls.isScheduled(id) ||
      this.retrying.has(id) ||
      this.links.healthy(task?.sessionId ?? null)
    );
  }

  settle(id: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      if (this.closed) throw error;
      const previous = this.retrying.get(id);
      if (previous) this.o.clearTimeout(previous);
      this.retrying.set(
        id,
        this.o.setTimeout(() => {
          this.retrying.delete(id);
          // Its caller's dispatch was skipped when the first try threw: a requeued task goes on.
          void this.guard(async () => (this.settle(id, write), this.dispatch()));
        }, SETTLE_RETRY_MS),
      );
      throw error;
    }
  }

  close(): void {
    this.follower.flushAnswers(); // before anything stops: WebRun's ids above all
    this.closed = true;
    if (this.dispatchTimer) this.o.clearTimeout(this.dispatchTimer);
    this.polls.close();
    this.links.close();
    this.networkLog.stop();
    for (const timer of this.retrying.values()) this.o.clearTimeout(timer);
    for (const entry of this.tracked.values()) {
      if (entry.guardrailTimer) this.o.clearTimeout(entry.guardrailTimer);
      if (entry.deadlineTimer) this.o.clearTimeout(entry.deadlineTimer);
    }
  }

  /** Runs dispatch again soon (after settings or budget changes). */
  kick(): void {
    this.dispatch();
  }

  /** Applies an answer about a task (tests and the socket path use it). */
  apply(id: string, outcome: TaskOutcome): void {
    this.follower.apply(id, outcome);
  }

  /** Polls now (socket news, a control just sent). */
  pollNow(id: string): void {
    this.polls.now(id);
  }

  queueChanged(): void {
    this.o.onQueueChanged(this.status());
  }

  change(id: string, patch: TaskPatch, event?: TaskEventInput): StoredTask {
    const task = this.store.update(id, patch, event);
    this.writes.afterCommit(() => this.o.onTaskChanged(task));
    return task;
  }

  finish(id: string, patch: TaskPatch & { status: TaskStatus }, event?: TaskEventInput): void {
    // The end and its guardrail's close are one write; the slot is let go once it is stored.
    this.writes.run(() => {
      const task = this.change(id, { ...patch, endedAt: this.o.now(), question: null }, event);
      this.details.closeGuardrail(
        id,
        patch.status === 'completed' ? 'answered' : 'cancelled',
        this.o.now(),
      );
      // A one-shot session ends with its task in this step, not in a commit of its own after it.
      if (task.sessionId && task.mode === 'oneshot' && /^(completed|failed)$/.test(task.status))
        this.sessions.end(task.sessionId, 'terminateOnCompletion', this.o.now());
      this.writes.afterCommit(() => {
        this.polls.cancel(id);
        const entry = this.tracked.get(id);
        if (entry?.guardrailTimer) this.o.clearTimeout(entry.guardrailTimer);
        if (entry?.deadlineTimer) this.o.clearTimeout(entry.deadlineTimer);
        this.release(id, task.sessionId);
        if (task.sessionId) void this.guard(() => this.controls.settleSession(task));
        this.queueChanged();
        this.dispatch();
      });
    });
  }

  entry(id: string): Tracked {
    let entry = this.tracked.get(id);
    if (!entry) {
      entry = newTracked();
      this.tracked.set(id, entry);
    }
    return entry;
  }

  release(id: string, sessionId: string | null): void {
    this.tracked.delete(id);
    if (sessionId && this.busySessions.get(sessionId) === id) {
      this.busySessions.delete(sessionId);
      // Its duplicate-event fingerprints served only this task: kept, they grew with every task.
      this.forgetSession(sessionId);
    }
  }

  forgetSession(sessionId: string): void {
    this.socketFollower.forgetSession(sessionId);
  }

  attach(sessionId: string, socketUrl: string): void {
    this.writes.afterCommit(() => {
      if (this.o.useSockets && !this.closed) this.links.attach(sessionId, socketUrl);
    });
  }

  dispatch(): void {
    // A task is claimed (and sent) only from stored state: never inside a step not yet committed.
    if (this.writes.open) return this.writes.afterCommit(() => this.dispatch());
    if (this.closed || this.paused) return;
    const wait = this.submission.waitMs();
    if (wait > 0) {
      this.dispatchTimer ??= this.o.setTimeout(() => {
        this.dispatchTimer = null;
        this.submission.blockedReason = null;
        void this.guard(async () => this.dispatch());
      }, wait);
      return;
    }
    let started = false;
    let blocked = false;
    while (this.tracked.size < this.o.concurrency()) {
      const next = this.nextQueued();
      if (!next) break;
      const blocker = this.o.dispatchBlocker();
      this.submission.blockedReason = blocker;
      if (blocker) {
        blocked = true;
        break;
      }
      started = true;
      this.tracked.set(next.id, newTracked());
      if (next.sessionId) this.busySessions.set(next.sessionId, next.id);
      const sent = this.guard(() => this.submission.send(next));
      this.sending.set(next.id, sent);
      void sent.finally(() => this.sending.get(next.id) === sent && this.sending.delete(next.id));
    }
    if (started || blocked) this.queueChanged();
  }

  /** The first queued task that can go now: a follow-up waits while its session is busy. */
  private nextQueued(): StoredTask | null {
    // A few ids at a time: usually the first can go, and reading the whole queue per
    // dispatch was most of the runner's cost with a long queue.
    const PAGE = 8;
    for (let offset = 0; ; offset += PAGE) {
      const page = this.store.queuedIds(PAGE, offset);
      if (page.length === 0) return null;
      for (const { id, sessionId } of page) {
        if (this.tracked.has(id) || !this.submission.mayClaim(id)) continue; // tracked: waits for a slot
        if (this.o.onlyOwnTasks && !this.own.has(id)) continue;
        if (!this.own.has(id) && this.o.heldElsewhere(id)) continue;
        if (sessionId && this.busySessions.has(sessionId)) continue;
        const session = sessionId ? this.sessions.get(sessionId) : null;
        if (!sessionId || (session && session.status === 'open')) {
          const task = this.store.get(id);
          if (task?.status === 'queued') return task;
          continue;
        }
        this.change(id, {
          status: 'failed',
          endedAt: this.o.now(),
          error: {
            code: 'SESSION_ENDED',
            message: `Session ${sessionId} has ended; run the task again as a new one.`,
          },
        });
        offset -= 1; // that row left the queue
      }
    }
  }

  /**
   * Runs work that nobody awaits (timers, socket events, dispatch). A failure there must not
   * become an unhandled rejection: a storage failure stops new work with its reason, and
   * anything else is logged.
   */
  async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const problem = storageProblem(error);
      if (problem) {
        if (!this.paused) this.o.log(problem);
        this.paused = true;
        this.storageReason = problem;
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
}
