// The only code that sends a control to WebRun (pause, resume, stop, terminate, take over,
// release, answer) or writes a task's status on the user's behalf (cancel, check, move,
// restore, unqueue). Handlers and the task service call it (it is the tasks module's
// TaskControlsPort); the runner calls it for its own stops (cost cap, unanswered question).
// Each control checks the task's state first and refuses with a reason a person can read.
import { DeskError } from '../../contract/dispatch';
import { HAS_REMOTE_IDS } from '../../contract/task-status';
import type { StoredTask } from '../tasks/task-store';
import { WebRunError } from '../webrun/errors';
import { remote } from '../webrun/remote';
import type { TaskControlsPort } from '../tasks/task-engine';
import type { RunnerContext } from './runner-context';
import type { TaskFollower } from './task-follower';
import {
  deliverAnswer,
  settleSession,
  stopTask,
  terminateSession,
  type Reason,
} from './task-stops';

export class TaskControls implements TaskControlsPort {
  private readonly answering = new Set<string>();

  constructor(
    private readonly c: RunnerContext,
    private readonly follower: TaskFollower,
    /** Asks the runner to look at its queue again (after a move). */
    private readonly kick: () => void,
  ) {}

  private writable(): void {
    this.c.o.writable();
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

  /** Puts a task cancelled before it was sent back to `queued` (its queue order was kept). */
  restore(id: string): StoredTask {
    this.writable();
    const task = this.get(id);
    // Only what never left the app can be undone: a task WebRun saw has been billed.
    const unsent =
      task.status === 'cancelled' &&
      task.startedAt === null &&
      !task.sessionId &&
      !task.pollUrl &&
      task.error?.code === 'CANCELLED';
    if (!unsent)
      throw new DeskError(
        'conflict',
        'Only a task cancelled before it was sent can be put back in the queue.',
      );
    return this.c.change(id, { status: 'queued', endedAt: null, error: null });
  }

  /** Ends a task still queued, unsent, with `reason`; false when it was claimed meanwhile. */
  unqueue(id: string, reason: { code: string; message: string }): boolean {
    let taken = false;
    this.c.writes.run(() => {
      if (this.c.store.get(id)?.status !== 'queued') return;
      this.c.change(id, { status: 'cancelled', endedAt: this.c.o.now(), error: reason });
      taken = true;
    });
    return taken;
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
      await remote('send the answer', () =>
        deliverAnswer(this.c, task.sessionId!, answer, 'resume'),
      );
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

  // ── On the runner's word (task-stops.ts carries them out) ────────────────────────────

  /**
   * Stops a task at WebRun and records `status` (stopped or cancelled). A one-shot task's
   * session is terminated too: nothing else will use it.
   */
  stop(
    id: string,
    status: 'stopped' | 'cancelled',
    reason: Reason,
    viaGuardrail = false,
  ): Promise<void> {
    return stopTask(this.c, id, status, reason, viaGuardrail);
  }

  terminateSession(sessionId: string): Promise<void> {
    return terminateSession(this.c, sessionId);
  }

  /** After a task ends: its session ends, or is terminated when nothing waits for it. */
  settleSession(task: StoredTask): Promise<void> {
    return settleSession(this.c, task);
  }
}
