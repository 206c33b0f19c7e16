// Schedules in words: presets, a plain-language line turned into cron where it means one
// thing only, and time zones found by a city ("Paris" → Europe/Paris). Pure, so every rule is
// tested without a page; anything it cannot read for sure it refuses, saying what it takes.

import { wallClock } from '../../../src-main/contract/wall-clock';

export const PRESETS: { label: string; cron: string }[] = [
  { label: 'Every weekday at 9:00', cron: '0 9 * * 1-5' },
  { label: 'Every day at 9:00', cron: '0 9 * * *' },
  { label: 'Every Monday at 9:00', cron: '0 9 * * 1' },
  { label: 'Every hour, on the hour', cron: '0 * * * *' },
  { label: 'On the 1st of every month at 9:00', cron: '0 9 1 * *' },
];

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** IANA zones whose name or city matches; an exact city (or full name) comes first. */
export function findZones(query: string, zones: readonly string[]): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  if (!q) return [];
  const city = (z: string): string => (z.split('/').pop() ?? z).toLowerCase();
  const exact = zones.filter((z) => z.toLowerCase() === q || city(z) === q);
  const partial = zones.filter((z) => !exact.includes(z) && z.toLowerCase().includes(q));
  return [...exact, ...partial];
}

/** The one zone a typed name means, or why it means none or several. */
export function resolveZone(
  typed: string,
  zones: readonly string[],
): { zone: string } | { error: string } {
  // A name the platform knows (UTC, Etc/GMT+2, or one missing from the list) stands as typed.
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(typed.trim()) && typed.includes('/')) {
    if (knownZone(typed.trim())) return { zone: typed.trim() };
  }
  if (typed.trim().toUpperCase() === 'UTC') return { zone: 'UTC' };
  const found = findZones(typed, zones);
  const exact = found.filter(
    (z) =>
      z.toLowerCase() === typed.trim().toLowerCase().replace(/\s+/g, '_') ||
      (z.split('/').pop() ?? '').toLowerCase() === typed.trim().toLowerCase().replace(/\s+/g, '_'),
  );
  if (exact.length === 1) return { zone: exact[0]! };
  if (found.length === 1) return { zone: found[0]! };
  if (found.length === 0)
    return { error: `No time zone is called “${typed.trim()}”: type a city, such as Paris.` };
  return {
    error: `“${typed.trim()}” could be ${found.slice(0, 4).join(', ')}${found.length > 4 ? '…' : ''}: pick one.`,
  };
}

function knownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** "9", "9:30", "9am", "9:30 pm", "21:15" → [hour, minute]. */
function parseTime(text: string): [number, number] | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  return hour <= 23 && minute <= 59 ? [hour, minute] : null;
}

function dayField(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (t === 'day') return '*';
  if (t === 'weekday') return '1-5';
  if (t === 'weekend day' || t === 'weekend') return '0,6';
  const names = t.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
  const numbers = names.map((n) => DAYS.indexOf(n.replace(/s$/, '')));
  return numbers.length > 0 && numbers.every((n) => n >= 0) ? numbers.join(',') : null;
}

/**
 * "every weekday at 9:00", "every monday and friday at 17:30 in Paris", "every hour",
 * "every 15 minutes" → cron (and the zone, when one is named). Anything else is refused.
 */
export function parseSchedule(
  text: string,
  zones: readonly string[],
): { cron: string; zone?: string } | { error: string } {
  const refuse = {
    error:
      'Write it as “every weekday at 9:00”, “every Monday at 14:30 in Paris”, “every hour” or “every 15 minutes”.',
  };
  let body = text.trim().replace(/\s+/g, ' ');
  if (!/^every\b/i.test(body)) return refuse;
  let zone: string | undefined;
  const inZone = /^(.*?)\s+(?:in\s+)?([A-Za-z_]+(?:\/[A-Za-z_]+)*|[A-Za-z]+(?: [A-Za-z]+)?)$/.exec(
    body,
  );
  const timeAt = /\bat\s+\S+(\s*(?:am|pm))?$/i;
  if (inZone && !timeAt.test(body) && !/^every( \d+ minutes| hour)$/i.test(body)) {
    const resolved = resolveZone(inZone[2]!, zones);
    if ('error' in resolved) return resolved;
    zone = resolved.zone;
    body = inZone[1]!;
  }
  const minutes = /^every (\d{1,2}) minutes$/i.exec(body);
  if (minutes) {
    const n = Number(minutes[1]);
    return n >= 1 && n <= 30 && 60 % n === 0 ? { cron: `*/${n} * * * *`, zone } : refuse;
  }
  if (/^every hour$/i.test(body)) return { cron: '0 * * * *', zone };
  const daily = /^every (.+?) at (.+)$/i.exec(body);
  if (!daily) return refuse;
  const days = dayField(daily[1]!);
  const time = parseTime(daily[2]!);
  if (days === null || time === null) return refuse;
  const cron = `${time[1]} ${time[0]} * * ${days}`;
  return zone ? { cron, zone } : { cron };
}

/** A moment in the schedule's zone, with the zone named: "Mon 8 Dec, 09:00 (Europe/Paris)". */
export function formatInZone(ms: number, zone: string): string {
  try {
    const text = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(ms);
    return `${text} (${zone})`;
  } catch {
    return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} (UTC)`;
  }
}

/** The wall clock of `zone` at `ms`, as a datetime-local input holds it ("2026-12-08T09:00"). */
export function wallTimeIn(ms: number, zone: string): string {
  return wallClock(ms, zone, 'T');
}

/**
 * The moment a datetime-local value ("2026-12-08T09:00") means as the wall clock of `zone`, not
 * of the browser: a one-off run "at 9:00" with Europe/Paris chosen is 9:00 in Paris. Null when
 * the value or the zone cannot be read. In a gap (spring forward) it moves to the later side.
 */
export function instantInZone(wall: string, zone: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(wall);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  try {
    // The zone's offset at a guess, then at the corrected guess (twice settles DST edges).
    let guess = asUtc;
    for (let i = 0; i < 2; i++) {
      const shown = Date.parse(`${wallTimeIn(guess, zone)}:00Z`);
      guess = asUtc - (shown - guess);
    }
    return guess;
  } catch {
    return null;
  }
}

/** Every IANA zone this browser knows, offered as a schedule's or a watch's time zone. */
export const ZONES: string[] = (
  Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
).supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Paris', 'America/New_York'];

/** The browser's own zone, named where a time is shown in it. */
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
