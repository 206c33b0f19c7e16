// Why a queued task has not started, from what the renderer already knows: the queue's state,
// the budget, the other tasks. Shown instead of "Waiting for the agent…", which blamed an
// agent that had not been asked yet. In the order dispatch checks them: a paused queue sends
// nothing, a reached budget stops every dispatch, so does a balance WebRun refused, a rate limit delays it, then a follow-up waits
// for its session and every task for a free slot.
import type {
  BalanceHold,
  BudgetStatus,
  QueueStatus,
  TaskView,
} from '../../src-main/contract/index';
import { ACTIVE } from '../../src-main/contract/task-status';

export type HoldKind =
  'paused' | 'budget' | 'balance' | 'rate_limit' | 'session' | 'concurrency' | 'next';

export interface Hold {
  kind: HoldKind;
  /** A few words for the queue row. */
  short: string;
  /** A sentence for the inspector: why, and what ends the wait. */
  text: string;
}

export interface HoldContext {
  queue: QueueStatus | null;
  budget: BudgetStatus | null;
  /** WebRun refused a submission for balance: the queue waits for money. */
  balanceHold?: BalanceHold | null;
  /** Sessions whose current task is live (a follow-up in them waits its turn). */
  busySessions: ReadonlySet<string>;
  now: number;
}

export function busySessionsOf(tasks: Iterable<TaskView>): Set<string> {
  const busy = new Set<string>();
  for (const t of tasks) if (t.sessionId && ACTIVE.has(t.status)) busy.add(t.sessionId);
  return busy;
}

export function holdOf(task: TaskView, ctx: HoldContext): Hold | null {
  if (task.status !== 'queued') return null;
  const { queue, budget } = ctx;
  if (queue?.paused) {
    return {
      kind: 'paused',
      short: 'Queue paused',
      text: 'The queue is paused: this task starts when you resume the queue.',
    };
  }
  if (budget?.level === 'blocked') {
    const why = budget.message ?? 'A spending cap is reached.';
    return {
      kind: 'budget',
      short: 'Budget reached',
      text: `Held by the budget: ${why} It starts when the cap is raised in Settings or the period turns.`,
    };
  }
  if (ctx.balanceHold) {
    return {
      kind: 'balance',
      short: 'Held: balance too low',
      text: `Held for balance: ${ctx.balanceHold.message}`,
    };
  }
  if (queue && queue.blockedUntil !== null && queue.blockedUntil > ctx.now) {
    const until = new Date(queue.blockedUntil).toLocaleTimeString();
    const why = queue.blockedReason ? ` (${queue.blockedReason.replace(/\.$/, '')})` : '';
    return {
      kind: 'rate_limit',
      short: `Rate limited until ${until}`,
      text: `WebRun asked the app to wait${why}: this task starts after ${until}.`,
    };
  }
  if (task.sessionId && ctx.busySessions.has(task.sessionId)) {
    return {
      kind: 'session',
      short: 'Waiting for its session',
      text: 'A follow-up: it starts when the current task of its session ends.',
    };
  }
  if (queue && queue.active >= queue.concurrency) {
    return {
      kind: 'concurrency',
      short: 'Waiting for a free slot',
      text: `Waiting for a free slot: ${queue.active} running, ${queue.concurrency} allowed at once (Settings → Tasks at once). It starts when one ends.`,
    };
  }
  return { kind: 'next', short: 'Next in line', text: 'Next in line: it starts in a moment.' };
}
