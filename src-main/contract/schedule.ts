// A trigger's schedule (webrun-api.md §1.7): at an ISO time, every interval ("30m", "2h",
// "1d"), or a cron expression, in an IANA time zone. Cron parsing and next occurrences come
// from croner, the words from cronstrue: solved problems, not rewritten here. Used by the
// sandbox (to fire) and by the app and CLI (to show "every day at 09:00 Europe/Paris").
import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { wallClock } from './wall-clock';

export type ScheduleType = 'at' | 'every' | 'cron';

export interface Schedule {
  scheduleType: ScheduleType;
  scheduleAt?: string | null;
  scheduleInterval?: string | null;
  scheduleCron?: string | null;
  timezone?: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const UNIT_WORD: Record<string, string> = { m: 'minute', h: 'hour', d: 'day' };

/** "30m" -> 1800000; the documented units are minutes, hours and days. */
export function intervalMs(interval: string): number | null {
  const match = /^(\d{1,5})\s*([mhd])$/i.exec(interval.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
  return ms > 0 ? ms : null;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks a schedule the way WebRun's 400s describe; the message is the one to show. */
export function checkSchedule(s: Schedule): Checked<Schedule & { timezone: string }> {
  const timezone = s.timezone?.trim() || 'UTC';
  if (!isTimeZone(timezone)) return { ok: false, message: `Invalid timezone: ${timezone}` };
  switch (s.scheduleType) {
    case 'at':
      if (!s.scheduleAt || Number.isNaN(Date.parse(s.scheduleAt)))
        return {
          ok: false,
          message: 'scheduleAt must be a valid ISO 8601 date for scheduleType "at"',
        };
      break;
    case 'every':
      if (!s.scheduleInterval || intervalMs(s.scheduleInterval) === null)
        return {
          ok: false,
          message: 'scheduleInterval must look like 30m, 2h or 1d for scheduleType "every"',
        };
      break;
    case 'cron':
      if (!s.scheduleCron)
        return { ok: false, message: 'scheduleCron is required for scheduleType "cron"' };
      try {
        new Cron(s.scheduleCron, { timezone, paused: true });
      } catch (error) {
        return { ok: false, message: `Invalid cron expression: ${(error as Error).message}` };
      }
      break;
    default:
      return { ok: false, message: 'scheduleType must be one of: at, every, cron' };
  }
  return { ok: true, value: { ...s, timezone } };
}

/**
 * The first occurrence strictly after `after` (ms since the epoch), or null when there is
 * none (an `at` time already passed, a cron that never fires again). For `every`, `anchor`
 * is when the interval started counting (creation or the last resume).
 */
export function nextOccurrence(s: Schedule, after: number, anchor: number = after): number | null {
  switch (s.scheduleType) {
    case 'at': {
      const at = Date.parse(s.scheduleAt ?? '');
      return Number.isNaN(at) || at <= after ? null : at;
    }
    case 'every': {
      const step = intervalMs(s.scheduleInterval ?? '');
      if (step === null) return null;
      const passed = Math.max(0, Math.floor((after - anchor) / step) + 1);
      return anchor + passed * step;
    }
    case 'cron': {
      try {
        const next = new Cron(s.scheduleCron ?? '', {
          timezone: s.timezone || 'UTC',
          paused: true,
        }).nextRun(new Date(after));
        return next ? next.getTime() : null;
      } catch {
        return null;
      }
    }
  }
}

/** The next `count` occurrences after `after`, for a preview. */
export function nextOccurrences(s: Schedule, after: number, count: number): number[] {
  const out: number[] = [];
  let cursor = after;
  const anchor = after;
  while (out.length < count) {
    const next = nextOccurrence(s, cursor, anchor);
    if (next === null) break;
    out.push(next);
    cursor = next;
  }
  return out;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/**
 * The schedule in words: "every day at 09:00 Europe/Paris", "every 30 minutes",
 * "once at 2026-03-01 09:00 UTC". Cron words come from cronstrue; a daily time is said the
 * way people say it.
 */
export function describeSchedule(s: Schedule): string {
  const zone = s.timezone?.trim() || 'UTC';
  switch (s.scheduleType) {
    case 'at': {
      const at = Date.parse(s.scheduleAt ?? '');
      if (Number.isNaN(at)) return 'once, at an invalid time';
      return `once at ${formatInZone(at, zone)} ${zone}`;
    }
    case 'every': {
      const match = /^(\d+)\s*([mhd])$/i.exec((s.scheduleInterval ?? '').trim());
      if (!match) return `every ${s.scheduleInterval ?? '?'}`;
      const n = Number(match[1]);
      const word = UNIT_WORD[match[2]!.toLowerCase()]!;
      return n === 1 ? `every ${word}` : `every ${n} ${word}s`;
    }
    case 'cron': {
      const expr = (s.scheduleCron ?? '').trim();
      const daily = /^(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*$/.exec(expr);
      if (daily && Number(daily[1]) < 60 && Number(daily[2]) < 24) {
        return `every day at ${daily[2]!.padStart(2, '0')}:${daily[1]!.padStart(2, '0')} ${zone}`;
      }
      try {
        return `${lowerFirst(cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false }))} ${zone}`;
      } catch {
        return `cron "${expr}" ${zone}`;
      }
    }
  }
}

/** "2026-03-01 09:00" as the wall clock of `zone` shows it. */
export function formatInZone(ms: number, zone: string): string {
  return wallClock(ms, zone);
}
