// The only code that sends a control to WebRun (pause, resume, stop, terminate, take over,
// release, answer) or writes a task's status on the user's behalf (cancel, check, move).
// Handlers call it; the runner calls it for its own stops (cost cap, unanswered question).
// Each control checks the task's state first and refuses with a reason a person can read.
import { DeskError } from '../../contract/dispatch';
import { HAS_REMOTE_IDS, isEnded } from '../../contract/task-status';
import type { TaskPatch } from '../store/task-row';
import type { StoredTask } from '../store/task-store';
import type { Usage } from '../webrun/types';
import { mergeUsage } from './outcome-plan';
import { toUsageView } from './usage-view';
import { WebRunError } from '../webrun/errors';
import { fullJitterDelay } from './backoff';
import type { RunnerContext } from './runner-context';
import type { TaskFollower } from './task-follower';

type Reason = { code: string; message: string } | null;

/** How long a stop waits for its one last poll (the cost) before it is recorded without it. */
const STOP_POLL_WAIT_MS = 5_000;

/** Runs a call to WebRun, turning its failure into a message for the person who asked. */
export async function remote<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DeskError) throw error;
    const message = error instanceof WebRunError ? error.message : String(error);
    throw new DeskError('remote', `Could not ${what}: ${message}`);
  }
}

function asWebRunError(error: unknown): WebRunError {
  return error instanceof WebRunError
    ? error
    : new WebRunError({ kind: 'server', message: String(error), cause: error });
}

export class TaskControls {
  private readonly answering = new Set<string>();
  /** Why the store takes no writes (a newer or unwritable file), or null. */
  readOnlyReason: () => string | null = () => null;

  constructor(
    private readonly c: RunnerContext,
    private readonly follower: TaskFollower,
    /** Asks the runner to look at its queue again (after a move). */
    private readonly kick: () => void,
  ) {}

  private writable(): void {
    const reason = this.readOnlyReason();
    if (reason) throw new DeskError('unavailable', reason);
  }

  private get(id: string): StoredTask {
    const task = this.c.store.get(id);
    if (!task) throw new DeskError('not_found', `No task with id ${id}.`);
    return task;
  }

  /** A task WebRun is running for us, with its session: the only kind a control can reach. */
  private live(id: string, action: string): StoredTask & { sessionId: string } {
    this.writable();
    const task = this.get(id);
    if (task.status === 'submitting')
      throw new DeskError('conflict', `The task is being submitted; ${action} it in a moment.`);
    if (!HAS_REMOTE_IDS.has(task.status) || !task.sessionId) {
      throw new DeskError(
        'conflict',
        `Only a running task can be ${action === 'stop' ? 'stopped' : `${action}d`}; this one is ${task.status.replace('_', ' ')}.`,
      );
    }
    return task as StoredTask & { sessionId: string };
  }

  // ── On the user's word ───────────────────────────────────────────────────────────────

  async cancel(id: string): Promise<void> {
    this.writable();
    const task = this.get(id);
    if (task.status === 'queued') {
      this.c.change(id, {
        status: 'cancelled',
        endedAt: this.c.o.now(),
        error: { code: 'CANCELLED', message: 'Cancelled before it was sent.' },
      });
      return;
    }
    this.live(id, 'cancel');
    await remote('cancel the task', () =>
      this.stop(id, 'cancelled', { code: 'CANCELLED', message: 'Cancelled by the user.' }),
    );
  }

  async userStop(id: string): Promise<void> {
    this.live(id, 'stop');
    await remote('stop the task', () =>
      this.stop(id, 'stopped', { code: 'STOPPED', message: 'Stopped by the user.' }),
    );
  }

  async pause(id: string): Promise<void> {
    const task = this.live(id, 'pause');
    if (task.status !== 'running')
      throw new DeskError(
        'conflict',
        `Only a running task can be paused; this one is ${task.status.replace('_', ' ')}.`,
      );
    await remote('pause the task', () => this.c.client.setState(task.sessionId, 'pause'));
    this.c.change(id, { status: 'paused' });
    // WebRun does not count a pause against maxDuration: the deadline restarts on resume.
    this.follower.clearDeadline(id);
  }

  async resume(id: string): Promise<void> {
    const task = this.live(id, 'resume');
    if (task.status !== 'paused')
      throw new DeskError('conflict', 'Only a paused task can be resumed.');
    await remote('resume the task', () => this.c.client.setState(task.sessionId, 'resume'));
    this.c.change(id, { status: 'running' });
    this.follower.armDeadline(id, true);
    this.c.polls.now(id);
  }

