// When two copies of an event are one event. Socket.IO may deliver an event twice (a reconnect,
// a retransmission), and the UI sees each step twice over (replayed from the store, then
// streamed); both sides drop repeats by this one rule, so the UI keeps exactly what the core
// logged. Zod-free and dependency-free: the core, the renderer and the preload may import it.

/** How many recent events a repeat is looked for among (per session in the core, per task in
 * the UI). A step legitimately repeated further apart than this is kept. */
export const DEDUP_WINDOW = 50;

/** Identity of a socket event: its kind and its whole content (not the time it arrived, which
 * differs between the stored copy and the streamed one). */
export function eventFingerprint(event: { kind: string }): string {
  return `${event.kind}:${JSON.stringify(event)}`.slice(0, 500);
}

/** True when `fingerprint` is among the last `window` fingerprints of `recent`. */
export function isRepeat(
  recent: readonly string[],
  fingerprint: string,
  window = DEDUP_WINDOW,
): boolean {
  for (let i = recent.length - 1, seen = 0; i >= 0 && seen < window; i -= 1, seen += 1) {
    if (recent[i] === fingerprint) return true;
  }
  return false;
}

/**
 * `held` followed by each of `incoming` that is not a repeat of the `window` entries before it.
 * Entries without a fingerprint (the app's own lines: transitions, questions) are never dropped.
 */
export function appendUnique<T extends { fingerprint?: string | null }>(
  held: readonly T[],
  incoming: readonly T[],
  window = DEDUP_WINDOW,
): T[] {
  const out = [...held];
  const prints = out.map((e) => e.fingerprint ?? '');
  for (const entry of incoming) {
    const print = entry.fingerprint;
    if (print && isRepeat(prints, print, window)) continue;
    out.push(entry);
    prints.push(print ?? '');
  }
  return out;
}
