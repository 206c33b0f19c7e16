// The one timer helper: a delay of any accepted length fires at its due time on a fake clock,
// never earlier, and never spins; a negative or non-numeric delay is refused in tests.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chainTimers,
  checkedDelay,
  MAX_TIMER_DELAY_MS,
  setStrictTimers,
} from '../../src-main/contract/timers';

/** A platform-like fake clock: like Node, a delay above the limit runs after 1 ms. */
class PlatformClock {
  t = 0;
  armed = 0;
  overflowed = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  set = (fn: () => void, ms: number): number => {
    this.armed++;
    let delay = ms;
    if (delay > MAX_TIMER_DELAY_MS) {
      this.overflowed++;
      delay = 1;
    }
    this.due.set(++this.seq, { at: this.t + delay, fn });
    return this.seq;
  };
  clear = (id: number): void => void this.due.delete(id);
  /** Runs every timer due up to `until`, in order, moving the clock to each. */
  advanceTo(until: number): void {
    for (;;) {
      const next = [...this.due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      this.due.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = until;
  }
}

afterEach(() => setStrictTimers(true));

describe('chained timers', () => {
  it('fires a 30-day delay after 30 days, not after 1 ms', () => {
    const clock = new PlatformClock();
    const timers = chainTimers(clock.set, clock.clear);
    const fired: number[] = [];
    timers.setTimeout(() => fired.push(clock.t), 30 * 86_400_000);
    clock.advanceTo(29 * 86_400_000);
    expect(fired).toEqual([]);
    clock.advanceTo(31 * 86_400_000);
    expect(fired).toEqual([30 * 86_400_000]);
    expect(clock.overflowed).toBe(0);
    expect(clock.armed).toBe(2);
  });

  it('cancels a chained timer in any of its steps', () => {
    const clock = new PlatformClock();
    const timers = chainTimers(clock.set, clock.clear);
    let fired = 0;
    const handle = timers.setTimeout(() => fired++, 3 * MAX_TIMER_DELAY_MS);
    clock.advanceTo(MAX_TIMER_DELAY_MS + 5); // into the second step
    timers.clearTimeout(handle);
    timers.clearTimeout(handle); // twice is harmless
    clock.advanceTo(4 * MAX_TIMER_DELAY_MS);
    expect(fired).toBe(0);
  });

  it('for any accepted delay, fires once, never before it is due, and arms at most one step per limit', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 10_000 }),
          fc.double({ min: 0, max: 10 * MAX_TIMER_DELAY_MS, noNaN: true }),
        ),
        (ms) => {
          const clock = new PlatformClock();
          const timers = chainTimers(clock.set, clock.clear);
          const fired: number[] = [];
          timers.setTimeout(() => fired.push(clock.t), ms);
          clock.advanceTo(ms + 2 * MAX_TIMER_DELAY_MS);
          expect(fired).toHaveLength(1);
          expect(fired[0]).toBeGreaterThanOrEqual(ms);
          expect(clock.overflowed).toBe(0);
          expect(clock.armed).toBeLessThanOrEqual(Math.ceil(ms / MAX_TIMER_DELAY_MS) + 1);
        },
      ),
    );
  });

  it('refuses a negative or non-numeric delay in tests, and runs it as 0 elsewhere', () => {
    setStrictTimers(true);
    for (const bad of [-1, Number.NaN, '5' as unknown as number, undefined as unknown as number])
      expect(() => checkedDelay(bad)).toThrow(/timer's delay must be a number of milliseconds/);
    setStrictTimers(false);
    expect(checkedDelay(-5)).toBe(0);
    expect(checkedDelay(Number.NaN)).toBe(0);
    expect(checkedDelay(Infinity)).toBe(Infinity);
  });

  it('keeps a never-firing Infinity delay parked, one step at a time', () => {
    const clock = new PlatformClock();
    const timers = chainTimers(clock.set, clock.clear);
    let fired = 0;
    timers.setTimeout(() => fired++, Infinity);
    clock.advanceTo(5 * MAX_TIMER_DELAY_MS);
    expect(fired).toBe(0);
    expect(clock.armed).toBe(6);
  });
});
