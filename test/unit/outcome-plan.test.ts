// outcome-plan.ts answer by answer: what each state WebRun reports becomes (the step, its
// status, code and words), what is written about cost, and when an answer cannot be followed.
// runner-policy.test.ts holds the broad rules; these pin the rest of the table exactly.
import { describe, expect, it } from 'vitest';
import type { UsageView } from '../../src-main/contract/schemas';
import { mergeUsage, planOutcome } from '../../src-main/core/runner/outcome-plan';
import type { StoredTask } from '../../src-main/core/tasks/task-store';
import { costOf } from '../../src-main/contract/pricing';
import type { TaskOutcome, Usage } from '../../src-main/core/webrun/types';
import { policyTask, runningOutcome } from '../helpers/runner-harness';

const task = policyTask;
const outcome = runningOutcome;
const plan = (t: StoredTask, o: TaskOutcome, over: { now?: number; before?: number } = {}) =>
  planOutcome(t, o, {
    now: over.now ?? 1_000,
    unrecognisedBefore: over.before ?? 0,
    maxUnrecognisedPolls: 3,
    sessionEndText: 'The session ended.',
  });
const cost = (c: number | null): Usage => ({
  prompt_tokens: null,
  completion_tokens: null,
  total_tokens: null,
  completion_time: null,
  cost: c,
});
const view = (c: number | null): UsageView => ({
  promptTokens: null,
  completionTokens: null,
  totalTokens: null,
  completionTime: null,
  cost: c,
});
const noIds = { sessionId: null, remoteTaskId: null, pollUrl: null };

describe('a final answer', () => {
  it('completed finishes the task with the agent’s answer', () => {
    expect(plan(task(), outcome({ state: 'completed', message: 'Found 3 flights' })).next).toEqual({
      step: 'finish',
      status: 'completed',
      code: null,
      message: 'Found 3 flights',
    });
  });

  it('failed finishes it with WebRun’s code and words, or says so plainly without them', () => {
    expect(
      plan(
        task(),
        outcome({ state: 'failed', code: 'NAVIGATION_TIMEOUT', message: 'Page did not load' }),
      ).next,
    ).toEqual({
      step: 'finish',
      status: 'failed',
      code: 'NAVIGATION_TIMEOUT',
      message: 'Page did not load',
    });
    expect(plan(task(), outcome({ state: 'failed' })).next).toEqual({
      step: 'finish',
      status: 'failed',
      code: null,
      message: 'WebRun reported the task as failed.',
    });
  });

  it('terminated stops it, with WebRun’s words or why the session ended', () => {
    expect(
      plan(task(), outcome({ state: 'terminated', message: 'Stopped by admin' })).next,
    ).toEqual({
      step: 'finish',
      status: 'stopped',
      code: 'TERMINATED',
      message: 'Stopped by admin',
    });
    expect(plan(task(), outcome({ state: 'terminated' })).next).toEqual({
      step: 'finish',
      status: 'stopped',
      code: 'TERMINATED',
      message: 'The session ended.',
    });
  });

  it.each(['completed', 'failed', 'terminated'] as const)(
    '%s over the cost cap still finishes, and its lower final cost stands',
    (state) => {
      const stored = task({ costCap: 0.05, usage: view(0.2), costSource: 'reported' });
      const p = plan(stored, outcome({ state, usage: cost(0.06) }));
      expect(p.next.step).toBe('finish');
      expect(p.usage).toEqual({ usage: view(0.06), costSource: 'reported' });
    },
  );
});

describe('the cost cap', () => {
  it('stops a task at its cap, or over it, saying what it spent', () => {
    expect(plan(task({ costCap: 0.05 }), outcome({ usage: cost(0.05) })).next).toEqual({
      step: 'cost_cap',
      message: 'Stopped at its cost cap of $0.05 (spent $0.05).',
    });
    expect(plan(task({ costCap: 0.05 }), outcome({ usage: cost(0.0612) })).next).toEqual({
      step: 'cost_cap',
      message: 'Stopped at its cost cap of $0.05 (spent $0.0612).',
    });
  });

  it('follows a task under its cap, one without a cap, and one whose cost is not known', () => {
    expect(plan(task({ costCap: 0.05 }), outcome({ usage: cost(0.049) })).next.step).toBe('follow');
    expect(plan(task(), outcome({ usage: cost(12) })).next.step).toBe('follow');
    expect(plan(task({ costCap: 0.05 }), outcome({ usage: cost(null) })).next.step).toBe('follow');
  });
});

