import { describe, expect, it } from 'vitest';
import {
  expiredMessage,
  explainExpiry,
  sessionExpiresAt,
  taskExpiresAt,
} from '../../src-main/core/webrun/expiry';

describe('expiry', () => {
  it('gives a deadline to waiting tasks only', () => {
    expect(taskExpiresAt('needs_input', 1_000, 300_000)).toBe(301_000);
    expect(taskExpiresAt('paused', 1_000, 300_000)).toBe(301_000);
    expect(taskExpiresAt('running', 1_000, 300_000)).toBeNull();
    expect(taskExpiresAt('needs_input', null, 300_000)).toBeNull();
  });

  it('gives open idle sessions a deadline from their last activity', () => {
    expect(
      sessionExpiresAt(
        { status: 'open', createdAt: 10 },
        { running: false, lastActivityAt: 500 },
        1_000,
      ),
    ).toBe(1_500);
    expect(
      sessionExpiresAt(
        { status: 'open', createdAt: 10 },
        { running: false, lastActivityAt: null },
        1_000,
      ),
    ).toBe(1_010);
    expect(
      sessionExpiresAt(
        { status: 'open', createdAt: 10 },
        { running: true, lastActivityAt: 500 },
        1_000,
      ),
    ).toBeNull();
    expect(
      sessionExpiresAt(
        { status: 'ended', createdAt: 10 },
        { running: false, lastActivityAt: 500 },
        1_000,
      ),
    ).toBeNull();
  });

  it('names the expiry as the reason a waiting task failed at its deadline, and only then', () => {
    const terminated = { code: 'TERMINATED', message: 'Session terminated' };
    const waiting = { status: 'paused' as const, waitingSince: 0 };
    expect(
      explainExpiry(waiting, { status: 'failed', error: terminated }, 300_000, 300_000),
    ).toEqual({ code: 'TERMINATED', message: 'The session expired after 5 min without activity.' });
    expect(explainExpiry(waiting, { status: 'failed', error: terminated }, 100_000, 300_000)).toBe(
      terminated,
    );
    expect(
      explainExpiry(
        { status: 'running', waitingSince: null },
        { status: 'failed', error: terminated },
        400_000,
        300_000,
      ),
    ).toBe(terminated);
    expect(
      explainExpiry(waiting, { status: 'stopped', error: terminated }, 400_000, 300_000)?.message,
    ).toMatch(/expired/);
    expect(
      explainExpiry(waiting, { status: 'completed', error: terminated }, 400_000, 300_000),
    ).toBe(terminated);
    expect(expiredMessage(30_000)).toBe('The session expired after 30 s without activity.');
  });
});
