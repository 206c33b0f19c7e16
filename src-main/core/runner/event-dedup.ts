// Socket.IO may deliver an event twice (a reconnect, a retransmission, a server that replays
// its buffer). Each session remembers the fingerprints of its last events, so a repeat is
// logged and acted on once. Pure bookkeeping: no clock, no I/O.
import type { SocketEvent } from '../webrun/socket-events';

/** How many recent events per session are remembered. */
export const DEDUP_WINDOW = 50;
const MAX_FINGERPRINT = 500;

export function fingerprint(event: SocketEvent): string {
  return `${event.kind}:${JSON.stringify(event)}`.slice(0, MAX_FINGERPRINT);
}

export class EventDedup {
  private readonly recent = new Map<string, string[]>();

  /** True the first time this event is seen for the session (within the window). */
  firstTime(sessionId: string, event: SocketEvent): boolean {
    const print = fingerprint(event);
    let seen = this.recent.get(sessionId);
    if (!seen) {
      seen = [];
      this.recent.set(sessionId, seen);
    }
    if (seen.includes(print)) return false;
    seen.push(print);
    if (seen.length > DEDUP_WINDOW) seen.shift();
    return true;
  }

  forget(sessionId: string): void {
    this.recent.delete(sessionId);
  }
}
