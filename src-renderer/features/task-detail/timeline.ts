// What the timeline shows for each step of a story: the time since the step before and since
// the start, pure so it can be tested without a page.
import { formatDuration } from '../../../src-main/contract/duration-format';
import type { TaskActivity } from '../../../src-main/contract/index';

export interface TimelineRow {
  line: TaskActivity;
  /** ms since the previous step (null for the first). */
  gap: number | null;
  /** ms since the first step. */
  sinceStart: number;
}

export function timelineRows(lines: readonly TaskActivity[]): TimelineRow[] {
  const start = lines[0]?.at ?? 0;
  return lines.map((line, i) => ({
    line,
    gap: i === 0 ? null : line.at - lines[i - 1]!.at,
    sinceStart: line.at - start,
  }));
}

/** "+1.2 s", "+3 min 4 s": the wait between two steps. */
export function formatGap(ms: number): string {
  return `+${formatDuration(ms)}`;
}
