// The runner's decisions as pure functions: error × phase → what happens, and answer → plan.
// No clock, no store: these are the rules docs/ARCHITECTURE.md states as a table.
import { describe, expect, it } from 'vitest';
import { pollError, submissionError } from '../../src-main/core/runner/error-policy';
import { EventDedup } from '../../src-main/core/runner/event-dedup';
import { mergeUsage, planOutcome } from '../../src-main/core/runner/outcome-plan';
import { healthyPollInterval, pollOnSocketNews } from '../../src-main/core/runner/poll-policy';
import type { StoredTask } from '../../src-main/core/tasks/task-store';
import { WebRunError, type WebRunErrorInit } from '../../src-main/core/webrun/errors';
import type { TaskOutcome } from '../../src-main/core/webrun/types';
import { policyTask, runningOutcome } from '../helpers/runner-harness';

const ctx = { attempt: 0, random: () => 0.5, backoff: { baseMs: 1_000, capMs: 60_000 } };
const err = (init: Partial<WebRunErrorInit> & Pick<WebRunErrorInit, 'kind'>) =>
  new WebRunError({ message: 'm', ...init });

describe('submission errors', () => {
  it.each([
    [
      '429 with Retry-After',
      err({ kind: 'rate_limited', status: 429, retryAfterMs: 30_000 }),
      'retry',
    ],
    [
      '503 no available instances',
      err({ kind: 'unavailable', status: 503, message: 'No available instances.' }),
      'retry',
    ],
    [
      '503 INSTANCE_UNAVAILABLE',
      err({ kind: 'unavailable', status: 503, code: 'INSTANCE_UNAVAILABLE' }),
      'retry',
    ],
    ['refused before sending', err({ kind: 'network' }), 'retry'],
    [
      'SESSION_LIMIT_REACHED',
      err({ kind: 'rate_limited', status: 429, code: 'SESSION_LIMIT_REACHED' }),
      'retry',
    ],
    ['bare 500', err({ kind: 'server', status: 500 }), 'unknown'],
    ['bare 502', err({ kind: 'server', status: 502 }), 'unknown'],
    ['bare 504', err({ kind: 'server', status: 504 }), 'unknown'],
    [
      'a 503 page from a proxy',
      err({ kind: 'unavailable', status: 503, message: '<html>' }),
      'unknown',
    ],
    ['timeout after sending', err({ kind: 'timeout', outcomeUnknown: true }), 'unknown'],
    ['reset after sending', err({ kind: 'reset', outcomeUnknown: true }), 'unknown'],
    ['unreadable answer', err({ kind: 'bad_response', outcomeUnknown: true }), 'unknown'],
    ["500 in WebRun's error format", err({ kind: 'server', status: 500, answered: true }), 'fail'],
    ['400', err({ kind: 'bad_request', status: 400 }), 'fail'],
    ['401', err({ kind: 'auth', status: 401 }), 'fail'],
    ['402', err({ kind: 'balance', status: 402 }), 'fail'],
    ['403', err({ kind: 'forbidden', status: 403 }), 'fail'],
    ['cancelled by us', err({ kind: 'aborted' }), 'ignore'],
  ])('%s → %s', (_name, error, action) => {
    expect(submissionError(error, null, ctx).action).toBe(action);
  });

  it('after WebRun answered, any error (even one that looks retryable) is unknown, never a resend', () => {
    expect(
      submissionError(err({ kind: 'rate_limited', status: 429 }), 'answered', ctx).action,
    ).toBe('unknown');
    expect(
      submissionError(
        Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
        'answered',
        ctx,
      ).action,
    ).toBe('unknown');
    expect(submissionError(new TypeError('bug'), null, ctx).action).toBe('unknown');
  });

  it('honours Retry-After, else a full-jitter backoff', () => {
    expect(
      submissionError(err({ kind: 'rate_limited', retryAfterMs: 30_000 }), null, ctx),
    ).toMatchObject({ delayMs: 30_000 });
    expect(submissionError(err({ kind: 'network' }), null, { ...ctx, attempt: 3 })).toMatchObject({
      delayMs: 4_000,
    });
  });
});

describe('poll errors', () => {
  it.each([400, 401, 402, 403, 404])('%i fails the task with its message', (status) => {
    expect(
      pollError(err({ kind: 'bad_request', status, message: `said ${status}` }), ctx),
    ).toMatchObject({ action: 'fail', message: `said ${status}` });
  });

  it('anything else is polled again, later each time, never sooner than the interval and never past the cap', () => {
    const delays = [0, 1, 2, 3, 10, 20].map((attempt) =>
      pollError(err({ kind: 'server', status: 500 }), {
        ...ctx,
        random: () => 0.999,
        attempt,
        minDelayMs: 2_500,
      }),
    );
    expect(delays.every((d) => d.action === 'retry')).toBe(true);
    const ms = delays.map((d) => (d as { delayMs: number }).delayMs);
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
    expect(Math.min(...ms)).toBe(2_500);
    expect(Math.max(...ms)).toBeLessThanOrEqual(60_000);
  });
});

const task = policyTask;
const outcome = runningOutcome;
const plan = (t: StoredTask, o: TaskOutcome) =>
  planOutcome(t, o, {
    now: 1_000,
    unrecognisedBefore: 0,
    maxUnrecognisedPolls: 3,
    sessionEndText: 'ended',
  });
