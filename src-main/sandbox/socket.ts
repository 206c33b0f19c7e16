// Socket.IO on the sandbox's HTTP server (webrun-api.md §2): clients attach to a session with
// `io(url, {auth:{sessionId}})`, receive `message` events and named session events, and may send
// `message` objects exactly like send-message. Event-level faults (duplicates, reordering,
// dropped connections, a restart) are applied here, on the way out.
//
// "Server keeps session state across brief socket drops" (§2): Socket.IO connection-state
// recovery is on. A client that drops for less than the recovery window gets the events it
// missed and `socket.recovered === true`; a server restart forgets every saved state.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { SandboxContext } from './context.ts';
import { applyMessage } from './control.ts';
import type { Scheduler } from './scheduler.ts';
import type { EventSink } from './sessions.ts';

type Pending = { sessionId: string; event: string; payload: unknown };

const REORDER_FLUSH_MS = 50;
/** How long a dropped connection's state is kept: 2 minutes, time-scaled, but never under 5 s. */
const RECOVERY_WINDOW_MS = 2 * 60_000;
const MIN_RECOVERY_WINDOW_MS = 5_000;

export function recoveryWindowMs(timeScale: number): number {
  return Math.max(MIN_RECOVERY_WINDOW_MS, Math.round(RECOVERY_WINDOW_MS * timeScale));
}

function room(sessionId: string): string {
  return `session:${sessionId}`;
}

export class SocketHub implements EventSink {
  private io: Server | null = null;
  private accepting = true;
  private duplicates = 0;
  private reorderLeft = 0;
  private buffer: Pending[] = [];
  private cancelFlush: (() => void) | null = null;
  /** Bumped by a restart (or a non-recoverable drop): state saved before it is forgotten. */
  private generation = 0;

  constructor(private readonly scheduler: Scheduler) {}

  attach(httpServer: HttpServer, ctx: SandboxContext): void {
    const io = new Server(httpServer, {
      // Refusing at the engine level (not in middleware) makes clients retry on their own,
      // which is how a real server restart looks to them.
      allowRequest: (_req, callback) => callback(null, this.accepting),
      connectionStateRecovery: {
        maxDisconnectionDuration: recoveryWindowMs(ctx.options.timeScale),
        // A recovered socket still goes through the session check below.
        skipMiddlewares: false,
      },
    });
    const adapter = io.of('/').adapter;
    type Saved = Awaited<ReturnType<typeof adapter.restoreSession>>;
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const saved = (await restore(pid, offset)) as Saved | null;
      // The in-memory adapter answers null for an unknown or expired session; so do we for one
      // saved before a restart, which a real server would not have survived.
      const data = saved?.data as { generation?: number } | undefined;
      return (data?.generation === this.generation ? saved : null) as Saved;
    };
    io.use((socket, next) => {
      const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
      const sessionId = auth.sessionId ?? socket.handshake.query.sessionId;
      const session = typeof sessionId === 'string' ? ctx.sessions.get(sessionId) : undefined;
      // A recovered socket whose session ended while it was away is let in once, to receive
      // what it missed (end_session included); onConnection then closes it like closeSession.
      const recoveredIntoEnded =
        socket.recovered && session !== undefined && socket.data.sessionId === session.id;
      if (!session?.active && !recoveredIntoEnded)
        return next(new Error('Invalid sessionId: session not found or expired'));
      socket.data.sessionId = session?.id;
      socket.data.generation = this.generation;
      next();
    });
    io.on('connection', (socket) => this.onConnection(socket, ctx));
    this.io = io;
  }

  private onConnection(socket: Socket, ctx: SandboxContext): void {
    const sessionId = socket.data.sessionId as string;
    if (!ctx.sessions.get(sessionId)?.active) {
      socket.disconnect();
      return;
    }
    void socket.join(room(sessionId));
    socket.on('message', (message: unknown) => {
      const session = ctx.sessions.get(sessionId);
      if (!session?.active) {
        socket.emit('message', {
          type: 'error',
          error: `Session ${sessionId} does not exist or has expired`,
          code: 'SESSION_NOT_FOUND',
        });
        return;
      }
      if (!message || typeof message !== 'object') {
        socket.emit('message', {
          type: 'error',
          error: 'message must be an object',
          code: 'INVALID_PARAMS',
        });
        return;
      }
      const result = applyMessage(ctx, session, message as Record<string, unknown>);
      if (result.kind === 'error') {
        const body = (result.reply.body ?? {}) as Record<string, unknown>;
        socket.emit('message', {
          type: 'error',
          error: body.message ?? body.error,
          code: body.code ?? 'INVALID_PARAMS',
        });
      }
    });
  }

  emit(sessionId: string, event: string, payload: unknown): void {
    if (this.reorderLeft > 0) {
      this.buffer.push({ sessionId, event, payload });
      this.reorderLeft--;
      if (this.reorderLeft === 0) this.flush();
      else if (!this.cancelFlush)
        this.cancelFlush = this.scheduler.after(REORDER_FLUSH_MS, () => this.flush());
      return;
    }
    this.send({ sessionId, event, payload });
  }

  closeSession(sessionId: string): void {
    // Anything held back for reordering goes out before the goodbye.
    this.flush();
    // Not a transport close: clients see "io server disconnect" and do not reconnect to a dead session.
    this.io?.in(room(sessionId)).disconnectSockets(false);
  }

  private send({ sessionId, event, payload }: Pending): void {
    this.io?.to(room(sessionId)).emit(event, payload);
    if (this.duplicates > 0) {
      this.duplicates--;
      this.io?.to(room(sessionId)).emit(event, payload);
    }
  }

  private flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = null;
    this.reorderLeft = 0;
    const held = this.buffer.reverse();
    this.buffer = [];
    for (const item of held) this.send(item);
  }

  // ---- faults -------------------------------------------------------------------------------

  /**
   * Drops every connection at the transport level; clients reconnect by themselves. A brief
   * drop is recoverable (missed events replayed, `recovered` true); with `recoverable: false`
   * the server forgets the saved state, so clients reconnect with `recovered` false.
   */
  dropSockets(options: { recoverable?: boolean } = {}): void {
    if (options.recoverable === false) this.generation++;
    for (const socket of this.io?.sockets.sockets.values() ?? []) socket.conn.close();
  }

  /**
   * A server restart: drops every connection, forgets all saved connection state (nothing is
   * recoverable) and refuses new connections for `downMs` real milliseconds.
   */
  restart(downMs: number): void {
    this.accepting = false;
    this.dropSockets({ recoverable: false });
    this.scheduler.after(downMs, () => {
      this.accepting = true;
    });
  }

  duplicateNextEvents(n: number): void {
    this.duplicates += Math.max(0, n);
  }

  /** Holds the next `n` events and sends them in reverse order. */
  reorderNextEvents(n: number): void {
    this.reorderLeft += Math.max(0, n);
  }

  socketIds(): string[] {
    return [...(this.io?.sockets.sockets.keys() ?? [])];
  }

  async close(): Promise<void> {
    this.buffer = [];
    const io = this.io;
    this.io = null;
    if (!io) return;
    io.disconnectSockets(true);
    // io.close() would also close the HTTP server; the server owner does that itself.
    io.engine.close();
  }
}
