// Schedules in words: what is read as cron, what is refused, and zones found by their city.
import { describe, expect, it } from 'vitest';
import {
  findZones,
  formatInZone,
  instantInZone,
  parseSchedule,
  resolveZone,
  wallTimeIn,
} from '../../src-renderer/features/schedules/schedule-words';

const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'America/Argentina/Buenos_Aires',
  'Asia/Kolkata',
  'America/Indiana/Indianapolis',
  'America/Indiana/Knox',
];

describe('schedules in words', () => {
  it('reads the plain sentences people write', () => {
    expect(parseSchedule('every day at 9:00', ZONES)).toEqual({ cron: '0 9 * * *' });
    expect(parseSchedule('Every weekday at 9', ZONES)).toEqual({ cron: '0 9 * * 1-5' });
    expect(parseSchedule('every monday and friday at 5:30 pm', ZONES)).toEqual({
      cron: '30 17 * * 1,5',
    });
    expect(parseSchedule('every day at 9:00 Europe/Paris', ZONES)).toEqual({
      cron: '0 9 * * *',
      zone: 'Europe/Paris',
    });
    expect(parseSchedule('every day at 9:00 in Paris', ZONES)).toEqual({
      cron: '0 9 * * *',
      zone: 'Europe/Paris',
    });
    expect(parseSchedule('every hour', ZONES)).toEqual({ cron: '0 * * * *' });
    expect(parseSchedule('every 15 minutes', ZONES)).toEqual({ cron: '*/15 * * * *' });
  });

  it('refuses what it cannot read for sure, saying what it takes', () => {
    for (const text of [
      'sometimes',
      'every day at 25:00',
      'every 7 minutes',
      'every blursday at 9',
    ])
      expect(parseSchedule(text, ZONES)).toHaveProperty('error');
    expect(parseSchedule('every day at 9:00 in Atlantis', ZONES)).toEqual({
      error: 'No time zone is called “Atlantis”: type a city, such as Paris.',
    });
  });

  it('finds zones by city, and names the choices when a word fits several', () => {
    expect(resolveZone('Paris', ZONES)).toEqual({ zone: 'Europe/Paris' });
    expect(resolveZone('new york', ZONES)).toEqual({ zone: 'America/New_York' });
    expect(resolveZone('buenos aires', ZONES)).toEqual({ zone: 'America/Argentina/Buenos_Aires' });
    expect(resolveZone('Indiana', ZONES)).toHaveProperty('error');
    expect(findZones('ind', ZONES)).toContain('America/Indiana/Knox');
  });

  it('labels every time with its zone', () => {
    const nineParis = Date.UTC(2026, 11, 8, 8, 0);
    expect(formatInZone(nineParis, 'Europe/Paris')).toBe('Tue 8 Dec, 09:00 (Europe/Paris)');
  });
});

describe('zones as typed', () => {
  it('keeps UTC and any name the platform knows, even when the list lacks it', () => {
    expect(resolveZone('UTC', [])).toEqual({ zone: 'UTC' });
    expect(resolveZone('Europe/Paris', [])).toEqual({ zone: 'Europe/Paris' });
    expect(parseSchedule('whenever it rains', ZONES)).toEqual({
      error: expect.stringMatching(/^Write it as/),
    });
  });
});

describe('a one-off time is the wall clock of the chosen zone, not of the browser', () => {
  it('reads 09:00 in Paris as 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(instantInZone('2026-12-08T09:00', 'Europe/Paris')).toBe(Date.UTC(2026, 11, 8, 8, 0));
    expect(instantInZone('2026-07-01T09:00', 'Europe/Paris')).toBe(Date.UTC(2026, 6, 1, 7, 0));
    expect(instantInZone('2026-07-01T09:00', 'Asia/Kolkata')).toBe(Date.UTC(2026, 6, 1, 3, 30));
    expect(instantInZone('2026-07-01T09:00', 'UTC')).toBe(Date.UTC(2026, 6, 1, 9, 0));
  });

  it('moves a time in the spring-forward gap to the later side, and takes the later of a repeated hour', () => {
    // 02:30 does not exist in Paris on 29 March 2026: 03:30 CEST is 01:30 UTC.
    expect(instantInZone('2026-03-29T02:30', 'Europe/Paris')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 02:30 happens twice on 25 October 2026; the second (CET) is 01:30 UTC.
    expect(instantInZone('2026-10-25T02:30', 'Europe/Paris')).toBe(Date.UTC(2026, 9, 25, 1, 30));
  });

  it('refuses what it cannot read, and shows a stored time back as it was entered', () => {
    expect(instantInZone('2026-12-08 09:00', 'Europe/Paris')).toBeNull();
    expect(instantInZone('2026-12-08T09:00', 'Not/AZone')).toBeNull();
    expect(wallTimeIn(Date.UTC(2026, 11, 8, 8, 0), 'Europe/Paris')).toBe('2026-12-08T09:00');
    for (const wall of ['2026-01-31T23:59', '2026-06-15T00:00', '2026-12-31T12:30'])
      for (const zone of ['America/New_York', 'Australia/Adelaide', 'Asia/Kathmandu'])
        expect(wallTimeIn(instantInZone(wall, zone)!, zone)).toBe(wall);
  });
});
