// The budget monitor on its own: a scripted spend, a hand-moved clock and a recording stand-in
// for the runner, so every decision (sum again or reuse, publish, stop, resume) is visible.
import { describe, expect, it } from 'vitest';
import type { BudgetSettings, BudgetStatus } from '../../src-main/contract/index';
import { BudgetMonitor, type CappedWork } from '../../src-main/core/budget/budget-monitor';

function setup(settings: Partial<BudgetSettings> = {}) {
  const clock = { now: new Date(2025, 5, 15, 12).getTime() };
  const spend = { cost: 0, sums: 0 };
  const caps: BudgetSettings = {
    dailyCap: 10,
    monthlyCap: null,
    stopRunningAtCap: false,
    runwayWarningDays: 7,
    ...settings,
  };
  const published: BudgetStatus[] = [];
  const logged: string[] = [];
  const monitor = new BudgetMonitor({
    history: {
      spendBetween: () => {
        spend.sums += 1;
        return { cost: spend.cost, tasks: 1, unknownCost: 0 };
      },
    },
    settings: () => caps,
    now: () => clock.now,
    publish: (status) => published.push(status),
    log: (line) => logged.push(line),
  });
  const work = {
    running: ['a', 'b'],
    stopped: [] as { id: string; code: string; message: string }[],
    resumed: 0,
    failStop: false,
  };
  const capped: CappedWork = {
    running: () => work.running,
    stop: async (id, reason) => {
      if (work.failStop) throw new Error('WebRun is down');
      work.stopped.push({ id, ...reason });
    },
    resume: () => {
      work.resumed += 1;
    },
  };
  monitor.attach(capped);
  return { monitor, clock, spend, caps, published, logged, work };
}

const microtasks = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('BudgetMonitor', () => {
  it('answers dispatch without summing spend when no cap is set, and sums again once one is', () => {
    const { monitor, spend, caps, clock } = setup({ dailyCap: null });
    monitor.refresh(true);
    monitor.costChangedNow(); // too soon after a sum to sum at once: left for the next question
    const sums = spend.sums;
    for (let i = 0; i < 5; i++) expect(monitor.dispatchBlocker()).toBeNull();
    expect(spend.sums).toBe(sums);
    caps.dailyCap = 1;
    spend.cost = 2;
    clock.now += 1_000;
    expect(monitor.dispatchBlocker()).toMatch(/daily budget of \$1\.00 is reached/);
  });

  it('reuses a sum younger than a second and sums again after it', () => {
    const { monitor, clock, spend } = setup();
    monitor.refresh();
    const sums = spend.sums;
    clock.now += 999;
    monitor.refresh();
    expect(spend.sums).toBe(sums);
    clock.now += 1;
    monitor.refresh();
    expect(spend.sums).toBeGreaterThan(sums);
  });

  it('sums again on the next dispatch question once a cost changed, even within the second', () => {
    const { monitor, clock, spend } = setup();
    monitor.refresh();
    clock.now += 100;
    spend.cost = 12;
    const sums = spend.sums;
    monitor.costChangedNow(); // too soon after the last sum to sum at once
    expect(spend.sums).toBe(sums);
    expect(monitor.refresh(false).today).toBe(12);
  });

  it('sums at once when a cost changes 250 ms or more after the last sum', () => {
    const { monitor, clock, spend, published } = setup();
    monitor.refresh(true);
    published.length = 0;
    clock.now += 250;
    spend.cost = 3;
    monitor.costChangedNow();
    expect(published.map((s) => s.today)).toEqual([3]);
  });

  it('publishes only when the figures change', () => {
    const { monitor, spend, published } = setup();
    monitor.refresh(true);
    expect(published).toEqual([]); // the same as the figures it started with
    spend.cost = 1;
    monitor.refresh(true);
    monitor.refresh(true);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ today: 1, level: 'ok' });
  });

  it('blocks dispatch at the cap with its reason', () => {
    const { monitor, spend } = setup();
    expect(monitor.dispatchBlocker()).toBeNull();
    spend.cost = 10;
    monitor.costChangedNow();
    expect(monitor.dispatchBlocker()).toMatch(/daily budget of \$10\.00 is reached/);
  });

  it('leaves running tasks alone at the cap unless asked to stop them', async () => {
    const { monitor, spend, work } = setup({ stopRunningAtCap: false });
    spend.cost = 10;
    monitor.refresh(true);
    await microtasks();
    expect(work.stopped).toEqual([]);
  });

  it('stops every running task once when the cap is reached and stopRunningAtCap is on', async () => {
    const { monitor, spend, work } = setup({ stopRunningAtCap: true });
    spend.cost = 10;
    monitor.refresh(true);
    await microtasks();
    expect(work.stopped.map((s) => [s.id, s.code])).toEqual([
      ['a', 'BUDGET_REACHED'],
      ['b', 'BUDGET_REACHED'],
    ]);
    expect(work.stopped[0]!.message).toMatch(/daily budget/);
    spend.cost = 11; // still blocked: nothing is stopped twice
    monitor.refresh(true);
    await microtasks();
    expect(work.stopped).toHaveLength(2);
  });

  it('logs a stop that fails instead of throwing', async () => {
    const { monitor, spend, work, logged } = setup({ stopRunningAtCap: true });
    work.failStop = true;
    spend.cost = 10;
    expect(() => monitor.refresh(true)).not.toThrow();
    await microtasks();
    await microtasks();
    expect(logged).toEqual(['stopping a: WebRun is down', 'stopping b: WebRun is down']);
  });

  it('resumes dispatch after the call that unblocked it, not inside it', async () => {
    const { monitor, spend, caps, work } = setup();
    spend.cost = 10;
    monitor.refresh(true);
    caps.dailyCap = 20; // the user raised the cap
    monitor.refresh(true);
    expect(work.resumed).toBe(0);
    await microtasks();
    expect(work.resumed).toBe(1);
  });

  it('a cap reached before any work is attached only blocks dispatch', () => {
    const spend = { cost: 0 };
    const monitor = new BudgetMonitor({
      history: { spendBetween: () => ({ cost: spend.cost, tasks: 1, unknownCost: 0 }) },
      settings: () => ({ dailyCap: 5, monthlyCap: null, stopRunningAtCap: true }),
      now: () => 0,
      publish: () => {},
    });
    spend.cost = 10;
    monitor.costChangedNow();
    expect(monitor.dispatchBlocker()).toMatch(/reached/);
  });
});
