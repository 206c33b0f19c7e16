// Follows a submitted task to its end: applies every answer (submission, poll, socket news)
// through the outcome plan, polls on the scheduler's clock, backs off on poll errors, and
// gives up at the task's deadline. Decisions are made by outcome-plan and error-policy; this
// file carries them out. Invariant: a task it follows as running always has a poll planned or
// a live socket, and a deadline.
import { ACTIVE, isEnded } from '../../contract/task-status';
import type { StoredTask, TaskPatch } from '../tasks/task-store';
import type { TaskOutcome } from '../webrun/types';
import { mergeUsage, planOutcome, type OutcomePlan } from './outcome-plan';
import { toUsageView } from './usage-view';
import { healthyPollInterval } from './poll-policy';
import type { RunnerContext, TaskEventInput, Tracked } from './runner-context';
import { sessionEndText } from './session-end';
import { armDeadline, clearDeadline } from './task-deadline';
import { storageProblem } from '../store/storage-errors';
import { AnswerGroup } from './answer-group';
import { onPollError } from './poll-error';

/** How the follower stops a task at WebRun (task-controls owns the control itself). */
export type StopAtWebRun = (
  id: string,
  status: 'stopped',
  reason: { code: string; message: string },
  viaGuardrail: boolean,
) => Promise<void>;

export class TaskFollower {
  /** The answers of one turn (submissions, polls) share one fsync'd commit (answer-group.ts). */
  private readonly answers: AnswerGroup;

  constructor(
    private readonly c: RunnerContext,
    private readonly stop: StopAtWebRun,
  ) {
    this.answers = new AnswerGroup({
      writes: c.writes,
      durably: (write) => c.store.durably(write),
      later: c.o.afterBurst,
    });
  }

  /** Applies WebRun's answer with the others of this turn; settles once it is written and acted on. */
  applyWithOthers(id: string, outcome: TaskOutcome): Promise<void> {
    return this.answers.apply(() => this.apply(id, outcome));
  }

  /**
   * Writes the answers still waiting for this turn's end: the runner closing calls it first, so
   * an answer WebRun gave is written, ids and all, even when the host closes in the same turn.
   */
  flushAnswers(): void {
    this.answers.flush();
  }

  /**
   * Applies what WebRun said about a task, as one write. Idempotent: a repeated or late answer
   * changes nothing twice. If the store refuses the write, the remote ids are still kept on
   * their own, so the task can always be found again.
   */
  apply(id: string, outcome: TaskOutcome): void {
    const c = this.c;
    if (c.isClosed()) return; // an answer that arrives after close() has no store to go to
    const current = this.revivedByLateAnswer(id, outcome) ?? c.store.get(id);
    if (current && isEnded(current.status)) return this.keepLateIds(current, outcome);
    if (!current || c.isClosed() || c.stopping.has(id)) return;
    const at = c.o.now();
    const entry = c.entry(id);
    const plan = planOutcome(current, outcome, {
      now: at,
      unrecognisedBefore: entry.unrecognised,
      maxUnrecognisedPolls: c.o.maxUnrecognisedPolls,
      // Only a terminated answer says why its session ended: the session is read for it alone.
      sessionEndText:
        outcome.state === 'terminated'
          ? sessionEndText(c.sessions.get(current.sessionId ?? '')?.endReason ?? null)
          : '',
    });
    const remote = {
      kind: 'remote' as const,
      payload: { state: outcome.state, raw: outcome.raw.slice(0, 4_000) },
    };
    try {
      // WebRun's first answer (its ids) is fsync'd before anything acts on it (store.durably).
      const write = (): void =>
        c.writes.run(() => this.applyPlan(current, outcome, plan, remote, at, entry));
      if (Object.keys(plan.ids).length > 0) c.store.durably(write);
      else write();
      if (entry.newsBeforeIds && Object.keys(plan.ids).length > 0) {
        // Acting on the ids: once they are committed (at once, unless in a group of answers).
        c.writes.afterCommit(() => {
          entry.newsBeforeIds = false;
          if (c.tracked.has(id) && !isEnded(c.store.get(id)?.status ?? 'completed'))
            c.polls.now(id);
        });
      }
    } catch (error) {
      if (Object.keys(plan.ids).length > 0) {
        const keepIds = (): boolean => {
          try {
            c.change(id, plan.ids, remote);
            return true;
          } catch {
            return false;
          }
        };
        // A full disk: the room kept for this one write is given back (disk-reserve.ts).
        const keep = (): void => {
          if (!keepIds() && storageProblem(error) && c.o.releaseReserve()) keepIds();
        };
        // In a group of answers, once the others are committed (the step's own write is undone).
        if (!c.writes.open) keep();
        else c.writes.onUndo(keep);
      }
      throw error;
    }
  }

