// The live Socket.IO link of each WebRun session the runner follows. It reports events and
// whether the link is healthy; the runner decides what they mean for its tasks.
import type { SocketEvent } from '../webrun/socket-events';
import { SocketChannel, type ChannelState, type ChannelStateInfo } from '../webrun/socket-channel';

export interface SessionLinkHandlers {
  onEvent(sessionId: string, event: SocketEvent): void;
  /** healthy flips, or a reconnect that may have missed events (recovered false). */
  onHealth(sessionId: string, healthy: boolean, resync: boolean): void;
}

export type ChannelFactory = (
  url: string,
  sessionId: string,
) => Pick<SocketChannel, 'connect' | 'on' | 'onState' | 'close'>;

export const defaultChannelFactory: ChannelFactory = (url, sessionId) =>
  new SocketChannel({ url, sessionId });

export class SessionLinks {
  private readonly links = new Map<
    string,
    { channel: ReturnType<ChannelFactory>; healthy: boolean; everConnected: boolean }
  >();

  constructor(
    private readonly handlers: SessionLinkHandlers,
    private readonly factory: ChannelFactory = defaultChannelFactory,
  ) {}

  /** Attaches to a session's socket unless already attached. */
  attach(sessionId: string, socketUrl: string): void {
    if (this.links.has(sessionId)) return;
    const channel = this.factory(socketUrl, sessionId);
    const link = { channel, healthy: false, everConnected: false };
    this.links.set(sessionId, link);
    channel.on((event) => this.handlers.onEvent(sessionId, event));
    channel.onState((state: ChannelState, info: ChannelStateInfo) => {
      const healthy = state === 'connected';
      // The first connect cannot have missed anything we did not poll for; a later one that
      // Socket.IO could not recover may have.
      const resync = healthy && link.everConnected && !info.recovered;
      if (healthy) link.everConnected = true;
      // Refused before it ever connected (the session is already over, say): no health
      // flipped, but nothing will come over this link, so it is news all the same. A link we
      // detached ourselves is out of the map by now and says nothing.
      const refused =
        state === 'closed' && !link.everConnected && this.links.get(sessionId) === link;
      if (healthy !== link.healthy || resync || refused) {
        link.healthy = healthy;
        this.handlers.onHealth(
          sessionId,
          healthy,
          resync || (!healthy && state === 'reconnecting'),
        );
      }
    });
    channel.connect();
  }

  healthy(sessionId: string | null): boolean {
    return sessionId !== null && this.links.get(sessionId)?.healthy === true;
  }

  detach(sessionId: string): void {
    const link = this.links.get(sessionId);
    if (!link) return;
    this.links.delete(sessionId);
    link.channel.close();
  }

  close(): void {
    for (const id of [...this.links.keys()]) this.detach(id);
  }
}
