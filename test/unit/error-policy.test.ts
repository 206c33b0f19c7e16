// error-policy.ts row by row: in which phase each error struck (the table at the top of that
// file), and what a submission or a poll does about it. The broad cases live in
// runner-policy.test.ts; these pin the rows it left open: the codes that say "not started"
// whatever the status, the 402 that holds the queue, what a failure is coded, and the errors
// that are not WebRun's at all.
import { describe, expect, it } from 'vitest';
import {
  deadlineReason,
  phaseOf,
  pollError,
  submissionError,
  type Phase,
} from '../../src-main/core/runner/error-policy';
import {
  kindForStatus,
  WebRunError,
  type WebRunErrorInit,
} from '../../src-main/core/webrun/errors';

const ctx = { attempt: 0, random: () => 0.5, backoff: { baseMs: 1_000, capMs: 60_000 } };
const err = (init: Partial<WebRunErrorInit> & Pick<WebRunErrorInit, 'kind'>) =>
  new WebRunError({ message: 'm', ...init });

describe('the phase an error struck in', () => {
  it.each<[string, WebRunError, Phase]>([
    ['refused before sending', err({ kind: 'network' }), 'not_sent'],
    ['429', err({ kind: 'rate_limited', status: 429 }), 'not_sent'],
    [
      '503 saying no instances',
      err({ kind: 'unavailable', status: 503, message: 'No browser instances free' }),
      'not_sent',
    ],
    [
      '503 coded NO_INSTANCES_AVAILABLE',
      err({ kind: 'unavailable', status: 503, code: 'NO_INSTANCES_AVAILABLE', message: 'Busy' }),
      'not_sent',
    ],
    [
      "503 in WebRun's error format (maintenance)",
      err({ kind: 'unavailable', status: 503, message: 'Maintenance', answered: true }),
      'not_sent',
    ],
    [
      "500 in WebRun's error format",
      err({ kind: 'server', status: 500, answered: true }),
      'not_sent',
    ],
    ['401', err({ kind: 'auth', status: 401 }), 'not_sent'],
    ['402', err({ kind: 'balance', status: 402 }), 'not_sent'],
    ['403', err({ kind: 'forbidden', status: 403 }), 'not_sent'],
    ['404', err({ kind: 'not_found', status: 404 }), 'not_sent'],
    ['409', err({ kind: 'bad_request', status: 409 }), 'not_sent'],
    [
      'a 2xx refusal coded SESSION_LIMIT_REACHED',
      err({ kind: 'bad_response', code: 'SESSION_LIMIT_REACHED' }),
      'not_sent',
    ],
    [
      'a 2xx refusal coded TASK_ALREADY_RUNNING',
      err({ kind: 'bad_response', code: 'TASK_ALREADY_RUNNING' }),
      'not_sent',
    ],
    [
      'a 2xx refusal coded RATE_LIMIT_EXCEEDED',
      err({ kind: 'bad_response', code: 'RATE_LIMIT_EXCEEDED' }),
      'not_sent',
    ],
    ['bare 500 (a proxy page)', err({ kind: 'server', status: 500 }), 'sent'],
    [
      'a 503 page with an unrelated code, not in our format',
      err({ kind: 'unavailable', status: 503, code: 'MAINTENANCE', message: '<html>' }),
      'sent',
    ],
    [
      'a 502 page that happens to say "no available instances"',
      err({ kind: 'server', status: 502, message: 'Bad gateway: no available instances' }),
      'sent',
    ],
    ['timeout', err({ kind: 'timeout', outcomeUnknown: true }), 'sent'],
    ['reset', err({ kind: 'reset', outcomeUnknown: true }), 'sent'],
    ['an unreadable 2xx', err({ kind: 'bad_response', code: 'WHATEVER' }), 'sent'],
  ])('%s → %s', (_name, error, phase) => {
    expect(phaseOf(error)).toBe(phase);
  });
});

