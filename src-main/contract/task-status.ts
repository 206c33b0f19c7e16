// Every set of task statuses the app reasons about, named once. Seven hand-written lists used
// to disagree (one counted `unknown` as finished, another as live); code asks these instead.
// Zod-free, so the renderer, the preload and SQL builders can all import it.

export const TASK_STATUSES = [
  'queued',
  'submitting',
  'running',
  'needs_input',
  'paused',
  'completed',
  'failed',
  'stopped',
  'cancelled',
  'unknown',
] as const;
export type TaskStatusName = (typeof TASK_STATUSES)[number];

type StatusSet = ReadonlySet<TaskStatusName>;
const set = (...statuses: TaskStatusName[]): StatusSet => new Set(statuses);

/** WebRun's side is over and the app knows how it ended. */
export const TERMINAL: StatusSet = set('completed', 'failed', 'stopped', 'cancelled');
/**
 * Nothing will move the task on its own any more: terminal, or `unknown` (the app let go of a
 * task whose fate it cannot tell; only the user's "check" or "submit again" moves it).
 */
export const ENDED: StatusSet = set(...TERMINAL, 'unknown');
/** Holds a concurrency slot: the runner is following it (a poll due or a socket live). */
export const ACTIVE: StatusSet = set('submitting', 'running', 'needs_input', 'paused');
/** Not ended yet: waiting in the queue or active. What a restart picks up again. */
export const UNFINISHED: StatusSet = set('queued', ...ACTIVE);
/** WebRun knows the task by its ids: these can be polled, paused, stopped. */
export const HAS_REMOTE_IDS: StatusSet = set('running', 'needs_input', 'paused');
/**
 * The user may cancel it. A task mid-submission counts: the core waits for WebRun's answer
 * and cancels what it became (core/tasks/task-handlers.ts, settle-waiters.ts).
 */
export const CANCELLABLE: StatusSet = set('queued', 'submitting', ...HAS_REMOTE_IDS);
/** "Run again" makes a new task from it. */
export const RERUNNABLE: StatusSet = ENDED;
/** The app tells the user about it: ended, or waiting for the user's answer. */
export const SETTLED: StatusSet = set(...ENDED, 'needs_input');
/** Shown among the live tasks: active, or `unknown` (it still asks the user to act). */
export const NEEDS_WATCHING: StatusSet = set(...ACTIVE, 'unknown');

export const isTerminal = (status: string): boolean => TERMINAL.has(status as TaskStatusName);
export const isEnded = (status: string): boolean => ENDED.has(status as TaskStatusName);
export const isActive = (status: string): boolean => ACTIVE.has(status as TaskStatusName);

/** A set as a SQL list literal (`'a', 'b'`); the names are constants above, never input. */
export function sqlList(statuses: StatusSet): string {
  return [...statuses].map((s) => `'${s}'`).join(', ');
}
