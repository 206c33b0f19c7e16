// The sandbox's per-key rate limit (10 limited requests a minute), over real HTTP on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src-main/sandbox/index.ts';
import { call, freshKey } from '../helpers/sandbox-http';

describe('sandbox rate limit', () => {
  it('refuses the 11th limited request in a minute with 429 and rate headers; failed requests count', async () => {
    const sb = await startSandbox({ timeScale: 0.001 });
    try {
      const key = freshKey();
      // The window starts at the first request; on a loaded machine seconds may pass before the
      // 11th, so the figures are checked against the times bracketing those two requests.
      const firstSent = Date.now();
      let firstDone = firstSent;
      for (let i = 0; i < 10; i++) {
        const res = await call(sb, '/start/run-task', { key, body: {} });
        if (i === 0) firstDone = Date.now();
        expect(res.status).toBe(400);
        expect(res.headers.get('x-ratelimit-limit')).toBe('10');
        expect(res.headers.get('x-ratelimit-remaining')).toBe(String(9 - i));
      }
      const limitedSent = Date.now();
      const limited = await call(sb, '/start/send-message', { key, body: {} });
      const limitedDone = Date.now();
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({
        success: false,
        message: 'Rate limit exceeded. Please try again later.',
      });
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      // Reset: when the first request leaves the 60 s window, in epoch seconds rounded up.
      const reset = Number(limited.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(Math.ceil((firstSent + 60_000) / 1000));
      expect(reset).toBeLessThanOrEqual(Math.ceil((firstDone + 60_000) / 1000));
      // Retry-After: the seconds from the 11th request until then, rounded up.
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(
        Math.ceil((firstSent + 60_000 - limitedDone) / 1000),
      );
      expect(retryAfter).toBeLessThanOrEqual(Math.ceil((firstDone + 60_000 - limitedSent) / 1000));
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Other keys, polls and health are not limited.
      expect((await call(sb, '/start/run-task', { body: {} })).status).toBe(400);
      expect((await call(sb, '/start/health', { key })).status).toBe(200);
      expect((await call(sb, '/task/x/y', { key })).status).toBe(404);
    } finally {
      await sb.close();
    }
  });

  it('can be switched off', async () => {
    const sb = await startSandbox({ timeScale: 0.001, rateLimit: null });
    try {
      const key = freshKey();
      for (let i = 0; i < 12; i++)
        expect((await call(sb, '/start/run-task', { key, body: {} })).status).toBe(400);
    } finally {
      await sb.close();
    }
  });
});
