// Simulated time in the sandbox comes from the scheduler's clock, not from which timers have
// fired. Timers here are vitest's fake setTimeout and the clock is a hand-driven one, so a
// timer can be made to fire early (the clock lags) or late (the clock runs ahead) on purpose.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Clock, Scheduler } from '../../src-main/sandbox/scheduler.ts';
import { planTask, type TaskSpec } from '../../src-main/sandbox/simulation.ts';
import { SimTask } from '../../src-main/sandbox/task.ts';

const SCALE = 0.001; // 1 clock ms = 1 simulated second
const WINDOW = 50_000; // the inline answer-or-pending window, simulated ms

class ManualClock implements Clock {
  t = 1_000;
  now(): number {
    return this.t;
  }
}

function spec(prompt: string): TaskSpec {
  return {
    prompt,
    startingUrl: null,
    maxDurationMs: 300_000,
    outputType: 'text',
    outputSchema: null,
  };
}

function makeTask(
  scheduler: Scheduler,
  prompt: string,
): { task: SimTask; events: Record<string, unknown>[] } {
  const events: Record<string, unknown>[] = [];
  const task = new SimTask('s1', planTask(spec(prompt), 1), false, {
    scheduler,
    timeScale: SCALE,
    emit: (payload) => events.push(payload),
    registerFile: () => ({ downloadUrl: 'http://127.0.0.1/f' }),
    onAction: () => {},
    onFinish: () => {},
  });
  return { task, events };
}

describe('sandbox timing', () => {
  let clock: ManualClock;
  let scheduler: Scheduler;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    clock = new ManualClock();
    scheduler = new Scheduler(clock);
  });
  afterEach(() => {
    scheduler.close();
    vi.useRealTimers();
  });

  it('runs a timer only once the clock says its delay has passed, even when setTimeout fires early', () => {
    const fn = vi.fn();
    scheduler.after(50, fn);
    clock.t += 47.4; // the timer fires, but only 47.4 ms have passed on the clock
    vi.advanceTimersByTime(50);
    expect(fn).not.toHaveBeenCalled();
    clock.t += 2.6;
    vi.advanceTimersByTime(3);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('waits out a delay longer than a platform timer keeps (24.8 days) without re-arming every millisecond', () => {
    const fn = vi.fn();
    const armed = vi.spyOn(globalThis, 'setTimeout');
    const DAY = 86_400_000;
    scheduler.after(30 * DAY, fn);
    clock.t += 1_000;
    vi.advanceTimersByTime(1_000);
    // Node runs a longer timer after 1 ms; re-arming "for the rest" then spun once a millisecond.
    expect(armed).toHaveBeenCalledTimes(1);
    clock.t += 30 * DAY;
    vi.advanceTimersByTime(30 * DAY);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(armed.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('cancels a re-armed timer, and close() clears it', () => {
    const fn = vi.fn();
    const cancel = scheduler.after(10, fn);
    vi.advanceTimersByTime(10); // early: clock has not moved, re-armed
    cancel();
    clock.t += 20;
    vi.advanceTimersByTime(20);
    expect(fn).not.toHaveBeenCalled();
    scheduler.after(10, fn);
    vi.advanceTimersByTime(10);
    scheduler.close();
    clock.t += 20;
    vi.advanceTimersByTime(20);
    expect(fn).not.toHaveBeenCalled();
  });

  it('ends the 50 s inline window with at least 50 s of usage when the window timer fires early', async () => {
    const { task } = makeTask(scheduler, 'Slow research [duration:90s]');
    task.start();
    let settled = false;
    void task.settled(WINDOW * SCALE).then(() => (settled = true));
    clock.t += 47.4;
    await vi.advanceTimersByTimeAsync(50);
    expect(settled).toBe(false); // before the fix: answered "pending" with 47.4 s of usage
    clock.t += 2.6;
    await vi.advanceTimersByTimeAsync(3);
    expect(settled).toBe(true);
    expect(task.state).toBe('running');
    expect(task.usage().completion_time).toBeGreaterThanOrEqual(50);
  });

  it('derives usage from the clock when narrative timers fire late, and never goes back', () => {
    const { task, events } = makeTask(scheduler, 'Slow research [duration:90s]');
    task.start();
    vi.advanceTimersByTime(0);
    const firstBatch = events.length;
    // 70 simulated seconds pass on the clock, but no timer gets to run (a loaded machine).
    clock.t += 70;
    expect(task.usage().completion_time).toBe(70);
    const before = task.usage();
    // The late timers catch up (their setTimeouts run long after they were due on the clock):
    // the narrative goes out, time does not move, and nothing due after 70 s goes out yet.
    vi.advanceTimersByTime(200);
    expect(events.length).toBeGreaterThan(firstBatch);
    expect(task.usage()).toEqual(before);
    expect(task.state).toBe('running');
    expect(
      events.some((e) => e.type === 'agent' && String(e.content).startsWith('I have everything')),
    ).toBe(false);
    clock.t += 5;
    expect(task.usage().completion_time).toBe(75);
    expect(task.usage().total_tokens).toBeGreaterThan(before.total_tokens);
    // Past the end with the end timer late: usage stops at the planned 90 s.
    clock.t += 40;
    expect(task.usage().completion_time).toBe(90);
    expect(task.state).toBe('running');
    vi.advanceTimersByTime(200);
    expect(task.state).toBe('completed');
    expect(task.usage().completion_time).toBe(90);
  });

  it('holds the clock at a late guardrail and continues from there after the answer', () => {
    const { task } = makeTask(scheduler, 'Log in [guardrail:Need credentials] [duration:100s]');
    task.start();
    clock.t += 60; // the guardrail at 40 s is due, its timer has not run yet
    expect(task.state).toBe('running');
    expect(task.usage().completion_time).toBe(40);
    vi.advanceTimersByTime(200);
    expect(task.state).toBe('guardrail');
    expect(task.usage().completion_time).toBe(40);
    clock.t += 30; // waiting for an answer does not count
    expect(task.usage().completion_time).toBe(40);
    expect(task.answerGuardrail(true)).toBe(true);
    clock.t += 10;
    expect(task.usage().completion_time).toBe(50);
  });

  it('pauses and resumes on the clock: paused time does not count', () => {
    const { task } = makeTask(scheduler, 'Slow research [duration:90s]');
    task.start();
    clock.t += 20;
    task.pause();
    clock.t += 100;
    expect(task.usage().completion_time).toBe(20);
    task.resume();
    clock.t += 15;
    expect(task.usage().completion_time).toBe(35);
  });
});
