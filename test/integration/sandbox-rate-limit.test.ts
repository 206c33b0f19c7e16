// The sandbox's per-key rate limit (10 limited requests a minute), over real HTTP on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src-main/sandbox/index.ts';
import { call, freshKey } from '../helpers/sandbox-http';

describe('sandbox rate limit', () => {
  it('refuses the 11th limited request in a minute with 429 and rate headers; failed requests count', async () => {
    const sb = await startSandbox({ timeScale: 0.001 });
    try {
      const key = freshKey();
      for (let i = 0; i < 10; i++) {
        const res = await call(sb, '/start/run-task', { key, body: {} });
        expect(res.status).toBe(400);
        expect(res.headers.get('x-ratelimit-limit')).toBe('10');
        expect(res.headers.get('x-ratelimit-remaining')).toBe(String(9 - i));
      }
      const before = Math.floor(Date.now() / 1000);
      const limited = await call(sb, '/start/send-message', { key, body: {} });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({
        success: false,
        message: 'Rate limit exceeded. Please try again later.',
      });
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(limited.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(before + 59);
      expect(reset).toBeLessThanOrEqual(before + 61);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(59);
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
