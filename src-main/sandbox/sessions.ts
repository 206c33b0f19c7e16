// Sessions: ownership, the live browser view (current URL, last action), the 5-minute
// inactivity expiry, the concurrency count, and ending a session (which ends its task and
// tells socket clients why).
import { hexId } from './random.ts';
import type { Cancel, Scheduler } from './scheduler.ts';
import type { SimTask } from './task.ts';

export type EndReason =
  'completed' | 'terminated' | 'expired' | 'terminateOnCompletion' | 'instance_lost';

/** Where session events go: the Socket.IO hub in the server, a recorder in unit tests. */
export interface EventSink {
  emit(sessionId: string, event: string, payload: unknown): void;
  closeSession(sessionId: string): void;
}

export const INACTIVITY_MS = 300_000;

const END_MESSAGES: Record<EndReason, string> = {
  completed: 'Session ended',
  terminated: 'Session terminated',
  expired: 'Session expired after 300 seconds of inactivity',
  terminateOnCompletion: 'Session ended after task completion',
  instance_lost: 'Browser instance lost',
};

export class SimSession {
  readonly id = hexId(6);
  readonly createdAt = Date.now();
  active = true;
  endReason: EndReason | null = null;
  readonly tasks = new Map<string, SimTask>();
  current: SimTask | null = null;
  currentUrl: string | null = null;
  lastAction: string | null = null;
  controlledByUser = false;
  expiry: Cancel | null = null;
  /** The environment (profile) the session's browser was loaded from. */
  environmentId: string | null = null;
  /** Sites logged into during this session; saved to the environment when it ends. */
  readonly learnedLogins = new Set<string>();
  /** The trigger run this session carries out, if any. */
  cronRun: string | null = null;

  constructor(
    readonly apiKey: string,
    /** run-task sessions end by themselves after their task; null for start-session. */
    readonly autoEnd: EndReason | null,
  ) {}

  /** A task is in progress (running, paused or waiting at a guardrail). */
  get busy(): boolean {
    return this.current !== null && !this.current.finished;
  }
}

export class SessionManager {
  private readonly sessions = new Map<string, SimSession>();
  /** Called once per session when it ends (environments save back, trigger runs settle). */
  readonly ended = new Set<(session: SimSession) => void>();

  constructor(
    private readonly scheduler: Scheduler,
    /** Scales the inactivity expiry only (task durations have their own scale). */
    private readonly expiryScale: number,
    private readonly sink: EventSink,
  ) {}

  create(apiKey: string, autoEnd: EndReason | null): SimSession {
    const session = new SimSession(apiKey, autoEnd);
    this.sessions.set(session.id, session);
    this.touch(session);
    return session;
  }

  get(id: string): SimSession | undefined {
    return this.sessions.get(id);
  }

  /** An active session owned by this key; sessions of other keys look the same as none. */
  owned(id: string, apiKey: string): SimSession | undefined {
    const session = this.sessions.get(id);
    return session && session.active && session.apiKey === apiKey ? session : undefined;
  }

  activeCount(apiKey: string): number {
    let count = 0;
    for (const session of this.sessions.values())
      if (session.active && session.apiKey === apiKey) count++;
    return count;
  }

  allActive(): SimSession[] {
    return [...this.sessions.values()].filter((s) => s.active);
  }

  /**
   * Control traffic re-arms the inactivity timer. Polling deliberately does not: otherwise an
   * unanswered guardrail would keep a billed session alive for as long as a client polls.
   */
  touch(session: SimSession): void {
    if (!session.active) return;
    session.expiry?.();
    session.expiry = this.scheduler.after(INACTIVITY_MS * this.expiryScale, () => {
      session.expiry = null;
      // A task that is actively running is activity; paused or guardrail-waiting is not.
      if (session.current?.state === 'running') this.touch(session);
      else this.end(session, 'expired');
    });
  }

  /** Forgets a session that never got going (its first task was refused). */
  discard(session: SimSession): void {
    session.expiry?.();
    session.active = false;
    this.sessions.delete(session.id);
  }

  emit(session: SimSession, event: string, payload: unknown): void {
    this.sink.emit(session.id, event, payload);
  }

  end(session: SimSession, reason: EndReason): void {
    if (!session.active) return;
    session.active = false;
    session.endReason = reason;
    session.expiry?.();
    session.expiry = null;
    session.current?.terminate();
    this.sink.emit(session.id, 'end_session', {
      type: 'end_session',
      reason,
      message: END_MESSAGES[reason],
    });
    this.sink.closeSession(session.id);
    for (const listener of this.ended) listener(session);
  }
}