  /** Follows an `unknown` task again: it takes a slot and is polled now. */
  check(id: string): void {
    this.writable();
    const task = this.get(id);
    if (task.status !== 'unknown')
      throw new DeskError('conflict', 'Only a task whose outcome is unknown needs checking.');
    if (!task.pollUrl && !(task.sessionId && task.remoteTaskId)) {
      throw new DeskError(
        'conflict',
        'WebRun never told us this task’s ids, so it cannot be checked; submit it again if you need it.',
      );
    }
    const c = this.c;
    c.change(id, { status: 'running', endedAt: null, error: null });
    c.entry(id);
    if (task.sessionId) {
      c.busySessions.set(task.sessionId, id);
      c.attach(task.sessionId, c.sessions.get(task.sessionId)?.socketUrl ?? c.o.baseUrl);
    }
    this.follower.armDeadline(id, true);
    c.polls.now(id);
    c.queueChanged();
  }

  isAnswering(id: string): boolean {
    return this.answering.has(id);
  }

  /** Delivers a guardrail answer, retrying only what cannot have arrived, and never twice at once. */
  async answer(id: string, answer: string, by?: 'app' | 'cli'): Promise<void> {
    this.writable();
    const task = this.get(id);
    if (task.status !== 'needs_input' || !task.sessionId)
      throw new DeskError(
        'conflict',
        'This question has already been answered or the task has ended.',
      );
    if (this.answering.has(id))
      throw new DeskError('conflict', 'An answer to this question is already being sent.');
    this.answering.add(id);
    try {
      await remote('send the answer', () => this.deliverAnswer(task.sessionId!, answer, 'resume'));
    } finally {
      this.answering.delete(id);
    }
    const c = this.c;
    c.details.closeGuardrail(id, 'answered', c.o.now());
    this.follower.clearGuardrailTimer(id);
    // The answer itself goes nowhere but WebRun: not in the event, not in the log.
    c.change(
      id,
      { status: 'running', question: null },
      { kind: 'remote', payload: { guardrail: 'answered' } },
    );
    if (by) c.store.appendEvent(id, 'remote', { answeredBy: by });
    // Answered here for a task another process follows (the MCP server's): that process
    // polls it and keeps its deadline, not this one.
    if (!c.tracked.has(id)) return;
    this.follower.armDeadline(id, true);
    c.polls.now(id);
  }

  async takeOver(id: string): Promise<string | null> {
    const task = this.live(id, 'take over');
    await remote('take over the browser', () =>
      this.c.client.interact(task.sessionId, { type: 'takeOverControl' }),
    );
    this.c.store.appendEvent(id, 'remote', { control: 'takeOverControl' });
    return this.c.sessions.get(task.sessionId)?.webViewUrl ?? null;
  }

  async release(id: string): Promise<void> {
    const task = this.live(id, 'release');
    await remote('hand the browser back', () =>
      this.c.client.interact(task.sessionId, { type: 'releaseControl' }),
    );
    this.c.store.appendEvent(id, 'remote', { control: 'releaseControl' });
  }

  /** Moves a queued task to another priority, or before another queued task. */
  move(id: string, priority: number | undefined, before: string | null | undefined): void {
    this.writable();
    const store = this.c.store;
    const task = this.get(id);
    if (task.status !== 'queued')
      throw new DeskError('conflict', 'Only a queued task can be moved.');
    const level = priority ?? task.priority;
    const peers = store.queued().filter((t) => t.priority === level && t.id !== task.id);
    const index = before ? peers.findIndex((t) => t.id === before) : -1;
    if (before && index < 0)
      throw new DeskError('not_found', 'The task to move before is not queued at that priority.');
    const orderOf = (t: StoredTask): number => store.queueOrder(t.id);
    let order: number;
    if (index < 0) order = peers.length ? orderOf(peers[peers.length - 1]!) + 1 : this.c.o.now();
    else if (index === 0) order = orderOf(peers[0]!) - 1;
    else order = (orderOf(peers[index - 1]!) + orderOf(peers[index]!)) / 2;
    this.c.change(id, { priority: level, queueOrder: order });
    this.kick();
  }

  /** Terminates a session at WebRun; a session already gone there is recorded as ended. */
  async terminate(sessionId: string): Promise<void> {
    await remote('terminate the session', async () => {
      try {
        await this.terminateSession(sessionId);
      } catch (error) {
        // Already gone at WebRun: it bills no more, so record it as ended.
        if (error instanceof WebRunError && error.kind === 'not_found')
          this.c.sessions.end(sessionId, 'not_found', this.c.o.now());
        else throw error;
      }
    });
  }

  // ── On the runner's word ─────────────────────────────────────────────────────────────

  /**
   * Stops a task at WebRun and records `status` (stopped or cancelled). A one-shot task's
   * session is terminated too: nothing else will use it.
   */
  async stop(
    id: string,
    status: 'stopped' | 'cancelled',
    reason: Reason,
    viaGuardrail = false,
  ): Promise<void> {
    const c = this.c;
    const task = c.store.get(id)!;
    if (c.stopping.has(id)) return;
    c.stopping.add(id);
    let cost: TaskPatch = {};
    try {
      const answered = await this.stopAtWebRun(task, viaGuardrail);
      // A question's stop is its answer, recorded at once; a running task's stop reads its cost.
      if (!viaGuardrail && task.status !== 'needs_input')
        cost = await this.costAtStop(id, answered);
    } finally {
      c.stopping.delete(id);
    }
    const fresh = c.store.get(id)!;
    if (!isEnded(fresh.status)) {
      if (fresh.status === 'needs_input') c.details.closeGuardrail(id, 'stopped', c.o.now());
      c.finish(id, { status, error: reason, ...cost });
    }
  }

