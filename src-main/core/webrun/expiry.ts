// When WebRun will end a wait on its own. A session with no activity for 5 minutes expires
// (webrun-api.md), and with it a question nobody answered, a paused task, or a session kept
// open after its task. The core says when, so the UI can count down instead of letting a task
// end unannounced as "terminated".
import { formatDuration } from '../../contract/duration-format';
import type { TaskStatus } from '../../contract/schemas';

/** WebRun's inactivity expiry. */
export const INACTIVITY_MS = 300_000;

/** Statuses in which nothing happens at WebRun until the person acts. */
const WAITING: ReadonlySet<TaskStatus> = new Set(['needs_input', 'paused']);

/** The deadline of a waiting task, or null when it is not waiting (running is activity). */
export function taskExpiresAt(
  status: TaskStatus,
  waitingSince: number | null,
  inactivityMs: number,
): number | null {
  return WAITING.has(status) && waitingSince !== null ? waitingSince + inactivityMs : null;
}

/**
 * The deadline of an open session: its last activity plus the window. A task running in it is
 * activity, so there is none; `lastActivityAt` is the latest moment one of its tasks changed.
 */
export function sessionExpiresAt(
  session: { status: 'open' | 'ended'; createdAt: number },
  activity: { running: boolean; lastActivityAt: number | null },
  inactivityMs: number,
): number | null {
  if (session.status !== 'open' || activity.running) return null;
  return Math.max(session.createdAt, activity.lastActivityAt ?? 0) + inactivityMs;
}

/** What a person is told when WebRun ended a wait: the reason, in the window's own words. */
export function expiredMessage(inactivityMs: number): string {
  return `The session expired after ${formatDuration(inactivityMs)} without activity.`;
}

/**
 * A waiting task that WebRun ended at or after its deadline ended because the session expired,
 * whatever status and code the answer carried (a poll says stopped, TERMINATED): say so, so the person knows
 * why. Any other end keeps its own words. Returns the error to store.
 */
export function explainExpiry(
  before: { status: TaskStatus; waitingSince: number | null },
  next: { status?: TaskStatus; error?: { code: string | null; message: string } | null },
  now: number,
  inactivityMs: number,
): { code: string | null; message: string } | null | undefined {
  const deadline = taskExpiresAt(before.status, before.waitingSince, inactivityMs);
  // A second of slack: WebRun's clock and ours were read at slightly different moments.
  if (
    deadline === null ||
    (next.status !== 'failed' && next.status !== 'stopped') ||
    !next.error ||
    now < deadline - 1_000
  )
    return next.error;
  if (next.error.message === expiredMessage(inactivityMs)) return next.error;
  return { code: next.error.code ?? 'SESSION_EXPIRED', message: expiredMessage(inactivityMs) };
}
