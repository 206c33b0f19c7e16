// A poll that failed: given up (failed or unknown) as the error policy says, or planned again
// with backoff (a GET is safe to repeat), the next poll planned before anything is written.
import { isEnded } from '../../contract/task-status';
import { WebRunError } from '../webrun/errors';
import { pollError } from './error-policy';
import type { RunnerContext } from './runner-context';

export function onPollError(c: RunnerContext, id: string, error: unknown): void {
  if (c.isClosed()) return;
  const task = c.store.get(id);
  if (!task || isEnded(task.status)) return;
  const entry = c.entry(id);
  const decision = pollError(error, {
    attempt: entry.pollFailures,
    random: c.o.random,
    backoff: c.o.backoff,
    minDelayMs: c.o.pollIntervalMs(),
  });
  if (decision.action === 'ignore') return;
  if (decision.action === 'fail') {
    c.settle(id, () =>
      c.finish(id, {
        status: 'failed',
        error: { code: decision.code, message: decision.message },
      }),
    );
    return;
  }
  if (decision.action === 'unknown') {
    c.settle(id, () =>
      c.finish(id, {
        status: 'unknown',
        error: { code: 'OUTCOME_UNKNOWN', message: decision.reason },
      }),
    );
    return;
  }
  if (decision.action !== 'retry') return; // a poll is never held for balance
  // A GET is safe to repeat: keep following the task, backing off while WebRun is unwell.
  // The next poll is planned before anything is written, so a failed write cannot strand it.
  entry.pollFailures += 1;
  // WebRun's own Retry-After holds even against socket news; a backoff of ours does not.
  if (error instanceof WebRunError && error.retryAfterMs !== null)
    c.polls.holdOff(id, decision.delayMs);
  else c.polls.at(id, decision.delayMs);
  const err = error as { kind?: unknown; status?: unknown };
  c.store.appendEvent(id, 'error', {
    kind: err.kind ?? 'internal',
    status: err.status ?? null,
    message: decision.reason,
    retryInMs: decision.delayMs,
  });
}
