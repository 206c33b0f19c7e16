import { describe, expect, it } from 'vitest';
import { forecastMonth } from '../../src-main/core/money/spend-forecast';

// Noon UTC on 10 March: 21 whole days are left in the month after today.
const now = Date.UTC(2026, 2, 10, 12);
const base = { now, tzOffsetMinutes: 0, daysInMonth: 31, daysLeft: 21 };

describe('the month-end forecast', () => {
  it('waits for spend on three days, and says so', () => {
    const f = forecastMonth({
      ...base,
      monthSpent: 4,
      byDay: [
        { period: '2026-03-09', cost: 1 },
        { period: '2026-03-10', cost: 3 },
      ],
    });
    expect(f.value).toBeNull();
    expect(f.method).toBeNull();
    expect(f.explanation).toBe(
      'A forecast needs spend on at least 3 days; there is spend on 2 so far.',
    );
  });

  it('adds the 7-day trailing average for the days left to what was spent', () => {
    const byDay = ['2026-03-01', '2026-03-04', '2026-03-05', '2026-03-10'].map((period) => ({
      period,
      cost: 1.4,
    }));
    const f = forecastMonth({ ...base, monthSpent: 5.6, byDay });
    // The last 7 days (4–10 March) hold 3 × $1.40 = $4.20: $0.60 a day, × 21 days left.
    expect(f.method).toBe('7-day trailing average');
    expect(f.value).toBeCloseTo(5.6 + 0.6 * 21, 6);
    expect(f.explanation).toBe(
      'This month so far ($5.60) plus the 7-day trailing average ($0.60 a day) for the 21 days left.',
    );
  });

  it('averages only since the first day with spend, and names the shorter window', () => {
    const byDay = ['2026-03-08', '2026-03-09', '2026-03-10'].map((period) => ({ period, cost: 1 }));
    const f = forecastMonth({ ...base, monthSpent: 3, byDay });
    expect(f.method).toBe('3-day trailing average');
    expect(f.value).toBeCloseTo(3 + 21, 6);
  });
});
