// The wall clock of a time zone at a moment, written one way for the core's schedule words
// and the renderer's date inputs. Croner-free on purpose: the renderer imports it, and its
// bundle must not grow by a cron library for twelve lines of Intl.

/** "2026-03-01 09:00" (or with "T" between date and time) as the wall clock of `zone` shows it. */
export function wallClock(ms: number, zone: string, between: ' ' | 'T' = ' '): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}${between}${get('hour')}:${get('minute')}`;
}
