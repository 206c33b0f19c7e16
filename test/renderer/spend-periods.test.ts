// The spend chart places each bucket where its period starts and says what it shows by period.
import { describe, expect, it } from 'vitest';
import { periodStart, spendChartSummary } from '../../src-renderer/features/spend/spend-periods';

const at = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('periodStart', () => {
  it('reads days and months as the UTC dates the core writes', () => {
    expect(periodStart('2026-03-09', 'day')).toBe(at('2026-03-09'));
    expect(periodStart('2026-03', 'month')).toBe(at('2026-03-01'));
  });

  it("counts weeks as SQLite's %W does: week 00 from 1 January, week 1 from the first Monday", () => {
    // 2026 starts on a Thursday: its first Monday is 5 January.
    expect(periodStart('2026-W00', 'week')).toBe(at('2026-01-01'));
    expect(periodStart('2026-W01', 'week')).toBe(at('2026-01-05'));
    expect(periodStart('2026-W10', 'week')).toBe(at('2026-03-09'));
    // 2024 starts on a Monday: week 01 is 1 January.
    expect(periodStart('2024-W01', 'week')).toBe(at('2024-01-01'));
    expect(new Date(periodStart('2026-W23', 'week') * 1000).getUTCDay()).toBe(1);
  });
});

describe('spendChartSummary', () => {
  const bucket = (period: string, cost: number, unknownCost = 0) => ({
    period,
    cost,
    tasks: 1,
    unknownCost,
  });

  it('names the period, counts, totals, the busiest one and the unknown costs', () => {
    expect(spendChartSummary([bucket('2026-W09', 1), bucket('2026-W10', 2, 3)], 'week')).toBe(
      'Weekly spend over 2 weeks: $3.00 in all, most in 2026-W10 ($2.00); 3 tasks of unknown cost not included',
    );
    expect(spendChartSummary([bucket('2026-03', 0.5)], 'month')).toMatch(
      /^Monthly spend over 1 month: /,
    );
    expect(
      spendChartSummary([bucket('2026-03-09', 0.5), bucket('2026-03-10', 0.5)], 'day'),
    ).toMatch(/^Daily spend over 2 days: /);
  });
});
