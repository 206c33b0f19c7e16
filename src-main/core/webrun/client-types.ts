// What the WebRun client is built from and what each request says about itself.
import type { BalanceReport } from './balance';
import type { Timeouts } from './client-timeouts';
import type { SlidingWindowLimiter } from './rate-limiter';
import type { Generation } from './request-body';

export interface WebRunClientOptions {
  baseUrl: string;
  /** Sent only in the Authorization header; never logged, stored or put in an error. */
  apiKey: string;
  generation?: Generation;
  /** Shared by every caller using the same key; polls bypass it (they are not limited). */
  limiter?: SlidingWindowLimiter | null;
  /** Requests go through this fetch instead of undici (tests). */
  fetch?: typeof fetch;
  now?: () => number;
  timeouts?: Partial<Timeouts>;
  /** Every balance WebRun reports (start-session answers, 402 refusals), as it arrives. */
  onBalance?: (reading: BalanceReport) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** The caller took this request's slot of the limit already (takeSlot). */
  slotTaken?: boolean;
}

export interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  /** Multipart body (uploads); fetch sets its Content-Type with the boundary. */
  form?: FormData;
  /** Counts against WebRun's 10/min limit. */
  limited: boolean;
  /** Resending cannot cost anything (a GET): a lost answer is not an "unknown" outcome. */
  idempotent: boolean;
  /** A task-bearing endpoint: a failure answer that carries the task (status, code, usage) is an answer. */
  taskBody?: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  slotTaken?: boolean;
}
