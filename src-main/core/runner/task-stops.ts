// The runner's own ends of a task (a cost cap, an unanswered question, a budget stop, a
// cancel once WebRun has the task): stopped at WebRun, its cost read one last time, and the end
// recorded; and a session's end once its task has ended. TaskControls is their only caller.
import { isEnded } from '../../contract/task-status';
import type { TaskPatch } from '../tasks/task-row';
import type { StoredTask } from '../tasks/task-store';
import { WebRunError } from '../webrun/errors';
import type { Usage } from '../webrun/types';
import { fullJitterDelay } from './backoff';
import { mergeUsage } from './outcome-plan';
import type { RunnerContext } from './runner-context';
import { toUsageView } from './usage-view';

export type Reason = { code: string; message: string } | null;

/** How long a stop waits for its one last poll (the cost) before it is recorded without it. */
const STOP_POLL_WAIT_MS = 5_000;

function asWebRunError(error: unknown): WebRunError {
  return error instanceof WebRunError
    ? error
    : new WebRunError({ kind: 'server', message: String(error), cause: error });
}

/**
 * Stops a task at WebRun and records `status` (stopped or cancelled). A one-shot task's
 * session is terminated too: nothing else will use it.
 */
export async function stopTask(
  c: RunnerContext,
  id: string,
  status: 'stopped' | 'cancelled',
  reason: Reason,
  viaGuardrail = false,
): Promise<void> {
  const task = c.store.get(id)!;
  if (c.stopping.has(id)) return;
  c.stopping.add(id);
  let cost: TaskPatch = {};
  try {
    const answered = await stopAtWebRun(c, task, viaGuardrail);
    // A question's stop is its answer, recorded at once; a running task's stop reads its cost.
    if (!viaGuardrail && task.status !== 'needs_input') cost = await costAtStop(c, id, answered);
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
async function costAtStop(
  c: RunnerContext,
  id: string,
  answered: Usage | null,
): Promise<TaskPatch> {
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

async function stopAtWebRun(
  c: RunnerContext,
  task: StoredTask,
  viaGuardrail: boolean,
): Promise<Usage | null> {
  if (!task.sessionId) return null;
  let usage: Usage | null = null;
  try {
    if (viaGuardrail || task.status === 'needs_input')
      await deliverAnswer(c, task.sessionId, 'Stop the task.', 'stop');
    else usage = (await c.client.setState(task.sessionId, 'stop'))?.usage ?? null;
    if (task.mode === 'oneshot') {
      await c.client.setState(task.sessionId, 'terminate');
      c.sessions.end(task.sessionId, 'terminated', c.o.now());
    }
  } catch (error) {
    const err = asWebRunError(error);
    // Already over at WebRun is fine; anything else is reported and the task kept.
    if (err.kind !== 'not_found') throw err;
  }
  return usage;
}

export async function terminateSession(c: RunnerContext, sessionId: string): Promise<void> {
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
export async function settleSession(c: RunnerContext, task: StoredTask): Promise<void> {
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
  await terminateSession(c, sessionId).catch((error: unknown) =>
    c.o.log(`terminating session ${sessionId}: ${asWebRunError(error).message}`),
  );
}

export async function deliverAnswer(
  c: RunnerContext,
  sessionId: string,
  answer: string,
  newState: 'resume' | 'stop',
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await c.client.answerGuardrail(sessionId, answer, newState);
      return;
    } catch (error) {
      const err = asWebRunError(error);
      if (!err.transient || attempt >= 4) throw err;
      const delay = err.retryAfterMs ?? fullJitterDelay(attempt, c.o.random, c.o.backoff);
      await new Promise<void>((resolve) => c.o.setTimeout(resolve, delay));
    }
  }
}
