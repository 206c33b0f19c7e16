// The Socket.IO channel of one WebRun session (webrun-api.md §2): typed events in, control
// messages out, and a small state machine the runner can act on. Socket.IO does the
// reconnecting; this class only translates what happens into states. Nothing here throws into
// Socket.IO's event loop: a payload we cannot read becomes an `unparseable` event, a refused
// session becomes a `closed` state with the server's reason.
import { io as defaultIo, type Socket } from 'socket.io-client';
import { parseSocketEvent, type SocketEvent } from './socket-events';

export interface SocketChannelOptions {
  url: string;
  sessionId: string;
  /** Injectable for tests; defaults to socket.io-client's `io`. */
  io?: typeof defaultIo;
  /** Reconnection backoff (Socket.IO's exponential backoff with jitter). */
  reconnect?: { baseMs: number; capMs: number };
}

export type ChannelState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface ChannelStateInfo {
  /** socket.recovered: false means events may have been missed (the runner resyncs by polling). */
  recovered: boolean;
  reason?: string;
}

type EventListener = (event: SocketEvent) => void;
type StateListener = (state: ChannelState, info: ChannelStateInfo) => void;

const DEFAULT_RECONNECT = { baseMs: 1_000, capMs: 30_000 };
/** ±50 % jitter so many desks reconnecting after one outage do not arrive in lockstep. */
const RANDOMIZATION_FACTOR = 0.5;
/** Server-pushed events besides `message` (§2); all go through parseSocketEvent. */
const NAMED_EVENTS = [
  'message',
  'end_session',
  'instance:disconnected',
  'instance:reconnected',
] as const;

/** Disconnect reasons after which Socket.IO does not reconnect by itself. */
const FINAL_DISCONNECTS = new Set(['io server disconnect', 'io client disconnect']);

export class SocketChannel {
  private readonly url: string;
  private readonly sessionId: string;
  private readonly ioImpl: typeof defaultIo;
  private readonly reconnect: { baseMs: number; capMs: number };
  private readonly listeners = new Set<EventListener>();
  private readonly stateListeners = new Set<StateListener>();
  private socket: Socket | null = null;
  private current: ChannelState = 'closed';
  private lastReason: string | undefined;

  constructor(opts: SocketChannelOptions) {
    this.url = opts.url;
    this.sessionId = opts.sessionId;
    this.ioImpl = opts.io ?? defaultIo;
    const reconnect = opts.reconnect ?? DEFAULT_RECONNECT;
    if (!(reconnect.baseMs > 0) || !(reconnect.capMs >= reconnect.baseMs)) {
      throw new RangeError('reconnect needs 0 < baseMs <= capMs');
    }
    this.reconnect = reconnect;
  }

  get state(): ChannelState {
    return this.current;
  }

  /** Opens the socket; a no-op while one is open or being opened. */
  connect(): void {
    if (this.socket) return;
    const socket = this.ioImpl(this.url, {
      // The only documented socket credential is the session id (§2); the API key never goes here.
      auth: { sessionId: this.sessionId },
      transports: ['websocket'],
      // One connection per session: never share a Manager with another channel.
      forceNew: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: this.reconnect.baseMs,
      reconnectionDelayMax: this.reconnect.capMs,
      randomizationFactor: RANDOMIZATION_FACTOR,
      autoConnect: false,
    });
    this.socket = socket;
    this.wire(socket);
    this.setState('connecting', { recovered: false });
    socket.connect();
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Emits a send-message `message` object (§2 "Client → server"). While reconnecting Socket.IO
   * buffers it and sends it once connected; on a closed channel it is an error, because
   * nothing would ever deliver it.
   */
  send(message: Record<string, unknown>): void {
    if (!this.socket || this.current === 'closed')
      throw new Error('The session channel is closed; the message was not sent.');
    this.socket.emit('message', message);
  }

  close(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.removeAllListeners();
    socket.disconnect();
    this.setState('closed', { recovered: false, reason: 'closed by client' });
  }

  private wire(socket: Socket): void {
    const ctx = { sessionId: this.sessionId };
    for (const name of NAMED_EVENTS) {
      socket.on(name, (payload: unknown) => this.dispatch(parseSocketEvent(name, payload, ctx)));
    }
    // `recovered` stays undefined unless the server supports connection-state recovery.
    socket.on('connect', () =>
      this.setState('connected', { recovered: socket.recovered === true }),
    );
    socket.on('disconnect', (reason: string) => {
      if (FINAL_DISCONNECTS.has(reason)) this.finish(socket, reason);
      else this.setState('reconnecting', { recovered: false, reason });
    });
    socket.on('connect_error', (error: Error) => {
      const reason = error?.message || 'connect_error';
      // Socket.IO's own rule: an active socket keeps retrying (server down, network); an
      // inactive one was refused by the server (e.g. an unknown or expired session).
      if (socket.active)
        this.setState(this.current === 'connecting' ? 'connecting' : 'reconnecting', {
          recovered: false,
          reason,
        });
      else this.finish(socket, reason);
    });
  }

  /** The server ended it (session over, or refused): Socket.IO will not retry, so neither do we. */
  private finish(socket: Socket, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    socket.removeAllListeners();
    socket.disconnect();
    this.setState('closed', { recovered: false, reason });
  }

  private setState(state: ChannelState, info: ChannelStateInfo): void {
    // A repeated state is reported only when it brings a new reason (each failed retry's cause).
    if (state === this.current && (info.reason === undefined || info.reason === this.lastReason))
      return;
    this.current = state;
    this.lastReason = info.reason;
    for (const listener of [...this.stateListeners]) this.safely(() => listener(state, info));
  }

  private dispatch(event: SocketEvent): void {
    for (const listener of [...this.listeners]) this.safely(() => listener(event));
  }

  /** One listener's bug must neither starve the others nor break the socket's event loop. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      process.emitWarning(
        `SocketChannel listener threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