  /**
   * What a stopped task cost: the figure the stop's answer carries, else one last poll's, never
   * lower than the cost already known (a healthy socket means few polls, so the history may
   * hold no figure at all). A failed poll keeps what is known.
   */
  private async costAtStop(id: string, answered: Usage | null): Promise<TaskPatch> {
    const c = this.c;
    const task = c.store.get(id);
    if (!task) return {};
    const elapsed = task.startedAt === null ? null : c.o.now() - task.startedAt;
    const fromAnswer = toUsageView(answered, elapsed);
    if (fromAnswer.usage?.cost != null) return mergeUsage(task, fromAnswer, false);
    if (task.usage?.cost != null) return {};
    if (!task.pollUrl && !(task.sessionId && task.remoteTaskId)) return {};
    // Bounded: the stop is recorded within one poll interval, with or without the figure.
    let timer: ReturnType<typeof c.o.setTimeout> | null = null;
    const late = new Promise<null>((resolve) => {
      timer = c.o.setTimeout(() => resolve(null), STOP_POLL_WAIT_MS);
    });
    try {
      const outcome = await Promise.race([
        c.client.pollTask({
          pollUrl: task.pollUrl,
          sessionId: task.sessionId,
          taskId: task.remoteTaskId,
        }),
        late,
      ]);
      return outcome ? mergeUsage(task, toUsageView(outcome.usage, elapsed), false) : {};
    } catch {
      return {};
    } finally {
      if (timer) c.o.clearTimeout(timer);
    }
  }

  private async stopAtWebRun(task: StoredTask, viaGuardrail: boolean): Promise<Usage | null> {
    if (!task.sessionId) return null;
    let usage: Usage | null = null;
    try {
      if (viaGuardrail || task.status === 'needs_input')
        await this.deliverAnswer(task.sessionId, 'Stop the task.', 'stop');
      else usage = (await this.c.client.setState(task.sessionId, 'stop'))?.usage ?? null;
      if (task.mode === 'oneshot') {
        await this.c.client.setState(task.sessionId, 'terminate');
        this.c.sessions.end(task.sessionId, 'terminated', this.c.o.now());
      }
    } catch (error) {
      const err = asWebRunError(error);
      // Already over at WebRun is fine; anything else is reported and the task kept.
      if (err.kind !== 'not_found') throw err;
    }
    return usage;
  }

  async terminateSession(sessionId: string): Promise<void> {
    const c = this.c;
    await c.client.setState(sessionId, 'terminate');
    c.sessions.end(sessionId, 'terminated', c.o.now());
    c.links.detach(sessionId);
    c.forgetSession(sessionId);
    const busy = c.busySessions.get(sessionId);
    if (busy)
      c.finish(busy, {
        status: 'stopped',
        error: { code: 'TERMINATED', message: 'The session was terminated.' },
      });
  }

  /**
   * After a task ends, its session bills on by the minute: a one-shot session ends by itself;
   * a session is terminated when no follow-up waits for it, unless the user keeps it open.
   */
  async settleSession(task: StoredTask): Promise<void> {
    const c = this.c;
    const sessionId = task.sessionId!;
    const session = c.sessions.get(sessionId);
    if (!session || session.status !== 'open') {
      c.links.detach(sessionId);
      return;
    }
    if (task.mode === 'oneshot') {
      if (task.status === 'completed' || task.status === 'failed') {
        c.sessions.end(sessionId, 'terminateOnCompletion', c.o.now());
        c.links.detach(sessionId);
      }
      return;
    }
    const waiting = c.store.queuedIds(-1).some((t) => t.sessionId === sessionId);
    if (waiting || session.keepOpen || c.busySessions.has(sessionId)) return;
    await this.terminateSession(sessionId).catch((error: unknown) =>
      c.o.log(`terminating session ${sessionId}: ${asWebRunError(error).message}`),
    );
  }

  private async deliverAnswer(
    sessionId: string,
    answer: string,
    newState: 'resume' | 'stop',
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.c.client.answerGuardrail(sessionId, answer, newState);
        return;
      } catch (error) {
        const err = asWebRunError(error);
        if (!err.transient || attempt >= 4) throw err;
        const delay =
          err.retryAfterMs ?? fullJitterDelay(attempt, this.c.o.random, this.c.o.backoff);
        await new Promise<void>((resolve) => this.c.o.setTimeout(resolve, delay));
      }
    }
  }
}
