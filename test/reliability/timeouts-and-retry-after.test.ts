// Faults whose timing the chaos batch cannot afford or cannot pin down:
// - a hang past the client's timeout on submission. createDesk takes no client timeouts (the
//   submit timeout is a fixed 70 s), so the runner is assembled here exactly as desk.ts does,
//   around a WebRunClient with short timeouts;
// - a poll told to wait by Retry-After, then nudged by socket news before the wait is over.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { Runner } from '../../src-main/core/runner/runner';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { openStore, type OpenedStore } from '../../src-main/core/store/open-store';
import { SessionStore } from '../../src-main/core/sessions/session-store';
import { TaskDetailsStore } from '../../src-main/core/tasks/task-details-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { tempDir } from '../helpers/temp';
import { recordWire, type WireEntry } from './support';

const KEY = 'wr_timeouts_key';
let sandbox: SandboxHandle;
const t = tempDir('webrun-timeouts-');

beforeAll(async () => {
  sandbox = await startSandbox({
    timeScale: 0.004,
    faults: true,
    rateLimit: null,
    maxConcurrentSessions: 50,
  });
});
afterAll(async () => {
  await sandbox.close();
  t.cleanup();
});

describe('a request that hangs past the client timeout', () => {
  let opened: OpenedStore;
  let runner: Runner;
  afterEach(() => {
    runner?.close();
    opened?.db.close();
  });

  function assemble(name: string): TaskStore {
    opened = openStore(join(t.dir, `${name}.db`));
    const store = new TaskStore(opened.db);
    const client = new WebRunClient({
      baseUrl: sandbox.url,
      apiKey: KEY,
      timeouts: { submitMs: 600, pollMs: 400, otherMs: 600 },
    });
    runner = new Runner({
      store,
      details: new TaskDetailsStore(opened.db),
      sessions: new SessionStore(opened.db, name),
      client,
      baseUrl: sandbox.url,
      onTaskChanged: () => {},
      pollIntervalMs: () => 30,
      backoff: { baseMs: 20, capMs: 100 },
    });
    return store;
  }

  async function settle(store: TaskStore, id: string): Promise<ReturnType<TaskStore['get']>> {
    await expect
      .poll(() => store.get(id)?.status, { timeout: 10_000, interval: 20 })
      .toMatch(/completed|failed|stopped|unknown/);
    return store.get(id);
  }

  it('makes a hung submission unknown, with the reason, and never sends it again', async () => {
    const store = assemble('hung-submit');
    const before = sandbox.submittedTasks(KEY);
    sandbox.faults!.inject('POST /start/run-task', { type: 'hang', when: 'after' });
    runner.enqueue(
      store.create({
        id: 'hung',
        prompt: 'Buy the concert ticket',
        startingUrl: null,
        createdAt: Date.now(),
      }),
    );
    const task = await settle(store, 'hung');
    expect(task).toMatchObject({
      status: 'unknown',
      error: {
        code: 'OUTCOME_UNKNOWN',
        message: expect.stringMatching(
          /No answer from WebRun to POST \/start\/run-task within 1 s\..*may or may not/,
        ),
      },
    });
    // A barrier instead of a sleep: a resend would go first (a requeued task goes to the head
    // of its priority), so once a task queued after it has been sent and settled, none came.
    runner.enqueue(
      store.create({
        id: 'after',
        prompt: 'Check the weather',
        startingUrl: null,
        createdAt: Date.now(),
      }),
    );
    expect((await settle(store, 'after'))?.status).toBe('completed');
    expect(sandbox.submittedTasks(KEY)).toBe(before + 2); // the hung one, once; then the barrier
  });

  it('keeps following a task whose poll hangs, and finishes it', async () => {
    const store = assemble('hung-poll');
    sandbox.faults!.inject('GET /task/:sessionId/:taskId', { type: 'hang', when: 'before' });
    runner.enqueue(
      store.create({
        id: 'slow',
        prompt: 'Compare prices [duration:150s]',
        startingUrl: null,
        createdAt: Date.now(),
      }),
    );
    const task = await settle(store, 'slow');
    expect(task?.status).toBe('completed');
    expect(
      store
        .events('slow')
        .some((e) => e.kind === 'error' && JSON.stringify(e.payload).includes('"timeout"')),
    ).toBe(true);
  });
});

describe('a poll told to wait by Retry-After', () => {
  let desk: Desk;
  let wire: { log: WireEntry[]; restore(): void };
  afterEach(async () => {
    await desk?.close();
    wire?.restore();
  });

  it('does not poll again before the wait is over, even when socket news arrives', async () => {
    wire = recordWire();
    desk = await createDesk({
      dbPath: join(t.dir, 'poll-wait.db'),
      apiKey: KEY,
      baseUrl: sandbox.url,
      host: 'browser',
      rateLimit: null,
      runner: { pollIntervalMs: () => 40 },
    });
    const created = await desk.handlers['tasks.create']({
      prompt: 'Watch the auction [duration:600s]',
      mode: 'oneshot',
      keepSessionOpen: false,
      priority: 0,
      tags: [],
    });
    await expect
      .poll(() => desk.runner.store.get(created.id)?.status, { timeout: 60_000, interval: 10 })
      .toBe('running');
    sandbox.faults!.inject('GET /task/:sessionId/:taskId', {
      type: 'status',
      status: 503,
      retryAfter: '1',
    });
    await expect
      .poll(() => wire.log.find((e) => e.status === 503), { timeout: 60_000, interval: 5 })
      .toBeTruthy();
    const told = wire.log.find((e) => e.status === 503)!;
    desk.runner.pollNow(created.id); // what a state-changing socket event does
    // Wait for the next poll itself (an event, not a sleep), then check when it went.
    await expect
      .poll(() => wire.log.find((e) => e.path === told.path && e.sentAt > told.answeredAt!), {
        timeout: 60_000,
        interval: 5,
      })
      .toBeTruthy();
    const next = wire.log.find((e) => e.path === told.path && e.sentAt > told.answeredAt!)!;
    expect(next.sentAt - told.answeredAt!).toBeGreaterThanOrEqual(1_000);
  });
});
