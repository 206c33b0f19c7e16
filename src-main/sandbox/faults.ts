// Fault injection for tests of the client's resilience (only with `faults: true`). HTTP faults
// are consumed per matching request; socket faults act on the Socket.IO hub.
//
// `when` decides whether the request is acted on first: "after" (the default for malformed,
// hang and reset) means the sandbox really does the work (a task is created and billed) and
// only the answer is lost, which is exactly the case a client must not blindly resubmit.
import type { Scheduler } from './scheduler.ts';
import type { SessionManager } from './sessions.ts';
import type { SocketHub } from './socket.ts';

export type Fault =
  | { type: 'status'; status: 500 | 503 | 429; retryAfter?: string }
  | { type: 'malformed'; when?: 'before' | 'after' }
  | { type: 'hang'; when?: 'before' | 'after' }
  | { type: 'reset'; when?: 'before' | 'after' };

interface Rule {
  route: string;
  fault: Fault;
  remaining: number;
}

export const BLIP_MS = 20;

export class FaultController {
  private rules: Rule[] = [];

  constructor(
    private readonly hub: SocketHub,
    private readonly sessions: SessionManager,
    private readonly scheduler: Scheduler,
  ) {}

  /**
   * `route` is "*", a route template ("GET /task/:sessionId/:taskId") or a concrete request
   * ("POST /start/run-task"). The next `count` matching requests get `fault`.
   */
  inject(route: string, fault: Fault, count = 1): void {
    this.rules.push({ route: normalise(route), fault, remaining: Math.max(1, Math.floor(count)) });
  }

  clear(): void {
    this.rules = [];
  }

  /** Pending HTTP faults, for assertions. */
  pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  /** Used by the server: consumes and returns the fault for this request, if any. */
  take(method: string, template: string, path: string): Fault | null {
    const keys = new Set(['*', `${method} ${template}`, `${method} ${path}`]);
    const rule = this.rules.find((r) => keys.has(r.route));
    if (!rule) return null;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }

  /**
   * A brief transport drop: clients reconnect by themselves and, within the recovery window,
   * get the events they missed with `socket.recovered === true`. `recoverable: false` makes
   * the server forget their state (reconnects are not recovered), without any downtime.
   */
  dropSockets(options: { recoverable?: boolean } = {}): void {
    this.hub.dropSockets(options);
  }

  /** A socket server restart: nothing is recoverable and connections are refused for `downMs`. */
  restartSocketServer(downMs = 100): void {
    this.hub.restart(downMs);
  }

  duplicateNextEvents(n: number): void {
    this.hub.duplicateNextEvents(n);
  }

  reorderNextEvents(n: number): void {
    this.hub.reorderNextEvents(n);
  }

  private announceDisconnect(sessionId: string): void {
    this.hub.emit(sessionId, 'instance:disconnected', {
      type: 'instance:disconnected',
      message: 'Instance connection lost. Attempting reconnection...',
      gracePeriod: 300000,
    });
  }

  /** The browser instance drops and comes back; the session survives. */
  instanceBlip(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session?.active) return false;
    this.announceDisconnect(sessionId);
    this.scheduler.after(BLIP_MS, () => {
      this.hub.emit(sessionId, 'instance:reconnected', {
        type: 'instance:reconnected',
        message: 'Instance connection restored',
      });
    });
    return true;
  }

  /** The browser instance is gone for good: the session ends with reason instance_lost. */
  instanceLost(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session?.active) return false;
    this.announceDisconnect(sessionId);
    this.sessions.end(session, 'instance_lost');
    return true;
  }
}

function normalise(route: string): string {
  const trimmed = route.trim();
  if (trimmed === '*') return trimmed;
  const [method = '', path = ''] = trimmed.split(/\s+/, 2);
  return `${method.toUpperCase()} ${path}`;
}

export function faultWhen(fault: Fault): 'before' | 'after' {
  return fault.type === 'status' ? 'before' : (fault.when ?? 'after');
}
