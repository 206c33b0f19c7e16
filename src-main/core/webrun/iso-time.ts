/** WebRun's ISO timestamps as ms since the epoch; a missing or unreadable one is null. */
export function timeOf(iso: string | null): number | null {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms;
}
