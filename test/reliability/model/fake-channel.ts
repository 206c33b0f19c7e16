// A socket channel the model-based test drives by hand: it connects, drops and resynchronises
// when told, and delivers the events it is given (duplicated or reordered by the caller).
import type { ChannelState, ChannelStateInfo } from '../../../src-main/core/webrun/socket-channel';
import type { SocketEvent } from '../../../src-main/core/webrun/socket-events';

export class FakeChannel {
  private readonly events = new Set<(event: SocketEvent) => void>();
  private readonly states = new Set<(state: ChannelState, info: ChannelStateInfo) => void>();
  closed = false;
  connected = false;
  constructor(readonly sessionId: string) {}
  connect(): void {}
  on(fn: (event: SocketEvent) => void): () => void {
    this.events.add(fn);
    return () => this.events.delete(fn);
  }
  onState(fn: (state: ChannelState, info: ChannelStateInfo) => void): () => void {
    this.states.add(fn);
    return () => this.states.delete(fn);
  }
  close(): void {
    this.closed = true;
  }
  setState(connected: boolean, recovered: boolean): void {
    if (this.closed) return;
    this.connected = connected;
    for (const fn of this.states) fn(connected ? 'connected' : 'reconnecting', { recovered });
  }
  emit(event: SocketEvent): void {
    if (!this.closed && this.connected) for (const fn of this.events) fn(event);
  }
}
