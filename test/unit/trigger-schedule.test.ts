// Schedules in words and their next runs (croner and cronstrue underneath), and the pure
// decision of which triggers a reached budget cap pauses.
import { describe, expect, it } from 'vitest';
import type { BudgetStatus } from '../../src-main/contract/index';
import { triggersToPause } from '../../src-main/core/triggers/budget-pause';
import {
  checkSchedule,
  describeSchedule,
  intervalMs,
  nextOccurrence,
  nextOccurrences,
} from '../../src-main/contract/schedule';
import type { CronJob } from '../../src-main/core/webrun/triggers-client';

describe('schedule in words', () => {
  it.each([
    [
      { scheduleType: 'cron', scheduleCron: '0 9 * * *', timezone: 'Europe/Paris' },
      'every day at 09:00 Europe/Paris',
    ],
    [
      { scheduleType: 'cron', scheduleCron: '30 7 * * 1-5', timezone: 'UTC' },
      'at 07:30, monday through friday UTC',
    ],
    [{ scheduleType: 'every', scheduleInterval: '30m' }, 'every 30 minutes'],
    [{ scheduleType: 'every', scheduleInterval: '1h' }, 'every hour'],
    [{ scheduleType: 'every', scheduleInterval: '2d' }, 'every 2 days'],
    [
      { scheduleType: 'at', scheduleAt: '2026-03-01T08:00:00Z', timezone: 'Europe/Paris' },
      'once at 2026-03-01 09:00 Europe/Paris',
    ],
  ] as const)('%j is "%s"', (schedule, words) => {
    expect(describeSchedule(schedule).toLowerCase()).toBe(words.toLowerCase());
  });
});

describe('next runs', () => {
  const jan1 = Date.parse('2026-01-01T00:00:00Z');

  it('finds a cron occurrence in the trigger’s time zone', () => {
    // 09:00 in Paris is 08:00 UTC in winter.
    expect(
      new Date(
        nextOccurrence(
          { scheduleType: 'cron', scheduleCron: '0 9 * * *', timezone: 'Europe/Paris' },
          jan1,
        )!,
      ).toISOString(),
    ).toBe('2026-01-01T08:00:00.000Z');
    expect(
      new Date(
        nextOccurrence(
          { scheduleType: 'cron', scheduleCron: '0 9 * * *', timezone: 'America/New_York' },
          jan1,
        )!,
      ).toISOString(),
    ).toBe('2026-01-01T14:00:00.000Z');
  });

  it('counts an interval from its anchor, never returning the same moment twice', () => {
    const every = { scheduleType: 'every', scheduleInterval: '30m' } as const;
    expect(nextOccurrence(every, jan1, jan1)).toBe(jan1 + 1_800_000);
    expect(nextOccurrence(every, jan1 + 1_800_000, jan1)).toBe(jan1 + 3_600_000);
    expect(nextOccurrences(every, jan1, 3)).toEqual([
      jan1 + 1_800_000,
      jan1 + 3_600_000,
      jan1 + 5_400_000,
    ]);
  });

  it('has no next run for an "at" time already passed', () => {
    expect(
      nextOccurrence({ scheduleType: 'at', scheduleAt: '2025-12-31T23:00:00Z' }, jan1),
    ).toBeNull();
    expect(nextOccurrence({ scheduleType: 'at', scheduleAt: '2026-01-02T00:00:00Z' }, jan1)).toBe(
      jan1 + 86_400_000,
    );
  });

  it('checks schedules with messages a person can act on', () => {
    expect(checkSchedule({ scheduleType: 'cron', scheduleCron: '61 * * * *' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid cron expression/),
    });
    expect(checkSchedule({ scheduleType: 'every', scheduleInterval: '5 weeks' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('30m, 2h or 1d'),
    });
    expect(checkSchedule({ scheduleType: 'at', scheduleAt: 'tomorrow' })).toMatchObject({
      ok: false,
    });
    expect(
      checkSchedule({ scheduleType: 'cron', scheduleCron: '0 9 * * *', timezone: 'Nowhere/City' }),
    ).toEqual({ ok: false, message: 'Invalid timezone: Nowhere/City' });
    expect(checkSchedule({ scheduleType: 'every', scheduleInterval: '2h' })).toEqual({
      ok: true,
      value: { scheduleType: 'every', scheduleInterval: '2h', timezone: 'UTC' },
    });
    expect(intervalMs('0m')).toBeNull();
  });
});

describe('budget pause of triggers', () => {
  const job = (id: string, status: string): CronJob => ({
    id,
    name: id,
    description: '',
    environmentId: null,
    scheduleType: 'every',
    scheduleAt: null,
    scheduleInterval: '1h',
    scheduleCron: null,
    timezone: 'UTC',
    prompt: 'p',
    startingUrl: null,
    status,
    nextRunAt: null,
    consecutiveFailures: 0,
    maxConsecutiveFailures: 5,
    pausedReason: null,
    createdAt: null,
  });
  const budget = (level: BudgetStatus['level']): BudgetStatus => ({
    today: 1,
    month: 1,
    todayUnknownCost: 0,
    monthUnknownCost: 0,
    dailyCap: 1,
    monthlyCap: null,
    level,
    message: null,
  });
  const jobs = [job('a', 'active'), job('b', 'active'), job('c', 'paused')];

  it('pauses only the active triggers the user capped, and only at a reached cap', () => {
    expect(triggersToPause(budget('blocked'), ['a', 'c'], jobs).map((j) => j.id)).toEqual(['a']);
    expect(triggersToPause(budget('warning'), ['a', 'b'], jobs)).toEqual([]);
    expect(triggersToPause(budget('blocked'), [], jobs)).toEqual([]);
  });
});
