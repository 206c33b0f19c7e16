// The sandbox's shared state, handed to routes, the socket layer and the control logic.
import type { EnvironmentStore } from './environments.ts';
import type { FileStore } from './files.ts';
import type { Ledger } from './ledger.ts';
import type { Scheduler } from './scheduler.ts';
import type { EventSink, SessionManager } from './sessions.ts';

export interface ResolvedOptions {
  port: number;
  timeScale: number;
  expiryScale: number;
  seed: number;
  legacy: boolean;
  balance: number | null;
  balanceRefusal: 'flat' | 'coded';
  rateLimit: { max: number; windowMs: number } | null;
  maxConcurrentSessions: number;
  faults: boolean;
  /** The profiles' own limit, per IP address (§1.7); null = off. */
  profileRateLimit: { max: number; windowMs: number } | null;
  /** 'stopped': triggers show their next run but fire only when run by hand (tests). */
  triggerClock: 'running' | 'stopped';
  /** The one key accepted (a history's shared sandbox); null: any key of the documented shape. */
  onlyKey: string | null;
}

export interface SandboxContext {
  readonly options: ResolvedOptions;
  /** Set once the server listens; routes only read it while handling requests. */
  baseUrl: string;
  readonly scheduler: Scheduler;
  readonly sessions: SessionManager;
  readonly files: FileStore;
  readonly environments: EnvironmentStore;
  readonly ledger: Ledger;
  readonly sink: EventSink;
  /** Tasks submitted per API key (run-task, newTask, start-session with a task). */
  readonly submitted: Map<string, number>;
  /** Tasks accepted per prompt: a run's index for the output variations (variation.ts). */
  readonly promptRuns: Map<string, number>;
}

/** The documented 50 s inline window of run-task and newTask, time-scaled. */
export const INLINE_WINDOW_MS = 50_000;
