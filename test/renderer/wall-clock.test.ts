import { describe, expect, it } from 'vitest';
import { wallClock } from '../../src-main/contract/wall-clock';
import { formatInZone } from '../../src-main/contract/schedule';
import { wallTimeIn } from '../../src-renderer/features/schedules/schedule-words';

// 2026-03-29 01:30 UTC: Paris has just sprung forward (03:30 CEST); New York is at 21:30 EDT
// the evening before, so the date differs between zones.
const springForward = Date.UTC(2026, 2, 29, 1, 30);

describe('wallClock', () => {
  it('writes the wall clock of the zone, not of the machine, across a DST change and a date line', () => {
    expect(wallClock(springForward, 'Europe/Paris')).toBe('2026-03-29 03:30');
    expect(wallClock(springForward, 'America/New_York')).toBe('2026-03-28 21:30');
    expect(wallClock(springForward, 'UTC')).toBe('2026-03-29 01:30');
  });

  it('puts a T between date and time for a datetime-local input', () => {
    expect(wallClock(springForward, 'UTC', 'T')).toBe('2026-03-29T01:30');
  });

  it('writes midnight as 00, never 24', () => {
    expect(wallClock(Date.UTC(2026, 0, 1, 0, 5), 'UTC')).toBe('2026-01-01 00:05');
  });

  it('is what the core schedule words and the renderer date input both use', () => {
    expect(formatInZone(springForward, 'Europe/Paris')).toBe(
      wallClock(springForward, 'Europe/Paris'),
    );
    expect(wallTimeIn(springForward, 'Europe/Paris')).toBe('2026-03-29T03:30');
  });
});
