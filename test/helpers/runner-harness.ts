// Shared set-up for the Runner unit tests: a scripted WebRun client, a real SQLite store
// in a temp dir, and a fake clock.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, vi } from 'vitest';
import { Runner, type RunnerClient, type RunnerOptions } from '../../src-main/core/runner/runner';
import { SessionStore } from '../../src-main/core/sessions/session-store';
import { TaskDetailsStore } from '../../src-main/core/tasks/task-details-store';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore, type NewTask, type StoredTask } from '../../src-main/core/tasks/task-store';
import { unrecognised } from '../../src-main/core/webrun/normalise';
import type { TaskOutcome } from '../../src-main/core/webrun/types';
import { tempDir } from './temp';

export const outcome = (o: Partial<TaskOutcome>): TaskOutcome => ({
  ...unrecognised('{}'),
  ...o,
});
/** A running task as the pure policies read it (outcome-plan, error-policy): only their fields. */
export const policyTask = (over: Partial<StoredTask> = {}): StoredTask =>
  ({
    id: 'a',
    status: 'running',
    sessionId: 's',
    remoteTaskId: 't',
    pollUrl: null,
    startedAt: 0,
    costCap: null,
    usage: null,
    costSource: null,
    ...over,
  }) as StoredTask;
/** The shared scripted outcome, reporting a running task unless told otherwise. */
export const runningOutcome = (o: Partial<TaskOutcome>): TaskOutcome =>
  outcome({ state: 'running', ...o });
export const usage = (cost: number | null) => ({
  prompt_tokens: 1000,
  completion_tokens: 200,
  total_tokens: 1200,
  completion_time: 3,
  cost,
});

/**
 * A WebRun client whose answers the test scripts, one per call; once the scripted polls are
 * used up, every poll gets `pollWith`'s answer (by default none: the poll hangs).
 */
export function scriptedClient() {
  const submits: (() => Promise<TaskOutcome>)[] = [];
  const polls: (() => Promise<TaskOutcome>)[] = [];
  const never = () => new Promise<TaskOutcome>(() => {});
  let pollAfter: () => Promise<TaskOutcome> = never;
  const client = {
    runTask: vi.fn(() => (submits.shift() ?? never)()),
    newTask: vi.fn(() => (submits.shift() ?? never)()),
    pollTask: vi.fn(() => (polls.shift() ?? pollAfter)()),
    startSession: vi.fn(async () => ({
      sessionId: 'sess-new',
      socketUrl: 'http://w',
      webViewUrl: 'http://w/live/sess-new',
      webRtcUrl: null,
      dimensions: null,
      expiresIn: null,
      balance: null,
      taskId: null,
      initial: null,
      raw: '{}',
    })),
    setState: vi.fn(async () => {}),
    interact: vi.fn(async () => {}),
    answerGuardrail: vi.fn(async () => {}),
  };
  return {
    client: client as unknown as RunnerClient & typeof client,
    onSubmit: (f: () => Promise<TaskOutcome>) => submits.push(f),
    onPoll: (f: () => Promise<TaskOutcome>) => polls.push(f),
    pollWith: (f: () => Promise<TaskOutcome>) => (pollAfter = f),
  };
}

let cleanup: () => void;
export let store: TaskStore;
export let details: TaskDetailsStore;
export let sessions: SessionStore;
/** The database under the stores, for tests that build more of the core on it. */
export let db: ReturnType<typeof openStore>['db'];

/** What a second connection to the history sees, as committed: as another process (or the next
 * start after a crash) would read it. */
export function fromOtherConnection<T>(read: (other: Database.Database) => T): T {
  const other = new Database(db.name, { readonly: true });
  try {
    return read(other);
  } finally {
    other.close();
  }
}
let closeDb: () => void;
let runner: Runner | null = null;
export const changes: StoredTask[] = [];

/** Registers the per-test store, fake clock and runner teardown in the calling test file. */
export function useRunnerHarness(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    const t = tempDir();
    const opened = openStore(join(t.dir, 'h.db'));
    store = new TaskStore(opened.db, () => Date.now());
    details = new TaskDetailsStore(opened.db);
    sessions = new SessionStore(opened.db, 'this-run');
    db = opened.db;
    closeDb = () => opened.db.close();
    cleanup = t.cleanup;
    changes.length = 0;
  });
  afterEach(() => {
    runner?.close();
    runner = null;
    closeDb();
    cleanup();
    vi.useRealTimers();
  });
}

export function makeRunner(client: RunnerClient, extra: Partial<RunnerOptions> = {}): Runner {
  runner = new Runner({
    store,
    details,
    sessions,
    client,
    baseUrl: 'http://w',
    useSockets: false,
    onTaskChanged: (t) => changes.push(t),
    random: () => 0.5,
    // The fake clock holds setImmediate too; a socket burst is handled a microtask later here.
    afterBurst: queueMicrotask,
    ...extra,
  });
  return runner;
}

let seq = 0;
export function submit(r: Runner, extra: Partial<NewTask> = {}): StoredTask {
  const task = store.create({
    id: `task-${++seq}`,
    prompt: 'x',
    startingUrl: null,
    createdAt: Date.now(),
    ...extra,
  });
  r.enqueue(task);
  return task;
}

export const flush = () => vi.advanceTimersByTimeAsync(0);
