// Sliding-window rate limit per API key (webrun-api.md §6.4): the timestamps of the last
// `max` accepted requests within `windowMs`. Requests that fail later (400, 404, ...) still
// count; requests refused with 429 do not, so a client that backs off recovers on schedule.

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): RateDecision {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    const allowed = recent.length < this.max;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    // The window frees a slot when its oldest request ages out.
    const oldest = recent[0] ?? now;
    const resetMs = oldest + this.windowMs;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.max),
      'X-RateLimit-Remaining': String(Math.max(0, this.max - recent.length)),
      'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
    };
    if (!allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil((resetMs - now) / 1000)));
    return { allowed, headers };
  }
}

export const RATE_LIMITED_BODY = {
  success: false,
  message: 'Rate limit exceeded. Please try again later.',
};