const usage = (cost: number | null) => ({
  prompt_tokens: null,
  completion_tokens: null,
  total_tokens: null,
  completion_time: null,
  cost,
});

describe('outcome plan', () => {
  it('running with no ids anywhere is unknown at once; with stored ids it is followed', () => {
    expect(
      plan(task({ status: 'submitting', sessionId: null, remoteTaskId: null }), outcome({})).next,
    ).toMatchObject({ step: 'unknown', code: 'NO_REMOTE_IDS' });
    expect(plan(task(), outcome({})).next).toMatchObject({ step: 'follow' });
    expect(
      plan(
        task({ sessionId: null, remoteTaskId: null, pollUrl: 'http://w/task/s/t' }),
        outcome({ state: 'pending' }),
      ).next,
    ).toMatchObject({ step: 'follow' });
  });

  it('writes new remote ids first and keeps the ones already stored', () => {
    expect(
      plan(
        task({ sessionId: null, remoteTaskId: null }),
        outcome({ sessionId: 's1', taskId: 't1' }),
      ).ids,
    ).toEqual({ sessionId: 's1', remoteTaskId: 't1' });
    expect(plan(task(), outcome({ sessionId: 'other', taskId: 'other' })).ids).toEqual({});
  });

  it('stops at the cost cap unless the answer is already final', () => {
    expect(plan(task({ costCap: 0.05 }), outcome({ usage: usage(0.06) })).next.step).toBe(
      'cost_cap',
    );
    expect(
      plan(task({ costCap: 0.05 }), outcome({ state: 'completed', usage: usage(0.06) })).next.step,
    ).toBe('finish');
  });

  it('a paused task reporting running stays paused; an answered question is closed', () => {
    expect(plan(task({ status: 'paused' }), outcome({})).next).toEqual({
      step: 'follow',
      status: null,
      questionAnswered: false,
    });
    expect(plan(task({ status: 'needs_input' }), outcome({})).next).toEqual({
      step: 'follow',
      status: 'running',
      questionAnswered: true,
    });
  });

  it('an unreadable answer is polled again until too many in a row, and is unknown at submission without ids', () => {
    expect(plan(task(), outcome({ state: 'unrecognised' })).next.step).toBe('follow');
    expect(
      planOutcome(task(), outcome({ state: 'unrecognised' }), {
        now: 0,
        unrecognisedBefore: 2,
        maxUnrecognisedPolls: 3,
        sessionEndText: '',
      }).next.step,
    ).toBe('unknown');
    expect(
      plan(
        task({ status: 'submitting', sessionId: null, remoteTaskId: null }),
        outcome({ state: 'unrecognised' }),
      ).next.step,
    ).toBe('unknown');
  });

  it('never loses a known cost, and a running figure never lowers it', () => {
    const known = {
      usage: {
        promptTokens: null,
        completionTokens: null,
        totalTokens: null,
        completionTime: null,
        cost: 0.2,
      },
      costSource: 'reported' as const,
    };
    const lower = { usage: { ...known.usage, cost: 0.1 }, costSource: 'reported' as const };
    const none = { usage: { ...known.usage, cost: null }, costSource: null };
    expect(mergeUsage(known, lower, false).usage?.cost).toBe(0.2);
    expect(mergeUsage(known, none, true).usage?.cost).toBe(0.2);
    expect(mergeUsage(known, lower, true).usage?.cost).toBe(0.1); // a final figure stands
  });
});

describe('socket event dedup', () => {
  it('acts on an event once per session, however often it arrives', () => {
    const dedup = new EventDedup();
    const event = { kind: 'agent', content: 'hello' } as const;
    expect(dedup.firstTime('s1', event)).toBe(true);
    expect(dedup.firstTime('s1', event)).toBe(false);
    expect(dedup.firstTime('s2', event)).toBe(true);
    dedup.forget('s1');
    expect(dedup.firstTime('s1', event)).toBe(true);
  });
});

describe('what socket news means for polling', () => {
  it('a change is confirmed by one poll now; a connect defers the planned poll; a drop or a lossy reconnect polls now', () => {
    expect(pollOnSocketNews({ type: 'event', changesState: true }, 60_000)).toEqual({
      action: 'now',
    });
    expect(pollOnSocketNews({ type: 'event', changesState: false }, 60_000)).toEqual({
      action: 'none',
    });
    expect(pollOnSocketNews({ type: 'health', healthy: true, resync: false }, 60_000)).toEqual({
      action: 'defer',
      delayMs: 60_000,
    });
    expect(pollOnSocketNews({ type: 'health', healthy: true, resync: true }, 60_000)).toEqual({
      action: 'now',
    });
    expect(pollOnSocketNews({ type: 'health', healthy: false, resync: false }, 60_000)).toEqual({
      action: 'now',
    });
  });

  it('a task with a cost cap is polled at least every 15 s, healthy socket or not', () => {
    expect(healthyPollInterval({ costCap: null }, 60_000)).toBe(60_000);
    expect(healthyPollInterval({ costCap: 1 }, 60_000)).toBe(15_000);
    expect(healthyPollInterval({ costCap: 1 }, 200)).toBe(200);
  });
});
