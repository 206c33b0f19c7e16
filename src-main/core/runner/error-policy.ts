// What the runner does when something goes wrong, as pure functions of the error and the
// phase it struck in. The question is always the same: could WebRun have acted on (billed)
// the request? Resending after it did would make the user pay twice, so:
//
//   phase      meaning                                  submission            poll (a GET)
//   not_sent   nothing left this machine / refused      retry after a delay   poll again later
//   sent       written, no answer (timeout, reset,      unknown               poll again later
//              500, 502, 504, unreadable answer)
//   answered   WebRun's answer arrived and was          unknown (never        (n/a: applying a
//              accepted; our own error came after       resent)               poll is safe)
//
// A 429 or a 503 "no available instances" is an answer that says "not started": retried after
// Retry-After or a full-jitter backoff. 400/401/402/403/404, and a 5xx in WebRun's own error
// format (`success: false` with a message), are final: the task fails with WebRun's message.
// A 5xx without one (a proxy's page) is ambiguous: the task is `unknown`. A 402 (balance) holds
// the queue when the caller can hold it: the task goes back, nothing fails task after task. The table in docs/ARCHITECTURE.md is this file, in words.
import { WebRunError } from '../webrun/errors';
import { fullJitterDelay, type BackoffOptions } from './backoff';

export type Phase = 'not_sent' | 'sent' | 'answered';

export type ErrorDecision =
  /** Try again after `delayMs`; nothing was started. */
  | { action: 'retry'; delayMs: number; reason: string }
  /** The task may or may not exist at WebRun: stop following it and ask the user. */
  | { action: 'unknown'; reason: string }
  | { action: 'fail'; code: string; message: string }
  /** Refused for balance: nothing was started; back to the queue, which waits for money. */
  | { action: 'hold'; reason: string }
  /** Cancelled by us (close, the user's stop): nothing to record. */
  | { action: 'ignore' };

export interface DelayContext {
  /** Earlier consecutive failures of this kind (0 for the first). */
  attempt: number;
  random: () => number;
  backoff: BackoffOptions;
  /** No retry sooner than this (the regular poll interval for polls). */
  minDelayMs?: number;
  /** A 402 holds the queue (someone waits for the money) instead of failing the task. */
  holdForBalance?: boolean;
}

/**
 * The documented "no browser free right now" answers: nothing was started. (The code sets
 * admit null, so an error without a code is simply in none: no separate null check.)
 */
const NO_INSTANCE_CODES: ReadonlySet<string | null> = new Set([
  'NO_INSTANCES_AVAILABLE',
  'INSTANCE_UNAVAILABLE',
]);
/** A session is busy or full: this task was not started. */
const NOT_STARTED_CODES: ReadonlySet<string | null> = new Set([
  'SESSION_LIMIT_REACHED',
  'TASK_ALREADY_RUNNING',
  'RATE_LIMIT_EXCEEDED',
]);
/** Final answers: resending the same request gets the same refusal. */
const FINAL_KINDS = new Set(['auth', 'balance', 'forbidden', 'not_found', 'bad_request']);

function saysNoInstances(err: WebRunError): boolean {
  return NO_INSTANCE_CODES.has(err.code) || /no (available|browser) instances/i.test(err.message);
}

/** In which phase an error from the client struck (errors of ours are passed as 'answered'). */
export function phaseOf(err: WebRunError): Phase {
  if (err.kind === 'network') return 'not_sent';
  if (err.kind === 'rate_limited') return 'not_sent';
  // A 503 WebRun itself wrote ("no available instances", maintenance) started nothing.
  if (err.kind === 'unavailable' && (saysNoInstances(err) || err.answered)) return 'not_sent';
  // A 5xx in WebRun's own error format is its answer: it read the request and refused it.
  if (err.kind === 'server' && err.answered && !err.outcomeUnknown) return 'not_sent';
  if (NOT_STARTED_CODES.has(err.code)) return 'not_sent';
  if (FINAL_KINDS.has(err.kind)) return 'not_sent';
  return 'sent';
}

function retryDelay(err: WebRunError | null, ctx: DelayContext): number {
  const jittered = fullJitterDelay(ctx.attempt, ctx.random, ctx.backoff);
  return err?.retryAfterMs ?? Math.max(ctx.minDelayMs ?? 0, jittered);
}

function finalOf(err: WebRunError): ErrorDecision {
  return { action: 'fail', code: err.code ?? err.kind.toUpperCase(), message: err.message };
}

/**
 * A submission (run-task, start-session, newTask) failed. `error` is what was thrown; `phase`
 * is 'answered' when WebRun's answer had been accepted and the error is ours (a store write,
 * a bug): then nothing is ever resent, whatever the error says.
 */
export function submissionError(
  error: unknown,
  phase: Phase | null,
  ctx: DelayContext,
): ErrorDecision {
  if (error instanceof WebRunError && error.kind === 'aborted') return { action: 'ignore' };
  if (phase === 'answered' || !(error instanceof WebRunError)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      action: 'unknown',
      reason: `WebRun accepted the task, but its answer could not be recorded (${message}).`,
    };
  }
  const err = error;
  if (err.outcomeUnknown || phaseOf(err) === 'sent')
    return { action: 'unknown', reason: err.message };
  if (NOT_STARTED_CODES.has(err.code))
    return { action: 'retry', delayMs: retryDelay(err, ctx), reason: err.message };
  // Money, not a fault of the task: every later task would be refused the same way.
  if (err.kind === 'balance' && ctx.holdForBalance) return { action: 'hold', reason: err.message };
  if (FINAL_KINDS.has(err.kind) || err.kind === 'server') return finalOf(err);
  return { action: 'retry', delayMs: retryDelay(err, ctx), reason: err.message };
}

/**
 * A poll failed. A GET is safe to repeat, so anything WebRun may recover from is polled again
 * with a growing, jittered delay (capped by `ctx.backoff.capMs`); the task's deadline, not
 * this function, ends a task WebRun never answers for.
 */
export function pollError(error: unknown, ctx: DelayContext): ErrorDecision {
  if (error instanceof WebRunError && error.kind === 'aborted') return { action: 'ignore' };
  const err = error instanceof WebRunError ? error : null;
  // A final kind (every 4xx but 429: kindForStatus) means WebRun refused to say anything more.
  if (err && FINAL_KINDS.has(err.kind)) return finalOf(err);
  const message = err?.message ?? (error instanceof Error ? error.message : String(error));
  return { action: 'retry', delayMs: retryDelay(err, ctx), reason: message };
}

/** Why a task was given up on at its deadline, in words. */
export function deadlineReason(maxDurationMs: number, graceMs: number): string {
  return `No final answer from WebRun within ${Math.round((maxDurationMs + graceMs) / 1000)} s (the task's maximum duration plus a grace); it may have finished there. Check it to learn how it ended.`;
}
