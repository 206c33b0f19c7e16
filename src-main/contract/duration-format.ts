// The one way a length of time is written for a person, shared by the renderer, the CLI, the
// MCP server and the core's messages (a task's duration, a gap in its timeline, a batch's ETA,
// an expiry). Precise where a person compares small figures, round where only the size matters.

/**
 * "350 ms" under a second; "2.5 s" (or "3 s" when whole) under ten; "45 s" under ninety;
 * "2 min 5 s" under ten minutes; "25 min" under an hour; "1 h" or "1 h 20 min" beyond.
 * A negative length (clocks that disagree) is written as nothing: "0 ms".
 */
export function formatDuration(ms: number): string {
  const t = Math.max(0, ms);
  if (t < 1_000) return `${Math.round(t)} ms`;
  if (t < 10_000) {
    const tenths = Math.round(t / 100) / 10;
    return Number.isInteger(tenths) ? `${tenths} s` : `${tenths.toFixed(1)} s`;
  }
  const s = Math.round(t / 1000);
  if (s < 90) return `${s} s`;
  if (s < 600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
