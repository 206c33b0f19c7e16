// The money-foresight rules as pure functions: runway (a constant burn gives the exact runway),
// baselines (unknown costs never lower one; fewer than 5 known runs make none), the anomaly
// and day-spike alarms, and pre-flight's refusal with its figures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BalanceReading, BudgetStatus } from '../../src-main/contract/index';
import { baselineOf, daySpikeOf, isAnomalous, MIN_RUNS } from '../../src-main/core/money/baseline';
import { budgetLeft, preflight } from '../../src-main/core/money/preflight';
import { runwayOf } from '../../src-main/core/money/runway';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const reading = (balance: number): BalanceReading => ({
  balance,
  required: null,
  at: NOW - 3_600_000,
  source: 'start-session',
  simulated: false,
});
/** The same spend on each of `days` days up to today. */
const constantBurn = (perDay: number, days: number, unknownCost = 0) =>
  Array.from({ length: days }, (_, i) => ({
    period: dayKey(NOW - i * DAY),
    cost: perDay,
    unknownCost,
  }));
const costs = fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { maxLength: 40 });

describe('runway', () => {
  it('a constant burn gives the exact runway: balance / daily spend', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }), // cents a day
        fc.integer({ min: 0, max: 10_000_000 }), // balance in cents
        fc.integer({ min: 1, max: 30 }), // days of history
        (cents, balanceCents, days) => {
          const r = runwayOf({
            balance: reading(balanceCents / 100),
            now: NOW,
            tzOffsetMinutes: 0,
            byDay: constantBurn(cents / 100, days),
            warningDays: 7,
          });
          expect(r.days).not.toBeNull();
          // Exact up to the last bits of a double (relative error below 1e-12).
          const exact = balanceCents / cents;
          expect(Math.abs(r.days! - exact)).toBeLessThanOrEqual(exact * 1e-12);
          expect(r.perDay!).toBeCloseTo(cents / 100, 12);
          expect(r.method).toBe(`${Math.min(7, days)}-day trailing average`);
          expect(r.unknownCost).toBe(0);
        },
      ),
    );
  });

  it('warns under the days set in Settings, and only then', () => {
    const run = (balance: number) =>
      runwayOf({
        balance: reading(balance),
        now: NOW,
        tzOffsetMinutes: 0,
        byDay: constantBurn(1, 7),
        warningDays: 5,
      });
    expect(run(4).warning).toMatch(/lasts 4 days .* under the 5 days set in Settings/);
    expect(run(0.1).warning).toMatch(/lasts about 2 h at the recent pace/);
    expect(run(5).warning).toBeNull();
  });

  it('says "at most" when the window holds unknown costs, and has no runway without a balance or spend', () => {
    const r = runwayOf({
      balance: reading(10),
      now: NOW,
      tzOffsetMinutes: 0,
      byDay: constantBurn(1, 7, 1),
      warningDays: 7,
    });
    expect(r.explanation).toMatch(/lasts at most 10 days\. 7 tasks of unknown cost/);
    expect(
      runwayOf({ balance: null, now: NOW, tzOffsetMinutes: 0, byDay: [], warningDays: 7 }),
    ).toMatchObject({ days: null, explanation: expect.stringMatching(/No balance seen yet/) });
    expect(
      runwayOf({ balance: reading(3), now: NOW, tzOffsetMinutes: 0, byDay: [], warningDays: 7 }),
    ).toMatchObject({ days: null, explanation: expect.stringMatching(/No known spend/) });
  });
});

