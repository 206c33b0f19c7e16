// A schedule's time as people read it: in the schedule's own zone, named, and under it in this
// computer's zone when the two clocks differ ("Mon 8 Dec, 09:00 (Europe/Paris)", then "here:
// Mon 8 Dec, 08:00 (UTC)"), so no schedule time is ever shown in an unstated zone.
import { formatInZone, LOCAL_ZONE } from './schedule-words';

const withoutZone = (text: string): string => text.replace(/ \([^)]*\)$/, '');

export function ZonedTime({ ms, zone }: { ms: number; zone: string }) {
  const inZone = formatInZone(ms, zone || 'UTC');
  const here = formatInZone(ms, LOCAL_ZONE);
  return (
    <time dateTime={new Date(ms).toISOString()}>
      {inZone}
      {withoutZone(here) !== withoutZone(inZone) && (
        <span className="hint zoned-here"> here: {here}</span>
      )}
    </time>
  );
}