  /**
   * WebRun answered a submission this runner is still sending, but the task was marked unknown
   * meanwhile (another process gave up on it): the answer wins, since WebRun runs and bills the
   * task whatever the history says. The task is back to submitting, then follows its answer.
   */
  private revivedByLateAnswer(id: string, outcome: TaskOutcome) {
    const c = this.c;
    const current = c.store.get(id);
    const hasIds = Boolean(outcome.pollUrl || (outcome.sessionId && outcome.taskId));
    if (current?.status !== 'unknown' || !hasIds || !c.tracked.has(id) || c.isClosed()) return null;
    // Held again in this process's name: the take-over that marked it unknown let go of it.
    c.o.hold(id);
    c.store.durably(() =>
      c.change(
        id,
        { status: 'submitting', endedAt: null, error: null },
        { kind: 'remote', payload: { lateAnswer: true, state: outcome.state } },
      ),
    );
    return c.store.get(id);
  }

  /**
   * An answer about a task that has ended here meanwhile (another process ended it while this
   * one sent it): its status stands, but WebRun's ids and cost are written, so nothing WebRun
   * accepted is left in the history without them. A known cost is never lowered.
   */
  private keepLateIds(current: StoredTask, outcome: TaskOutcome): void {
    const c = this.c;
    const ids = planOutcome(current, outcome, {
      now: c.o.now(),
      unrecognisedBefore: 0,
      maxUnrecognisedPolls: c.o.maxUnrecognisedPolls,
      sessionEndText: '',
    }).ids;
    if (Object.keys(ids).length === 0) return; // an answer about a task already known: nothing new
    const elapsed = current.startedAt === null ? null : c.o.now() - current.startedAt;
    const usage = mergeUsage(current, toUsageView(outcome.usage, elapsed), false);
    c.store.durably(() =>
      c.change(
        current.id,
        { ...ids, ...usage },
        { kind: 'remote', payload: { lateAnswer: true, state: outcome.state } },
      ),
    );
  }

  private applyPlan(
    current: StoredTask,
    outcome: TaskOutcome,
    plan: OutcomePlan,
    remote: TaskEventInput,
    at: number,
    entry: Tracked,
  ): void {
    const c = this.c;
    const id = current.id;
    if (Object.keys(plan.ids).length > 0) c.change(id, plan.ids, remote);
    else c.store.appendEvent(id, 'remote', remote.payload);
    if (plan.ids.sessionId) this.adoptOneShotSession(current, plan.ids.sessionId, outcome.state);

    if (plan.sample) c.details.addUsageSample(id, at, plan.sample);
    // What the step writes to the task besides its ids: the usage, and where the browser is
    // (the last URL and how many there were), all in the one update each step below makes.
    const usage: TaskPatch = { ...plan.usage };
    if (outcome.network.length > 0) {
      c.networkLog.write(id, outcome.network);
      const latest = outcome.network[outcome.network.length - 1]!.url;
      if (latest !== current.currentUrl || outcome.network.length !== c.store.networkTotal(id)) {
        usage.currentUrl = latest;
        usage.networkTotal = outcome.network.length;
      }
    }
    if (outcome.files.length > 0) c.details.addFiles(id, outcome.files);
    const changed = Object.keys(usage).length > 0;
    entry.unrecognised = outcome.state === 'unrecognised' ? entry.unrecognised + 1 : 0;

    const next = plan.next;
    switch (next.step) {
      case 'cost_cap':
        if (changed) c.change(id, usage);
        c.writes.afterCommit(
          () =>
            void c.guard(() =>
              this.stop(id, 'stopped', { code: 'COST_CAP', message: next.message }, false),
            ),
        );
        return;
      case 'finish':
        if (next.status === 'completed') {
          c.finish(id, {
            status: 'completed',
            resultMessage: next.message === null ? null : c.o.keepText(id, next.message),
            ...usage,
          });
          if (outcome.files.length > 0) c.writes.afterCommit(() => c.o.onFiles?.(id));
        } else {
          c.finish(id, {
            status: next.status,
            error: { code: next.code, message: next.message ?? '' },
            ...usage,
          });
        }
        return;
      case 'unknown':
        c.finish(id, {
          status: 'unknown',
          error: { code: next.code, message: next.message },
          ...usage,
        });
        return;
      case 'ask':
        this.onQuestion(id, next.question, usage, changed);
        this.clearDeadline(id);
        this.schedulePoll(id);
        return;
      case 'follow': {
        const patch: TaskPatch = { ...usage };
        if (next.questionAnswered) {
          // Answered somewhere else (the CLI, another window, a chat app): the question is gone.
          c.details.closeGuardrail(id, 'answered', at);
          this.clearGuardrailTimer(id);
          patch.question = null;
        }
        if (next.status && current.status !== next.status) patch.status = next.status;
        if (Object.keys(patch).length > 0) c.change(id, patch);
        // Back from a question or a pause, the clock starts again from now.
        if ((patch.status ?? current.status) === 'running')
          this.armDeadline(id, current.status === 'needs_input' || current.status === 'paused');
        this.schedulePoll(id);
        return;
      }
    }
  }

