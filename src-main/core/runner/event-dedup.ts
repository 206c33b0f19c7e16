// Socket.IO may deliver an event twice (a reconnect, a retransmission, a server that replays
// its buffer). Each session remembers the fingerprints of its last events, so a repeat is
// logged and acted on once. The rule of what a repeat is lives in contract/event-fingerprint.ts,
// shared with the renderer's Live tab: one rule for core and UI. Pure bookkeeping: no clock, no I/O.
import { DEDUP_WINDOW, eventFingerprint, isRepeat } from '../../contract/event-fingerprint';
import type { SocketEvent } from '../webrun/socket-events';

export { DEDUP_WINDOW } from '../../contract/event-fingerprint';

export class EventDedup {
  private readonly recent = new Map<string, string[]>();

  /** The event's fingerprint the first time it is seen for the session (within the window); null for a repeat. */
  admit(sessionId: string, event: SocketEvent): string | null {
    const print = eventFingerprint(event);
    let seen = this.recent.get(sessionId);
    if (!seen) {
      seen = [];
      this.recent.set(sessionId, seen);
    }
    if (isRepeat(seen, print)) return null;
    seen.push(print);
    if (seen.length > DEDUP_WINDOW) seen.shift();
    return print;
  }

  /** True the first time this event is seen for the session (within the window). */
  firstTime(sessionId: string, event: SocketEvent): boolean {
    return this.admit(sessionId, event) !== null;
  }

  /** How many sessions' fingerprints are kept (what the runner holds per session must go with it). */
  get sessions(): number {
    return this.recent.size;
  }

  forget(sessionId: string): void {
    this.recent.delete(sessionId);
  }
}