describe('what a failed submission leads to', () => {
  it('a "not started" code is retried even when its status would be final, and after Retry-After', () => {
    expect(
      submissionError(
        err({
          kind: 'bad_request',
          status: 409,
          code: 'TASK_ALREADY_RUNNING',
          retryAfterMs: 7_000,
        }),
        null,
        ctx,
      ),
    ).toEqual({ action: 'retry', delayMs: 7_000, reason: 'm' });
    expect(
      submissionError(err({ kind: 'bad_response', code: 'SESSION_LIMIT_REACHED' }), null, ctx),
    ).toMatchObject({ action: 'retry' });
  });

  it('a 503 coded NO_INSTANCES_AVAILABLE is retried; one with an unrelated code is unknown', () => {
    expect(
      submissionError(
        err({ kind: 'unavailable', status: 503, code: 'NO_INSTANCES_AVAILABLE', message: 'Busy' }),
        null,
        ctx,
      ).action,
    ).toBe('retry');
    expect(
      submissionError(
        err({ kind: 'unavailable', status: 503, code: 'MAINTENANCE', message: '<html>' }),
        null,
        ctx,
      ),
    ).toEqual({ action: 'unknown', reason: '<html>' });
  });

  it('a proxy page saying "no available instances" is still ambiguous: unknown, never a resend', () => {
    expect(
      submissionError(
        err({ kind: 'server', status: 502, message: 'Bad gateway: no available instances' }),
        null,
        ctx,
      ).action,
    ).toBe('unknown');
  });

  it("fails with WebRun's own code when it gave one, else the kind's name", () => {
    expect(
      submissionError(
        err({ kind: 'bad_request', status: 400, code: 'INVALID_URL', message: 'Bad URL' }),
        null,
        ctx,
      ),
    ).toEqual({ action: 'fail', code: 'INVALID_URL', message: 'Bad URL' });
    expect(
      submissionError(err({ kind: 'auth', status: 401, message: 'No key' }), null, ctx),
    ).toEqual({ action: 'fail', code: 'AUTH', message: 'No key' });
    expect(submissionError(err({ kind: 'not_found', status: 404 }), null, ctx)).toEqual({
      action: 'fail',
      code: 'NOT_FOUND',
      message: 'm',
    });
  });

  it('a 402 holds the queue when someone can wait for the money; nothing else does', () => {
    const hold = { ...ctx, holdForBalance: true };
    expect(
      submissionError(err({ kind: 'balance', status: 402, message: 'Top up' }), null, hold),
    ).toEqual({ action: 'hold', reason: 'Top up' });
    expect(submissionError(err({ kind: 'balance', status: 402 }), null, ctx).action).toBe('fail');
    expect(submissionError(err({ kind: 'forbidden', status: 403 }), null, hold).action).toBe(
      'fail',
    );
    expect(submissionError(err({ kind: 'network' }), null, hold).action).toBe('retry');
  });

  it('an error of ours after WebRun answered says so, with what went wrong', () => {
    const decision = submissionError(new Error('database is locked'), 'answered', ctx);
    expect(decision).toEqual({
      action: 'unknown',
      reason:
        'WebRun accepted the task, but its answer could not be recorded (database is locked).',
    });
    expect(submissionError('disk full', 'answered', ctx)).toMatchObject({
      reason: expect.stringContaining('(disk full)'),
    });
  });
});

describe('what a failed poll leads to', () => {
  it('a final kind fails the task, whatever its status (a 409, a 410)', () => {
    expect(pollError(err({ kind: 'bad_request', status: 410, message: 'Gone' }), ctx)).toEqual({
      action: 'fail',
      code: 'BAD_REQUEST',
      message: 'Gone',
    });
    expect(pollError(err({ kind: 'not_found', status: 404, code: 'TASK_NOT_FOUND' }), ctx)).toEqual(
      { action: 'fail', code: 'TASK_NOT_FOUND', message: 'm' },
    );
  });

  it('a cancelled poll is ignored; a 429 or 503 is polled again after Retry-After', () => {
    expect(pollError(err({ kind: 'aborted' }), ctx)).toEqual({ action: 'ignore' });
    expect(pollError(err({ kind: 'rate_limited', status: 429, retryAfterMs: 9_000 }), ctx)).toEqual(
      { action: 'retry', delayMs: 9_000, reason: 'm' },
    );
  });

  // A 408 (a proxy or gateway that gave up waiting) said nothing about the task: the poll, a
  // GET, is asked again, and a submission answered so is unknown (the request may have gone on).
  it('a 408 Request Timeout is a timeout: polled again, a submission unknown, never failed', () => {
    const timedOut = err({ kind: kindForStatus(408), status: 408, message: 'Request Timeout' });
    expect(timedOut.kind).toBe('timeout');
    expect(pollError(timedOut, ctx)).toMatchObject({ action: 'retry', reason: 'Request Timeout' });
    expect(submissionError(timedOut, null, ctx)).toEqual({
      action: 'unknown',
      reason: 'Request Timeout',
    });
  });

  it("an error that is not WebRun's (a bug, a thrown string) is polled again, saying what it was", () => {
    expect(pollError(new TypeError('fetch failed'), { ...ctx, minDelayMs: 2_000 })).toEqual({
      action: 'retry',
      delayMs: 2_000,
      reason: 'fetch failed',
    });
    expect(pollError('socket hang up', ctx)).toEqual({
      action: 'retry',
      delayMs: 500,
      reason: 'socket hang up',
    });
  });
});

describe('the deadline', () => {
  it('says how long was waited: the maximum duration plus the grace, in seconds', () => {
    const reason = deadlineReason(600_000, 30_000);
    expect(reason).toContain('within 630 s');
    expect(reason).toMatch(/^No final answer from WebRun/);
  });
});
