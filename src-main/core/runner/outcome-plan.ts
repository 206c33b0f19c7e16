// What an answer from WebRun means for a task, as a pure function: (the task as stored, the
// normalised outcome) → the writes to make and the next step. The runner carries the plan out
// (writes, timers, sockets); every rule about answers lives here, testable without a clock.
//
// Rules:
// - Remote ids are written first, in their own write (a crash after it still finds the task).
// - A known cost is never replaced by an unknown one, and a running figure never lowers it
//   (a late or reordered poll may carry an older figure). A final answer's cost stands.
// - pending/running/needs_input with no ids in the answer use the ids already stored; with
//   none at all nothing can follow the task, so it is `unknown` at once (it must not sit
//   `running` holding a slot that nothing will ever free).
// - A cost at or over the task's cap stops it, unless the answer is already final.
// - The first unreadable answer to a submission, or too many unreadable polls in a row,
//   make the task `unknown`; it is never resent.
import { formatUsd } from '../../contract/money-format';
import type { CostSource, UsageView } from '../../contract/schemas';
import type { StoredTask, TaskPatch } from '../tasks/task-store';
import type { TaskOutcome } from '../webrun/types';
import { toUsageView } from './usage-view';

export type NextStep =
  | {
      step: 'finish';
      status: 'completed' | 'failed' | 'stopped';
      code: string | null;
      message: string | null;
    }
  | { step: 'ask'; question: string }
  /** Keep following: write `status` (null keeps it: a paused task reports running), poll again. */
  | { step: 'follow'; status: 'running' | null; questionAnswered: boolean }
  | { step: 'cost_cap'; message: string }
  | { step: 'unknown'; code: string; message: string };

export interface OutcomePlan {
  /** Remote ids new in this answer; written before anything else. */
  ids: TaskPatch;
  /** Usage to record as a sample (as reported, before the no-lowering rule). */
  sample: UsageView | null;
  /** Usage and cost to store with the next write. */
  usage: TaskPatch;
  next: NextStep;
}

export interface PlanContext {
  now: number;
  /** Unreadable answers in a row before this one. */
  unrecognisedBefore: number;
  maxUnrecognisedPolls: number;
  /** Why the session ended, in words, for a `terminated` answer. */
  sessionEndText: string;
}

const FINAL_STATES = new Set<TaskOutcome['state']>(['completed', 'failed', 'terminated']);

/** The stored usage, updated by a new figure without losing a known cost. */
export function mergeUsage(
  current: { usage: UsageView | null; costSource: CostSource | null },
  next: { usage: UsageView | null; costSource: CostSource | null },
  final: boolean,
): TaskPatch {
  if (!next.usage) return {};
  const known = current.usage?.cost ?? null;
  const cost = next.usage.cost;
  if (known !== null && (cost === null || (!final && cost < known))) {
    return { usage: { ...next.usage, cost: known }, costSource: current.costSource };
  }
  return { usage: next.usage, costSource: next.costSource };
}

export function planOutcome(task: StoredTask, outcome: TaskOutcome, ctx: PlanContext): OutcomePlan {
  const ids: TaskPatch = {};
  if (outcome.sessionId && !task.sessionId) ids.sessionId = outcome.sessionId;
  if (outcome.taskId && !task.remoteTaskId) ids.remoteTaskId = outcome.taskId;
  if (outcome.pollUrl && !task.pollUrl) ids.pollUrl = outcome.pollUrl;

  const elapsed = task.startedAt === null ? null : ctx.now - task.startedAt;
  const view = toUsageView(outcome.usage, elapsed);
  const final = FINAL_STATES.has(outcome.state);
  const usage = mergeUsage(task, view, final);
  const plan = (next: NextStep): OutcomePlan => ({ ids, sample: view.usage, usage, next });

  const cost = usage.usage?.cost ?? null;
  if (cost !== null && task.costCap !== null && cost >= task.costCap && !final) {
    return plan({
      step: 'cost_cap',
      message: `Stopped at its cost cap of ${formatUsd(task.costCap)} (spent ${formatUsd(cost)}).`,
    });
  }

  const pollable = Boolean(
    task.pollUrl ||
    ids.pollUrl ||
    ((task.sessionId ?? ids.sessionId) && (task.remoteTaskId ?? ids.remoteTaskId)),
  );
  switch (outcome.state) {
    case 'completed':
      return plan({ step: 'finish', status: 'completed', code: null, message: outcome.message });
    case 'failed':
      return plan({
        step: 'finish',
        status: 'failed',
        code: outcome.code,
        message: outcome.message ?? 'WebRun reported the task as failed.',
      });
    case 'terminated':
      return plan({
        step: 'finish',
        status: 'stopped',
        code: 'TERMINATED',
        message: outcome.message ?? ctx.sessionEndText,
      });
    case 'needs_input':
    case 'pending':
    case 'running':
      if (!pollable) {
        return plan({
          step: 'unknown',
          code: 'NO_REMOTE_IDS',
          message: `WebRun said the task is ${outcome.state === 'needs_input' ? 'waiting for an answer' : outcome.state} but gave no task id or poll URL, so it cannot be followed. Check WebRun's dashboard, or submit it again.`,
        });
      }
      if (outcome.state === 'needs_input')
        return plan({ step: 'ask', question: outcome.question ?? 'The agent needs your input.' });
      // A paused task keeps reporting running until it really resumes: stay paused.
      return plan({
        step: 'follow',
        status: task.status === 'paused' ? null : 'running',
        questionAnswered: task.status === 'needs_input',
      });
    case 'unrecognised': {
      const count = ctx.unrecognisedBefore + 1;
      if (pollable && task.status !== 'submitting' && count < ctx.maxUnrecognisedPolls) {
        return plan({ step: 'follow', status: null, questionAnswered: false });
      }
      if (pollable && task.status === 'submitting')
        return plan({ step: 'follow', status: 'running', questionAnswered: false });
      const when =
        task.status === 'submitting'
          ? ' when the task was submitted'
          : count === 1
            ? ' once' // a task nothing can follow: the first such answer is the last
            : ` ${count} times in a row`;
      return plan({
        step: 'unknown',
        code: 'UNRECOGNISED_RESPONSE',
        message: `WebRun answered in a shape this app does not recognise${when}; the task may still be running. Answer: ${outcome.raw.slice(0, 200)}`,
      });
    }
  }
}
