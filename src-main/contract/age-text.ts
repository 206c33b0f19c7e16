// How long ago something was seen, in the few words a header has room for ("seen 3 h ago").
// Zod-free and shared by the UI and the CLI, so both say it the same way.

export function ageText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** A runway in words: hours under a day ("about 2 h"), else days to a tenth ("4.5 days"). */
export function runwayText(days: number): string {
  if (days < 1) {
    const hours = Math.round(days * 24);
    return hours < 1 ? 'under an hour' : `about ${hours} h`;
  }
  const tenths = Math.floor(days * 10) / 10;
  return `${tenths} day${tenths === 1 ? '' : 's'}`;
}
