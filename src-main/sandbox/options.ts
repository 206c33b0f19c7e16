// Public option and handle types of the sandbox, and their defaults.
import type { ResolvedOptions } from './context.ts';
import type { FaultController } from './faults.ts';

export interface SandboxOptions {
  /** 0/undefined = a free port; always binds 127.0.0.1. */
  port?: number;
  /** Multiplies every simulated duration (task run time, 50 s inline window, 5-min expiry). Default 1. */
  timeScale?: number;
  /** Multiplies the 5-minute inactivity expiry alone; defaults to timeScale (at least 0.02). The app's own
   * sandbox keeps it at 1, so a scaled run still leaves a person 5 real minutes to answer. */
  expiryScale?: number;
  /** Same seed + same prompt => same simulation. Default 1. */
  seed?: number;
  /** Answer in the legacy response shapes (webrun-api.md §7). */
  legacy?: boolean;
  /** USD; null/undefined = unlimited. A task whose cost would exceed it gets 402. */
  balance?: number | null;
  /** 402 shape: `flat` {message, balance} (default) or `coded` (INSUFFICIENT_BALANCE, details). */
  balanceRefusal?: 'flat' | 'coded';
  /** Per API key; default {max:10, windowMs:60000} (windowMs is not time-scaled); null = off. */
  rateLimit?: { max: number; windowMs: number } | null;
  /** Default 5; more active sessions per key get SESSION_LIMIT_REACHED. */
  maxConcurrentSessions?: number;
  /** Enable the fault-injection API (handle.faults and POST /__sandbox/faults). */
  faults?: boolean;
  /** /profiles: default {max:100, windowMs:900000} per IP (not time-scaled); null = off. */
  profileRateLimit?: { max: number; windowMs: number } | null;
  /**
   * 'stopped': triggers compute and show their next run but never fire on their own, only when
   * run by hand. A test that counts trigger runs stops the clock so a time-scaled schedule
   * cannot add a run while it counts. Default 'running'.
   */
  triggerClock?: 'running' | 'stopped';
  /**
   * Accept this API key alone (any other gets the documented 401): the sandbox shared by the
   * processes of one history answers only the key derived from the token in its file.
   */
  onlyKey?: string;
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  /** Closes HTTP, Socket.IO and every timer. */
  close(): Promise<void>;
  /** Tasks this key has submitted (run-task, newTask, start-session with a task). */
  submittedTasks(apiKey: string): number;
  /** Requests of this key refused with 429 by the rate limit. */
  rateLimited(apiKey: string): number;
  /** Non-null only when options.faults. */
  faults: FaultController | null;
  /** When a request last arrived, and how many tasks are still running, paused or waiting. */
  activity(): { lastRequestAt: number; unfinishedTasks: number };
}

/** The default expiry scale's floor: 5 minutes become at least 6 s. */
export const MIN_DEFAULT_EXPIRY_SCALE = 0.02;

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale))
    throw new RangeError('timeScale must be a positive number');
  // At a thousandth of real time the 5-minute expiry is 300 ms, shorter than a busy machine may
  // take between two requests of a client: sessions then expired under tests that never meant
  // to test expiry. By default it is at least 6 s; a test of expiry asks for its own scale.
  const expiryScale = options.expiryScale ?? Math.max(timeScale, MIN_DEFAULT_EXPIRY_SCALE);
  if (!(expiryScale > 0) || !Number.isFinite(expiryScale))
    throw new RangeError('expiryScale must be a positive number');
  return {
    port: options.port ?? 0,
    timeScale,
    expiryScale,
    seed: options.seed ?? 1,
    legacy: options.legacy ?? false,
    balance: options.balance ?? null,
    balanceRefusal: options.balanceRefusal ?? 'flat',
    rateLimit: options.rateLimit === undefined ? { max: 10, windowMs: 60_000 } : options.rateLimit,
    maxConcurrentSessions: options.maxConcurrentSessions ?? 5,
    faults: options.faults ?? false,
    profileRateLimit:
      options.profileRateLimit === undefined
        ? { max: 100, windowMs: 900_000 }
        : options.profileRateLimit,
    triggerClock: options.triggerClock ?? 'running',
    onlyKey: options.onlyKey ?? null,
  };
}