  /** A one-shot task learns its session id from run-task; follow its socket from then on. */
  private adoptOneShotSession(
    task: StoredTask,
    sessionId: string,
    state: TaskOutcome['state'],
  ): void {
    const c = this.c;
    if (task.mode !== 'oneshot') return;
    if (!c.sessions.get(sessionId)) {
      c.sessions.open({
        id: sessionId,
        createdAt: c.o.now(),
        socketUrl: null,
        webViewUrl: null,
        keepOpen: false,
      });
    }
    c.busySessions.set(sessionId, task.id);
    if (state === 'pending' || state === 'running' || state === 'needs_input')
      c.attach(sessionId, c.o.baseUrl);
  }

  private onQuestion(id: string, question: string, usage: TaskPatch, changed: boolean): void {
    const c = this.c;
    const current = c.store.get(id)!;
    c.details.askGuardrail(id, question, c.o.now());
    if (current.status !== 'needs_input' || current.question !== question) {
      c.change(id, { status: 'needs_input', question, ...usage });
    } else if (changed) {
      c.change(id, usage);
    }
    const timeout = c.o.guardrailTimeoutMs();
    const entry = c.entry(id);
    if (timeout !== null && !entry.guardrailTimer) {
      entry.guardrailTimer = c.o.setTimeout(
        () =>
          void c.guard(async () => {
            entry.guardrailTimer = null;
            const task = c.store.get(id);
            if (task?.status === 'needs_input') {
              c.details.closeGuardrail(id, 'timed_out', c.o.now());
              await this.stop(
                id,
                'stopped',
                {
                  code: 'GUARDRAIL_TIMEOUT',
                  message: `Nobody answered the agent's question within ${Math.round(timeout / 1000)} s.`,
                },
                true,
              );
            }
          }),
        timeout,
      );
    }
  }

  clearGuardrailTimer(id: string): void {
    const entry = this.c.tracked.get(id);
    if (entry?.guardrailTimer) {
      this.c.o.clearTimeout(entry.guardrailTimer);
      entry.guardrailTimer = null;
    }
  }

  // ── Deadline (task-deadline.ts) ──────────────────────────────────────────────────────

  armDeadline(id: string, fromNow = false): void {
    armDeadline(this.c, id, fromNow);
  }

  clearDeadline(id: string): void {
    clearDeadline(this.c, id);
  }

  // ── Polling ──────────────────────────────────────────────────────────────────────────

  schedulePoll(id: string): void {
    const task = this.c.store.get(id);
    this.c.polls.schedule(
      id,
      this.c.links.healthy(task?.sessionId ?? null),
      healthyPollInterval(
        { costCap: task?.costCap ?? null, costWatched: task ? this.c.o.costWatched(task) : false },
        this.c.o.healthyPollIntervalMs,
      ),
    );
  }

  async poll(id: string): Promise<void> {
    const c = this.c;
    const task = c.store.get(id);
    if (!task || c.isClosed()) return;
    if (!ACTIVE.has(task.status)) {
      // Ended (or queued again) while a poll was planned: it holds no slot any more.
      if (c.tracked.has(id)) c.release(id, task.sessionId);
      return;
    }
    if (!task.pollUrl && !(task.sessionId && task.remoteTaskId)) {
      // Nothing to poll yet: remembered, so the answer that brings the ids polls at once.
      if (c.tracked.has(id)) c.entry(id).newsBeforeIds = true;
      return;
    }
    let outcome: TaskOutcome;
    try {
      outcome = await c.client.pollTask({
        pollUrl: task.pollUrl,
        sessionId: task.sessionId,
        taskId: task.remoteTaskId,
      });
    } catch (error) {
      onPollError(this.c, id, error);
      return;
    }
    // Let go while the poll was out (stopped by the person, ended by socket news): its answer
    // changes nothing, and c.entry() would take the slot back for a task that has ended.
    const entry = c.tracked.get(id);
    if (!entry) return;
    entry.pollFailures = 0;
    try {
      await this.applyWithOthers(id, outcome);
    } catch (error) {
      // The answer could not be recorded (a busy or full database): poll again later rather
      // than leave a running task with nothing planned to move it.
      if (c.tracked.has(id)) c.polls.at(id, c.o.pollIntervalMs());
      throw error;
    }
  }
}
