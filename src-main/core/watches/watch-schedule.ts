// When a watch runs, and what to do with the runs that came due while no desk was running.
// A watch's schedule is a preset, a cron expression or an interval, in a time zone; presets are
// cron expressions by another name, and all of it is the triggers' schedule (triggers/schedule.ts:
// croner for cron, the same interval words), so a watch and a trigger read alike.
// The plan is pure: given the occurrences due since the last look, the latest one runs on time
// if it is fresh (within the grace), and otherwise they were missed: listed, and per watch
// caught up once (the latest, run now) or skipped.
import { Cron } from 'croner';
import type { CatchUp, WatchSchedule } from '../../contract/watches';
import {
  checkSchedule,
  describeSchedule,
  intervalMs,
  type Checked,
  type Schedule,
} from '../../contract/schedule';

/** An occurrence at most this late still counts as on time (a desk busy or just started). */
export const GRACE_MS = 10 * 60_000;
/** Missed occurrences kept in the list, the latest ones; older are counted, not listed. */
export const MAX_LISTED_MISSED = 1000;
/**
 * A cron schedule is walked occurrence by occurrence: over at most this long a gap (an every-
 * minute cron over 31 days is 44,640 steps), so a desk that was off for a year starts at once.
 * Older occurrences are missed without being counted (`dropped` is then a lower bound).
 */
const MAX_LOOKBACK_MS = 31 * 86_400_000;

const WEEKLY_DAY = '1';

export function toSchedule(s: WatchSchedule): Schedule {
  if (s.kind === 'every')
    return { scheduleType: 'every', scheduleInterval: s.interval, timezone: s.timezone };
  if (s.kind === 'cron')
    return { scheduleType: 'cron', scheduleCron: s.cron, timezone: s.timezone };
  const [hh, mm] = s.at.split(':').map(Number) as [number, number];
  const cron = {
    hourly: `${mm} * * * *`,
    daily: `${mm} ${hh} * * *`,
    weekdays: `${mm} ${hh} * * 1-5`,
    weekly: `${mm} ${hh} * * ${WEEKLY_DAY}`,
  }[s.preset];
  return { scheduleType: 'cron', scheduleCron: cron, timezone: s.timezone };
}

export function checkWatchSchedule(s: WatchSchedule): Checked<Schedule> {
  return checkSchedule(toSchedule(s));
}

export function describeWatchSchedule(s: WatchSchedule): string {
  if (s.kind === 'preset' && s.preset === 'hourly')
    return `every hour at minute ${s.at.slice(3)} ${s.timezone}`;
  if (s.kind === 'preset' && s.preset === 'weekly') return `every Monday at ${s.at} ${s.timezone}`;
  if (s.kind === 'preset' && s.preset === 'weekdays') return `on weekdays at ${s.at} ${s.timezone}`;
  return describeSchedule(toSchedule(s));
}

export interface Occurrences {
  /** The latest occurrences in (after, until], oldest first (at most MAX_LISTED_MISSED + 1). */
  times: number[];
  /** How many earlier ones were not kept (or not even looked at, past MAX_SCAN). */
  dropped: number;
}

/** Occurrences in (after, until]; intervals count from `anchor`. One croner instance per pass. */
export function occurrencesBetween(
  s: WatchSchedule,
  after: number,
  until: number,
  anchor: number,
): Occurrences {
  const keep = MAX_LISTED_MISSED + 1;
  const times: number[] = [];
  let dropped = 0;
  const add = (t: number) => {
    times.push(t);
    if (times.length > keep) {
      times.shift();
      dropped += 1;
    }
  };
  const schedule = toSchedule(s);
  if (schedule.scheduleType === 'every') {
    const step = intervalMs(schedule.scheduleInterval ?? '');
    if (step === null) return { times, dropped };
    const first = anchor + Math.max(0, Math.floor((after - anchor) / step) + 1) * step;
    const count = first > until ? 0 : Math.floor((until - first) / step) + 1;
    dropped = Math.max(0, count - keep);
    for (let i = dropped; i < count; i += 1) times.push(first + i * step);
    return { times, dropped };
  }
  const cron = new Cron(schedule.scheduleCron ?? '', {
    timezone: schedule.timezone || 'UTC',
    paused: true,
  });
  let cursor = new Date(Math.max(after, until - MAX_LOOKBACK_MS));
  for (;;) {
    const next = cron.nextRun(cursor);
    if (!next || next.getTime() > until) return { times, dropped };
    add(next.getTime());
    cursor = next;
  }
}

/** The next occurrence after `after`, or null. */
export function nextRunAt(s: WatchSchedule, after: number, anchor: number): number | null {
  const schedule = toSchedule(s);
  if (schedule.scheduleType === 'every') {
    const step = intervalMs(schedule.scheduleInterval ?? '');
    return step === null
      ? null
      : anchor + Math.max(0, Math.floor((after - anchor) / step) + 1) * step;
  }
  try {
    const next = new Cron(schedule.scheduleCron ?? '', {
      timezone: schedule.timezone || 'UTC',
      paused: true,
    }).nextRun(new Date(after));
    return next ? next.getTime() : null;
  } catch {
    return null;
  }
}

export interface DuePlan {
  /** The occurrence to send now, and whether it is on time or the catch-up of missed ones. */
  send: { dueAt: number; state: 'sent' | 'caught_up' } | null;
  /** Occurrences that will not run (listed as missed). */
  missed: number[];
}

export function planDue(
  due: readonly number[],
  now: number,
  catchUp: CatchUp,
  graceMs = GRACE_MS,
): DuePlan {
  if (due.length === 0) return { send: null, missed: [] };
  const last = due[due.length - 1]!;
  if (now - last <= graceMs)
    return { send: { dueAt: last, state: 'sent' }, missed: due.slice(0, -1) };
  if (catchUp === 'skip') return { send: null, missed: [...due] };
  return { send: { dueAt: last, state: 'caught_up' }, missed: due.slice(0, -1) };
}
