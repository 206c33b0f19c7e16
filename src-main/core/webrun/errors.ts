// One typed error for everything that can go wrong talking to WebRun. The runner decides
// what to do (retry, back off, mark unknown, fail) from `kind` alone, never from message text.
import { balanceOf, isBalanceRefusal, type BalanceFigures } from './balance';
import { isRecord, text } from './json-read';

export type WebRunErrorKind =
  | 'auth' // 401
  | 'balance' // 402
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'bad_request' // 400 and other 4xx
  | 'rate_limited' // 429
  | 'unavailable' // 503
  | 'server' // other 5xx
  | 'network' // the request never reached the server (refused, DNS): safe to resend
  | 'timeout' // no answer in time after sending (or a 408): fate unknown
  | 'reset' // connection dropped after sending: fate unknown
  | 'bad_response' // an answer came back but it is not JSON or not an object
  | 'aborted'; // cancelled by the caller

export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Unix seconds, as the X-RateLimit-Reset header gives it. */
  reset: number | null;
}

export interface WebRunErrorInit {
  kind: WebRunErrorKind;
  message: string;
  status?: number | null;
  code?: string | null;
  details?: unknown;
  /** Milliseconds to wait before the next attempt, from Retry-After. */
  retryAfterMs?: number | null;
  rateLimit?: RateLimitInfo | null;
  /** True when the request may have reached WebRun and been acted on (paid for). */
  outcomeUnknown?: boolean;
  /**
   * WebRun itself answered, in its error format (`success: false` with a message): it read
   * the request and said no. A bare 500 page from a proxy is not an answer.
   */
  answered?: boolean;
  /** What a refusal for money said about the account (402, INSUFFICIENT_BALANCE). */
  balance?: BalanceFigures | null;
  cause?: unknown;
}

export class WebRunError extends Error {
  readonly kind: WebRunErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly details: unknown;
  readonly retryAfterMs: number | null;
  readonly rateLimit: RateLimitInfo | null;
  readonly outcomeUnknown: boolean;
  readonly answered: boolean;
  readonly balance: BalanceFigures | null;

  constructor(init: WebRunErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'WebRunError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.rateLimit = init.rateLimit ?? null;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.answered = init.answered ?? false;
    this.balance = init.balance ?? null;
  }

  /** Worth trying again later without the user's say (and without risk of paying twice). */
  get transient(): boolean {
    return (
      !this.outcomeUnknown &&
      (this.kind === 'rate_limited' ||
        this.kind === 'unavailable' ||
        this.kind === 'server' ||
        this.kind === 'network')
    );
  }
}

export function kindForStatus(status: number): WebRunErrorKind {
  if (status === 401) return 'auth';
  if (status === 402) return 'balance';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  // A proxy or gateway that gave up waiting: nothing is known of the task, so a poll is asked
  // again and a submission is unknown, never a refusal that fails the task.
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

function headerNumber(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value == null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function parseRateLimitHeaders(headers: Headers): RateLimitInfo | null {
  const info: RateLimitInfo = {
    limit: headerNumber(headers, 'x-ratelimit-limit'),
    remaining: headerNumber(headers, 'x-ratelimit-remaining'),
    reset: headerNumber(headers, 'x-ratelimit-reset'),
  };
  return info.limit === null && info.remaining === null && info.reset === null ? null : info;
}

/** Reads the three documented error body formats (§6.1): message ?? error, code, details. */
export function errorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  nowMs: number,
): WebRunError {
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (isRecord(parsed)) body = parsed;
  } catch {
    // A non-JSON error body (an HTML proxy page, say) still yields a typed error below.
  }
  const message =
    text(body?.message) ??
    text(body?.error) ??
    (bodyText.trim() ? bodyText.trim().slice(0, 200) : `HTTP ${status}`);
  const code = text(body?.code);
  const money = isBalanceRefusal(status, code);
  return new WebRunError({
    // The documented code means "no money" whatever status a proxy or an old page gave it.
    kind: money ? 'balance' : kindForStatus(status),
    status,
    message,
    code,
    balance: money ? balanceOf(body) : null,
    details: body?.details,
    retryAfterMs: parseRetryAfter(headers.get('retry-after'), nowMs),
    rateLimit: parseRateLimitHeaders(headers),
    answered:
      body !== null && body.success === false && (text(body.message) ?? text(body.error)) !== null,
  });
}
