import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src-main/sandbox/rate-limit.ts';

describe('sandbox sliding-window rate limiter', () => {
  it('allows max requests per window per key, then refuses with Retry-After', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter(3, 60_000, () => now);
    expect(limiter.hit('a').headers['X-RateLimit-Remaining']).toBe('2');
    now += 10_000;
    limiter.hit('a');
    now += 10_000;
    const third = limiter.hit('a');
    expect(third.allowed).toBe(true);
    expect(third.headers['X-RateLimit-Remaining']).toBe('0');
    const fourth = limiter.hit('a');
    expect(fourth.allowed).toBe(false);
    // Oldest hit (t=1_000_000) leaves the window at 1_060_000: 40 s from now.
    expect(fourth.headers['Retry-After']).toBe('40');
    expect(fourth.headers['X-RateLimit-Reset']).toBe(String(Math.ceil(1_060_000 / 1000)));
    expect(limiter.hit('b').allowed).toBe(true);
  });

  it('slides: a slot frees when the oldest request ages out, and refusals do not count', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 1000, () => now);
    limiter.hit('k');
    now = 500;
    limiter.hit('k');
    now = 900;
    expect(limiter.hit('k').allowed).toBe(false);
    now = 1001;
    expect(limiter.hit('k').allowed).toBe(true);
    expect(limiter.hit('k').allowed).toBe(false);
    now = 1501;
    expect(limiter.hit('k').allowed).toBe(true);
  });
});