describe('what is written about cost', () => {
  it('a rising running figure is stored; an equal reported one replaces an estimate', () => {
    const estimated = { usage: view(0.2), costSource: 'estimated' as const };
    expect(mergeUsage(estimated, { usage: view(0.3), costSource: 'reported' }, false)).toEqual({
      usage: view(0.3),
      costSource: 'reported',
    });
    expect(mergeUsage(estimated, { usage: view(0.2), costSource: 'reported' }, false)).toEqual({
      usage: view(0.2),
      costSource: 'reported',
    });
  });

  it('an answer without usage writes nothing; a first figure is taken as it is', () => {
    expect(
      mergeUsage(
        { usage: view(0.2), costSource: 'reported' },
        { usage: null, costSource: null },
        false,
      ),
    ).toEqual({});
    expect(
      mergeUsage(
        { usage: null, costSource: null },
        { usage: view(0.1), costSource: 'reported' },
        false,
      ),
    ).toEqual({ usage: view(0.1), costSource: 'reported' });
  });

  it('a cost estimated from tokens counts the minutes since the task started', () => {
    const tokens: Usage = { ...cost(null), prompt_tokens: 10_000, completion_tokens: 1_000 };
    const started = plan(task({ startedAt: 10_000 }), outcome({ usage: tokens }), { now: 70_000 });
    expect(started.sample?.cost).toBe(
      costOf({ prompt_tokens: 10_000, completion_tokens: 1_000 }, 1),
    );
    expect(started.usage).toMatchObject({ costSource: 'estimated' });
    // Not started yet (no start time): no compute minutes, only the tokens.
    const unstarted = plan(task({ startedAt: null }), outcome({ usage: tokens }), { now: 70_000 });
    expect(unstarted.sample?.cost).toBe(
      costOf({ prompt_tokens: 10_000, completion_tokens: 1_000 }, 0),
    );
  });
});

describe('remote ids', () => {
  it('a new poll URL is written; a stored one is kept', () => {
    expect(
      plan(task({ ...noIds, status: 'submitting' }), outcome({ pollUrl: 'http://w/task/s/t' })).ids,
    ).toEqual({ pollUrl: 'http://w/task/s/t' });
    expect(
      plan(task({ pollUrl: 'http://w/task/s/t' }), outcome({ pollUrl: 'http://w/other' })).ids,
    ).toEqual({});
  });

  it('a session id without a task id cannot be followed', () => {
    expect(
      plan(task({ ...noIds, status: 'submitting' }), outcome({ sessionId: 's1' })).next,
    ).toMatchObject({ step: 'unknown', code: 'NO_REMOTE_IDS' });
    expect(
      plan(task({ ...noIds, status: 'submitting' }), outcome({ sessionId: 's1', taskId: 't1' }))
        .next,
    ).toMatchObject({ step: 'follow', status: 'running' });
  });

  it('says in words what WebRun claimed when nothing can follow the task', () => {
    const words = (state: TaskOutcome['state']) => {
      const next = plan(task({ ...noIds, status: 'submitting' }), outcome({ state })).next;
      return next.step === 'unknown' ? next.message : next.step;
    };
    expect(words('needs_input')).toMatch(
      /^WebRun said the task is waiting for an answer but gave no task id or poll URL/,
    );
    expect(words('running')).toMatch(/^WebRun said the task is running but/);
    expect(words('pending')).toMatch(/^WebRun said the task is pending but/);
  });
});

describe('a question', () => {
  it('is asked with the agent’s words, or a plain request when it gave none', () => {
    expect(plan(task(), outcome({ state: 'needs_input', question: 'Which date?' })).next).toEqual({
      step: 'ask',
      question: 'Which date?',
    });
    expect(plan(task(), outcome({ state: 'needs_input' })).next).toEqual({
      step: 'ask',
      question: 'The agent needs your input.',
    });
  });
});

describe('an unreadable answer', () => {
  const odd = (raw = '{"weird":true}') => outcome({ state: 'unrecognised', raw });

  it('while following, the task is polled again as it is (status kept, no question closed)', () => {
    expect(plan(task({ status: 'needs_input' }), odd(), { before: 1 }).next).toEqual({
      step: 'follow',
      status: null,
      questionAnswered: false,
    });
  });

  it('at submission with ids stored, the task is followed as running', () => {
    expect(plan(task({ status: 'submitting' }), odd()).next).toEqual({
      step: 'follow',
      status: 'running',
      questionAnswered: false,
    });
  });

  it('at submission without ids, it is unknown and says so', () => {
    const next = plan(task({ ...noIds, status: 'submitting' }), odd('<b>hi</b>')).next;
    expect(next).toEqual({
      step: 'unknown',
      code: 'UNRECOGNISED_RESPONSE',
      message:
        'WebRun answered in a shape this app does not recognise when the task was submitted; the task may still be running. Answer: <b>hi</b>',
    });
  });

  it('too many in a row, or one for a task nothing can follow, is unknown with the count', () => {
    expect(plan(task(), odd(), { before: 2 }).next).toMatchObject({
      step: 'unknown',
      code: 'UNRECOGNISED_RESPONSE',
      message: expect.stringContaining('does not recognise 3 times in a row;'),
    });
    expect(plan(task({ ...noIds }), odd()).next).toMatchObject({
      step: 'unknown',
      code: 'UNRECOGNISED_RESPONSE',
      message: expect.stringContaining('does not recognise once;'),
    });
  });

  it('quotes at most 200 characters of the answer', () => {
    const next = plan(task(), odd('x'.repeat(500)), { before: 2 }).next;
    expect(next.step === 'unknown' && next.message.endsWith(`Answer: ${'x'.repeat(200)}`)).toBe(
      true,
    );
  });
});
