// The reporter behind a waiting call's progress: it repeats its last line while nothing
// changes (so a client that resets its timeout on progress keeps waiting), and after close()
// it has sent every line it was given and sends nothing more (no notification may follow a
// response).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReporter, HEARTBEAT_MS, QUIET_BEFORE_ANSWER_MS } from '../../src-main/mcp/progress';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('progress reporter', () => {
  it('repeats the last line every heartbeat while nothing else is said, numbering each', async () => {
    const sent: [string, number][] = [];
    const reporter = createReporter({
      send: async (message, progress) => void sent.push([message, progress]),
    });
    reporter.say('running');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 2 + 1);
    expect(sent).toEqual([
      ['running', 1],
      ['running', 2],
      ['running', 3],
    ]);
    const closing = reporter.close();
    await vi.advanceTimersByTimeAsync(QUIET_BEFORE_ANSWER_MS);
    await closing;
  });

  it('waits a full period after a new line before repeating it', async () => {
    const sent: string[] = [];
    const reporter = createReporter({ send: async (message) => void sent.push(message) });
    reporter.say('queued');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS - 1);
    reporter.say('running');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS - 1);
    expect(sent).toEqual(['queued', 'running']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['queued', 'running', 'running']);
    const closing = reporter.close();
    await vi.advanceTimersByTimeAsync(QUIET_BEFORE_ANSWER_MS);
    await closing;
  });

  it('resolves close() only once every line has been sent, and says nothing after it', async () => {
    const sent: string[] = [];
    let release: () => void = () => {};
    const reporter = createReporter({
      send: (message) =>
        new Promise<void>((resolve) => {
          release = () => {
            sent.push(message);
            resolve();
          };
        }),
    });
    reporter.say('completed');
    let closed = false;
    const closing = reporter.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    release();
    await vi.advanceTimersByTimeAsync(QUIET_BEFORE_ANSWER_MS);
    await closing;
    expect(sent).toEqual(['completed']);
    reporter.say('late line');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    expect(sent).toEqual(['completed']);
  });

  it('keeps going after a send fails (the client may be gone), and never repeats with heartbeat 0', async () => {
    const sent: string[] = [];
    let fail = true;
    const reporter = createReporter({
      send: async (message) => {
        if (fail) {
          fail = false;
          throw new Error('pipe closed');
        }
        sent.push(message);
      },
      heartbeatMs: 0,
    });
    reporter.say('one');
    reporter.say('two');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    const closing = reporter.close();
    await vi.advanceTimersByTimeAsync(QUIET_BEFORE_ANSWER_MS);
    await closing;
    expect(sent).toEqual(['two']);
  });

  it('keeps a quiet moment between the last line and the answer (the SDK Client handles notifications a tick after responses)', async () => {
    const sent: string[] = [];
    const reporter = createReporter({ send: async (message) => void sent.push(message) });
    reporter.say('running · latest step: reading the table');
    await vi.advanceTimersByTimeAsync(0);
    let closed = false;
    const closing = reporter.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(QUIET_BEFORE_ANSWER_MS - 1);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(closed).toBe(true);
  });

  it('answers at once when nothing was said, or when the client polls (quietMs 0)', async () => {
    const silent = createReporter({ send: async () => {} });
    await silent.close(); // no timer to advance: resolves by itself
    const polled = createReporter({ send: async () => {}, heartbeatMs: 0, quietMs: 0 });
    polled.say('working');
    await vi.advanceTimersByTimeAsync(0);
    await polled.close();
  });
});
