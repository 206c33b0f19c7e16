// The README's promise: the client never sends more than WebRun's limit allows, so it never
// collects a 429 (webrun-api.md §6.4: 10 requests per sliding 60 s window, failed requests
// count). Run here with the same limit on a shorter window, so many windows pass in seconds:
// the desk's limiter and the sandbox's must count the same requests the same way.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskView } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const KEY = 'wr_rate_promise';
const LIMIT = { max: 10, windowMs: 1_000 };
let sandbox: SandboxHandle;
let desk: Desk;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  sandbox = await startSandbox({
    timeScale: 0.002,
    expiryScale: 1,
    rateLimit: LIMIT,
    maxConcurrentSessions: 50,
  });
  desk = await createDesk({
    dbPath: join(t.dir, 'history.db'),
    apiKey: KEY,
    baseUrl: sandbox.url,
    host: 'browser',
    rateLimit: LIMIT,
    runner: { pollIntervalMs: () => 20, healthyPollIntervalMs: 100, concurrency: () => 20 },
  });
});
afterEach(async () => {
  await desk?.close();
  await sandbox.close();
  cleanup();
});

const create = (prompt: string, mode: 'oneshot' | 'session'): Promise<TaskView> =>
  Promise.resolve(
    desk.handlers['tasks.create']({ mode, keepSessionOpen: false, priority: 0, tags: [], prompt }),
  );

describe('the rate limit promise', () => {
  it('40 tasks, one-shot and in sessions, 20 at once: every one completes and no 429 comes back', async () => {
    const tasks = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        create(`Quick ${i} [duration:3s]`, i % 2 === 0 ? 'oneshot' : 'session'),
      ),
    );
    const done = await Promise.all(tasks.map((t) => desk.waitForSettled(t.id)));
    expect(done.map((t) => t.status)).toEqual(done.map(() => 'completed'));
    expect(sandbox.submittedTasks(KEY)).toBe(40);
    expect(sandbox.rateLimited(KEY)).toBe(0);
  }, 60_000);
});
