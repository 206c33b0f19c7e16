// Sliding-window limiter under fake time: WebRun allows 10 requests per sliding 60 s (§6.4).
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlidingWindowLimiter } from '../../src-main/core/webrun/rate-limiter';

const WINDOW = 60_000;

/** Records when each acquire resolved, so tests can assert order and timing. */
function tracker(limiter: SlidingWindowLimiter) {
  const granted: { id: number; at: number }[] = [];
  const start = (id: number, signal?: AbortSignal) =>
    limiter.acquire(signal).then(
      (slot) => {
        // Answered at once: the request's window starts when it was granted.
        slot.done();
        granted.push({ id, at: Date.now() });
      },
      (reason: unknown) => reason,
    );
  return { granted, start };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SlidingWindowLimiter', () => {
  it('rejects nonsensical options', () => {
    expect(() => new SlidingWindowLimiter({ max: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter({ max: 1.5, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter({ max: 1, windowMs: 0 })).toThrow(RangeError);
  });

  it('grants up to max immediately and records them synchronously', async () => {
    const limiter = new SlidingWindowLimiter({ max: 3, windowMs: WINDOW });
    const { granted, start } = tracker(limiter);
    for (let i = 0; i < 4; i++) void start(i);
    expect(limiter.inWindow()).toBe(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted.map((g) => g.id)).toEqual([0, 1, 2]);
  });

  it('lets the next waiter in exactly when the oldest request leaves the window', async () => {
    const limiter = new SlidingWindowLimiter({ max: 2, windowMs: WINDOW });
    const { granted, start } = tracker(limiter);
    void start(0);
    await vi.advanceTimersByTimeAsync(10_000);
    void start(1);
    void start(2);
    void start(3);
    await vi.advanceTimersByTimeAsync(WINDOW - 10_000 - 1);
    expect(granted.map((g) => g.id)).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted.map((g) => g.id)).toEqual([0, 1, 2]);
    expect(granted[2]?.at).toBe(1_000_000 + WINDOW);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted.map((g) => g.id)).toEqual([0, 1, 2, 3]);
    expect(granted[3]?.at).toBe(1_000_000 + WINDOW + 10_000);
  });

  it('serves waiters in FIFO order even when a newcomer arrives as a slot frees', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1000 });
    const { granted, start } = tracker(limiter);
    for (let i = 0; i < 5; i++) void start(i);
    await vi.advanceTimersByTimeAsync(1000);
    void start(99); // arrives while 2, 3, 4 still wait
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted.map((g) => g.id)).toEqual([0, 1, 2, 3, 4, 99]);
  });

  it('never allows more than max in any window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 100, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 30 }),
        async (max, windowMs, gaps) => {
          vi.setSystemTime(0);
          const limiter = new SlidingWindowLimiter({ max, windowMs });
          const times: number[] = [];
          const all: Promise<void>[] = [];
          for (const gap of gaps) {
            await vi.advanceTimersByTimeAsync(gap);
            all.push(
              limiter.acquire().then((slot) => {
                slot.done();
                times.push(Date.now());
              }),
            );
          }
          await vi.advanceTimersByTimeAsync(windowMs * (gaps.length + 1));
          await Promise.all(all);
          expect(times).toHaveLength(gaps.length);
          // Any max+1 consecutive grants must span at least a full window.
          for (let i = max; i < times.length; i++) {
            expect((times[i] as number) - (times[i - max] as number)).toBeGreaterThanOrEqual(
              windowMs,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('honours blockUntil for free slots and queued waiters alike', async () => {
    const limiter = new SlidingWindowLimiter({ max: 10, windowMs: WINDOW });
    const { granted, start } = tracker(limiter);
    limiter.blockUntil(Date.now() + 30_000);
    void start(0);
    void start(1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted.map((g) => g.id)).toEqual([0, 1]);
    expect(granted[0]?.at).toBe(1_030_000);
  });

  it('never shortens an existing block', async () => {
    const limiter = new SlidingWindowLimiter({ max: 10, windowMs: WINDOW });
    const { granted, start } = tracker(limiter);
    limiter.blockUntil(Date.now() + 20_000);
    limiter.blockUntil(Date.now() + 5_000);
    limiter.blockUntil(NaN);
    void start(0);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toHaveLength(1);
  });

  it('waits for whichever is later: the block or a free slot', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: WINDOW });
    const { granted, start } = tracker(limiter);
    void start(0);
    limiter.blockUntil(Date.now() + 1000);
    void start(1);
    await vi.advanceTimersByTimeAsync(WINDOW - 1);
    expect(granted.map((g) => g.id)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted.map((g) => g.id)).toEqual([0, 1]);
  });

  it('copes with a block far beyond the maximum timer delay', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1000 });
    const { granted, start } = tracker(limiter);
    const far = Date.now() + 2 ** 31 + 5000;
    limiter.blockUntil(far);
    void start(0);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(granted).toHaveLength(1);
    expect(granted[0]?.at).toBe(far);
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: WINDOW });
    const reason = new Error('cancelled');
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(limiter.inWindow()).toBe(0);
  });

  it('rejects a waiter in the same tick it is aborted and gives its place to the next', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1000 });
    const { granted, start } = tracker(limiter);
    void start(0);
    const controller = new AbortController();
    const aborted = start(1, controller.signal);
    void start(2);
    const reason = new Error('user cancelled');
    controller.abort(reason);
    expect(await aborted).toBe(reason); // settled without advancing the clock
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted.map((g) => g.id)).toEqual([0, 2]);
    expect(limiter.inWindow()).toBe(1);
  });

  it('ignores an abort after the slot was granted', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1000 });
    const controller = new AbortController();
    const acquired = limiter.acquire(controller.signal);
    controller.abort();
    await expect(acquired).resolves.toHaveProperty('done');
    expect(limiter.inWindow()).toBe(1);
  });

  it('clears its timer when the last waiter aborts', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1000 });
    (await limiter.acquire()).done();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal).catch(() => 'aborted');
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    expect(await waiting).toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses an injected clock and timers', async () => {
    let now = 0;
    const timers: { fn: () => void; at: number }[] = [];
    const fakeSet = ((fn: () => void, ms: number) => {
      timers.push({ fn, at: now + ms });
      return timers.length as unknown as ReturnType<typeof setTimeout>;
    }) as unknown as typeof setTimeout;
    const fakeClear = (() => undefined) as unknown as typeof clearTimeout;
    const limiter = new SlidingWindowLimiter({
      max: 1,
      windowMs: 500,
      now: () => now,
      setTimeout: fakeSet,
      clearTimeout: fakeClear,
    });
    (await limiter.acquire()).done();
    let second = false;
    void limiter.acquire().then((slot) => {
      slot.done();
      second = true;
    });
    expect(timers.at(-1)?.at).toBe(500);
    now = 500;
    timers.at(-1)?.fn();
    await Promise.resolve();
    expect(second).toBe(true);
    expect(limiter.inWindow()).toBe(1);
  });

  it('inWindow forgets requests once they slide out', async () => {
    const limiter = new SlidingWindowLimiter({ max: 5, windowMs: 1000 });
    (await limiter.acquire()).done();
    await vi.advanceTimersByTimeAsync(500);
    (await limiter.acquire()).done();
    expect(limiter.inWindow()).toBe(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(limiter.inWindow()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(limiter.inWindow()).toBe(0);
  });

  it('holds a slot until its answer comes back, then counts it for a window from then', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1000 });
    const slot = await limiter.acquire();
    let second = false;
    void limiter.acquire().then(() => (second = true));
    // A slow answer: long past the window since the slot was taken, it still counts.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(second).toBe(false);
    expect(limiter.inWindow()).toBe(1);
    slot.done();
    slot.done(); // twice is once
    // WebRun counted it at most when the answer came: a full window from now.
    await vi.advanceTimersByTimeAsync(999);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(second).toBe(true);
  });

  it('reckons a slot never given back as done after maxHoldMs, so the limit cannot jam', async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1000, maxHoldMs: 10_000 });
    await limiter.acquire(); // taken, and its request never made
    let second = false;
    void limiter.acquire().then(() => (second = true));
    await vi.advanceTimersByTimeAsync(10_999);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(second).toBe(true);
  });
});
