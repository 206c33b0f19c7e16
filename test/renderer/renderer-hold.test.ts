import { describe, expect, it } from 'vitest';
import type { BudgetStatus, QueueStatus } from '../../src-main/contract/index';
import { busySessionsOf, holdOf, type HoldContext } from '../../src-renderer/stores/reduce-hold';
import { taskView } from '../helpers/task-view';

const queue = (over: Partial<QueueStatus> = {}): QueueStatus => ({
  paused: false,
  queued: 1,
  active: 0,
  concurrency: 5,
  blockedUntil: null,
  blockedReason: null,
  refused: null,
  ...over,
});
const blocked: BudgetStatus = {
  today: 2,
  month: 2,
  todayUnknownCost: 0,
  monthUnknownCost: 0,
  dailyCap: 1,
  monthlyCap: null,
  level: 'blocked',
  message: 'The daily budget of $1.00 is reached.',
};
const ctx = (over: Partial<HoldContext> = {}): HoldContext => ({
  queue: queue(),
  budget: null,
  busySessions: new Set(),
  now: 1_000,
  ...over,
});

describe('holdOf: why a queued task waits', () => {
  it('says the queue is held for balance, with what WebRun said, after a paused queue and a budget', () => {
    const balanceHold = {
      balance: 0.01,
      required: 0.02,
      at: 1,
      message:
        'WebRun refused a task for balance ($0.01 left, $0.02 required): no task is sent until you add funds at WebRun and resume the queue.',
    };
    const queued = taskView({ status: 'queued' });
    expect(holdOf(queued, ctx({ balanceHold }))).toEqual({
      kind: 'balance',
      short: 'Held: balance too low',
      text: `Held for balance: ${balanceHold.message}`,
    });
    expect(holdOf(queued, ctx({ balanceHold, budget: blocked }))?.kind).toBe('budget');
    expect(holdOf(queued, ctx({ balanceHold, queue: queue({ paused: true }) }))?.kind).toBe(
      'paused',
    );
  });

  it('says nothing for a task that is not queued', () => {
    expect(
      holdOf(taskView({ status: 'running' }), ctx({ queue: queue({ paused: true }) })),
    ).toBeNull();
  });

  it('names the first thing that holds it, in the order dispatch checks', () => {
    const task = taskView({ sessionId: 's1' });
    const all = ctx({
      queue: queue({
        paused: true,
        blockedUntil: 5_000,
        blockedReason: 'Rate limit exceeded.',
        active: 5,
      }),
      budget: blocked,
      busySessions: new Set(['s1']),
    });
    expect(holdOf(task, all)?.kind).toBe('paused');
    expect(holdOf(task, { ...all, queue: queue({ blockedUntil: 5_000, active: 5 }) })?.kind).toBe(
      'budget',
    );
    expect(
      holdOf(task, {
        ...all,
        budget: null,
        queue: queue({ blockedUntil: 5_000, blockedReason: 'Rate limit exceeded.', active: 5 }),
      }),
    ).toMatchObject({ kind: 'rate_limit', text: expect.stringContaining('(Rate limit exceeded)') });
    expect(holdOf(task, { ...all, budget: null, queue: queue({ active: 5 }) })?.kind).toBe(
      'session',
    );
    expect(
      holdOf(task, { ...all, budget: null, queue: queue({ active: 5 }), busySessions: new Set() }),
    ).toMatchObject({
      kind: 'concurrency',
      text: expect.stringContaining('5 running, 5 allowed at once'),
    });
    expect(holdOf(task, ctx())?.kind).toBe('next');
  });

  it('forgets a rate limit whose time has passed', () => {
    expect(
      holdOf(taskView(), ctx({ queue: queue({ blockedUntil: 900, blockedReason: 'Slow down.' }) }))
        ?.kind,
    ).toBe('next');
  });

  it('counts a session busy only while one of its tasks is live', () => {
    const busy = busySessionsOf([
      taskView({ id: 'a', sessionId: 's1', status: 'running' }),
      taskView({ id: 'b', sessionId: 's2', status: 'completed' }),
    ]);
    expect([...busy]).toEqual(['s1']);
  });
});