describe('baseline', () => {
  it('unknown costs never lower a baseline (nor raise it: they are left out and counted)', () => {
    fc.assert(
      fc.property(costs, fc.integer({ min: 1, max: 20 }), fc.nat(), (known, unknown, seed) => {
        const mixed: (number | null)[] = [...known];
        for (let i = 0; i < unknown; i++)
          mixed.splice((seed + i * 7) % (mixed.length + 1), 0, null);
        const without = baselineOf(known);
        const withUnknown = baselineOf(mixed);
        expect(withUnknown.unknownRuns).toBe(unknown);
        expect(withUnknown.runs).toBe(known.length);
        if (without.threshold === null) expect(withUnknown.threshold).toBeNull();
        else expect(withUnknown.threshold!).toBeGreaterThanOrEqual(without.threshold);
        expect(withUnknown.p50).toBe(without.p50);
      }),
    );
  });

  it('a template with fewer than 5 known runs has no baseline, and says so', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { maxLength: MIN_RUNS - 1 }),
        fc.nat(10),
        (known, unknown) => {
          const b = baselineOf([...known, ...Array<null>(unknown).fill(null)]);
          expect(b.threshold).toBeNull();
          expect(b.explanation).toMatch(
            /^No baseline: \d+ earlier runs? with a known cost, and it takes 5/,
          );
          expect(isAnomalous(1_000_000, b)).toBe(false);
        },
      ),
    );
  });

  it('flags past the larger of 3× the median and the p95; an unknown cost is never flagged', () => {
    const b = baselineOf([0.01, 0.01, 0.01, 0.01, 0.01]);
    expect(b.threshold).toBeCloseTo(0.03, 12);
    expect(isAnomalous(0.03, b)).toBe(false);
    expect(isAnomalous(0.0301, b)).toBe(true);
    expect(isAnomalous(null, b)).toBe(false);
    const wide = baselineOf([
      0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01,
      0.01, 0.01, 0.01, 0.01, 1,
    ]);
    expect(wide.threshold).toBe(wide.p95);
  });
});

describe('day spike', () => {
  const today = dayKey(NOW);
  const week = (perDay: number) =>
    Array.from({ length: 7 }, (_, i) => ({
      period: dayKey(NOW - (i + 1) * DAY),
      cost: perDay,
      unknownCost: 0,
    }));
  it('alerts once today passes twice the trailing 7-day average', () => {
    expect(daySpikeOf([...week(1), { period: today, cost: 2, unknownCost: 0 }], today)).toBeNull();
    const spike = daySpikeOf([...week(1), { period: today, cost: 2.01, unknownCost: 0 }], today);
    expect(spike).toMatchObject({ day: today, spent: 2.01, average: 1 });
    expect(spike!.text).toMatch(/more than twice the 7-day trailing average/);
  });
  it('has nothing to compare with when the week spent nothing', () => {
    expect(daySpikeOf([{ period: today, cost: 50, unknownCost: 0 }], today)).toBeNull();
  });
});

describe('pre-flight', () => {
  const budget = (o: Partial<BudgetStatus> = {}): BudgetStatus => ({
    today: 0,
    month: 0,
    todayUnknownCost: 0,
    monthUnknownCost: 0,
    dailyCap: null,
    monthlyCap: null,
    level: 'ok',
    message: null,
    ...o,
  });
  const history = baselineOf([0.1, 0.1, 0.1, 0.2, 0.3]);

  it('refuses when the median total exceeds the balance, naming p50, p90 and the balance', () => {
    const check = preflight({
      tasks: 10,
      baseline: history,
      balance: reading(0.5),
      budget: budget(),
    });
    expect(check.ok).toBe(false);
    expect(check.p50Total).toBeCloseTo(1, 9);
    expect(check.text).toMatch(
      /Refused before sending: 10 tasks at \$0\.10 median and \$0\.26 p90 each: \$1\.00 to \$2\.60, more than the balance \(\$0\.50\)/,
    );
  });

  it('refuses against the budget left when it is the tighter limit', () => {
    const b = budget({ dailyCap: 1, today: 0.8 });
    expect(budgetLeft(b)).toBeCloseTo(0.2, 9);
    const check = preflight({ tasks: 3, baseline: history, balance: reading(100), budget: b });
    expect(check.ok).toBe(false);
    expect(check.text).toMatch(/more than the budget left \(\$0\.20\)/);
  });

  it('lets it go when only the p90 total is over, and says so; without a baseline it is not checked', () => {
    const high = preflight({ tasks: 5, baseline: history, balance: reading(1), budget: budget() });
    expect(high.ok).toBe(true);
    expect(high.text).toMatch(/covers the median but maybe not the high end/);
    const none = preflight({
      tasks: 5,
      baseline: baselineOf([1, null]),
      balance: reading(0),
      budget: budget(),
    });
    expect(none.ok).toBe(true);
    expect(none.text).toMatch(/Not checked against the balance: No baseline/);
  });
});
