// The three promises of a task's life, each pinned by a case that broke them before:
// it never pays twice, every task ends, and failures keep their facts. The runner runs on
// a fake clock against a scripted client and the real store on a temp file.
import { describe, expect, it, vi } from 'vitest';
import type { Runner, RunnerClient, RunnerOptions } from '../../src-main/core/runner/runner';
import type { NewTask, StoredTask } from '../../src-main/core/tasks/task-store';
import { WebRunError } from '../../src-main/core/webrun/errors';
import type { SocketEvent } from '../../src-main/core/webrun/socket-events';
import type { ChannelFactory } from '../../src-main/core/runner/session-links';
import {
  makeRunner,
  outcome,
  scriptedClient as scripted,
  store,
  submit,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();
let runner: Runner | null = null;

function start(
  client: RunnerClient,
  task: Partial<NewTask> = {},
  extra: Partial<RunnerOptions> = {},
): StoredTask {
  runner = makeRunner(client, extra);
  return submit(runner, { id: 'task-1', ...task });
}

const later = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('answered means never resent', () => {
  it('a store error while applying an accepted answer never leads to a second submission', async () => {
    const s = scripted();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 's2', taskId: 't2', message: 'paid twice' }),
    );
    const update = store.update.bind(store);
    let failures = 1;
    vi.spyOn(store, 'update').mockImplementation((id, patch, event) => {
      // The first write after WebRun's answer (the remote ids) meets a busy database.
      if (patch.remoteTaskId && failures-- > 0)
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return update(id, patch, event);
    });
    const task = start(s.client);
    await later(10 * 60_000);
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
    expect(store.get(task.id)!.status).toBe('unknown');
  });
});

describe('ambiguous failures are unknown, not retried', () => {
  for (const status of [500, 502, 504]) {
    it(`a bare ${status} to run-task leaves the task unknown and sends it once`, async () => {
      const s = scripted();
      s.onSubmit(async () => {
        throw new WebRunError({ kind: 'server', status, message: `HTTP ${status}` });
      });
      s.onSubmit(async () =>
        outcome({ state: 'completed', sessionId: 's', taskId: 't', message: 'paid twice' }),
      );
      const task = start(s.client);
      await later(10 * 60_000);
      expect(s.client.runTask).toHaveBeenCalledTimes(1);
      expect(store.get(task.id)).toMatchObject({
        status: 'unknown',
        error: { code: 'OUTCOME_UNKNOWN' },
      });
    });
  }

  it('a 503 "No available instances" is retried after a jittered backoff, then runs', async () => {
    const s = scripted();
    s.onSubmit(async () => {
      throw new WebRunError({
        kind: 'unavailable',
        status: 503,
        message: 'No available instances.',
        answered: true,
      });
    });
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 's', taskId: 't', message: 'ok' }),
    );
    const task = start(s.client);
    await later(0);
    expect(store.get(task.id)!.status).toBe('queued');
    await later(60_000);
    expect(s.client.runTask).toHaveBeenCalledTimes(2);
    expect(store.get(task.id)!.status).toBe('completed');
  });
});

describe('every task ends', () => {
  it('a task WebRun reports running forever becomes unknown at maxDuration plus the grace, with a reason', async () => {
    const s = scripted();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.pollWith(async () => outcome({ state: 'running', sessionId: 's', taskId: 't' }));
    const task = start(
      s.client,
      { options: { maxDuration: 60_000 } as NewTask['options'] },
      { deadlineGraceMs: 30_000 },
    );
    await later(89_000);
    expect(store.get(task.id)!.status).toBe('running');
    await later(2_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'unknown',
      error: { code: 'DEADLINE_PASSED' },
    });
    expect(runner!.activeCount()).toBe(0);
    const polls = s.client.pollTask.mock.calls.length;
    await later(10 * 60_000);
    expect(s.client.pollTask.mock.calls.length).toBe(polls);
  });

  it('keeps its deadline across a restart: the restarted core does not start the clock again', async () => {
    const s = scripted();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.pollWith(async () => outcome({ state: 'running', sessionId: 's', taskId: 't' }));
    const options = { options: { maxDuration: 60_000 } as NewTask['options'] };
    const task = start(s.client, options, { deadlineGraceMs: 30_000 });
    await later(50_000);
    runner!.close();
    // The core starts again on the same history and follows the running task.
    runner = makeRunner(s.client, { deadlineGraceMs: 30_000 });
    runner.recover();
    await later(39_000);
    expect(store.get(task.id)!.status).toBe('running');
    await later(2_000); // 91 s after the start, as without the restart (not 50 + 90 s)
    expect(store.get(task.id)).toMatchObject({
      status: 'unknown',
      error: { code: 'DEADLINE_PASSED' },
    });
  });

  it('a task that names no maxDuration gets 300 s plus the grace', async () => {
    const s = scripted();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.pollWith(async () => {
      throw new WebRunError({ kind: 'server', status: 500, message: 'HTTP 500' });
    });
    const task = start(s.client, {}, { deadlineGraceMs: 60_000 });
    await later(359_000);
    expect(store.get(task.id)!.status).toBe('running');
    await later(2_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'unknown',
      error: { code: 'DEADLINE_PASSED' },
    });
  });

  it('poll errors back off with jitter up to the cap', async () => {
    const s = scripted();
    const at: number[] = [];
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
    s.pollWith(async () => {
      at.push(Date.now());
      throw new WebRunError({ kind: 'server', status: 502, message: 'HTTP 502' });
    });
    start(s.client, {}, { backoff: { baseMs: 1_000, capMs: 20_000 }, random: () => 0.99 });
    await later(300_000);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(20_000);
    expect(gaps.slice(-3).every((g) => g >= 19_000)).toBe(true); // it did grow to the cap
  });

  for (const [status, kind, message] of [
    [400, 'bad_request', 'Invalid task id'],
    [402, 'balance', 'Insufficient balance.'],
    [403, 'forbidden', 'Account deactivated'],
  ] as const) {
    it(`a ${status} on a poll fails the task with its message`, async () => {
      const s = scripted();
      s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's', taskId: 't' }));
      s.pollWith(async () => {
        throw new WebRunError({ kind, status, message });
      });
      const task = start(s.client);
      await later(10_000);
      expect(store.get(task.id)).toMatchObject({ status: 'failed', error: { message } });
      expect(runner!.activeCount()).toBe(0);
    });
  }

  it('a running answer without ids, and none known, makes the task unknown at once and frees its slot', async () => {
    const s = scripted();
    s.onSubmit(async () => outcome({ state: 'running' }));
    const task = start(s.client);
    await later(0);
    expect(store.get(task.id)!.status).toBe('unknown');
    expect(runner!.activeCount()).toBe(0);
  });

  it('a pending answer without ids uses the poll URL already known', async () => {
    const s = scripted();
    s.onSubmit(async () => outcome({ state: 'pending', pollUrl: 'http://w/task/s/t' }));
    let polls = 0;
    s.pollWith(async () =>
      ++polls < 2
        ? outcome({ state: 'running' })
        : outcome({ state: 'completed', message: 'done' }),
    );
    const task = start(s.client);
    await later(10_000);
    expect(store.get(task.id)).toMatchObject({ status: 'completed', resultMessage: 'done' });
  });
});

describe('failures keep their facts', () => {
  it("a 500 in WebRun's own error format fails the task with that message, sent once", async () => {
    const s = scripted();
    s.onSubmit(async () => {
      throw new WebRunError({
        kind: 'server',
        status: 500,
        message: 'Prompt rejected by policy',
        answered: true,
      });
    });
    const task = start(s.client);
    await later(10 * 60_000);
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
    expect(store.get(task.id)).toMatchObject({
      status: 'failed',
      error: { message: 'Prompt rejected by policy' },
    });
  });
});

describe('a healthy socket saves the polls it makes useless', () => {
  /** One fake socket per session, driven by the test. */
  function fakeSockets() {
    const channels = new Map<
      string,
      {
        emit: (e: SocketEvent) => void;
        state: (s: 'connected' | 'reconnecting' | 'closed') => void;
      }
    >();
    const factory: ChannelFactory = (_url, sessionId) => {
      const events: ((e: SocketEvent) => void)[] = [];
      const states: ((
        s: 'connected' | 'reconnecting' | 'closed',
        info: { recovered: boolean },
      ) => void)[] = [];
      channels.set(sessionId, {
        emit: (e) => events.forEach((f) => f(e)),
        state: (s) => states.forEach((f) => f(s, { recovered: true })),
      });
      return {
        connect: () => {},
        close: () => {},
        on: (f: (e: SocketEvent) => void) => (events.push(f), () => {}),
        onState: (f: (typeof states)[number]) => (states.push(f), () => {}),
      } as unknown as ReturnType<ChannelFactory>;
    };
    return { channels, factory };
  }

  it('a 90 s task whose socket stays connected and announces the end costs one confirming poll', async () => {
    const s = scripted();
    const sockets = fakeSockets();
    // run-task holds 50 s, then answers pending; the task ends 40 s later.
    s.onSubmit(
      () =>
        new Promise((resolve) =>
          setTimeout(
            () => resolve(outcome({ state: 'pending', sessionId: 's1', taskId: 't1' })),
            50_000,
          ),
        ),
    );
    s.pollWith(async () => outcome({ state: 'completed', message: 'done' }));
    const task = start(s.client, {}, { useSockets: true, channelFactory: sockets.factory });
    await later(50_000);
    sockets.channels.get('s1')!.state('connected');
    for (let t = 0; t < 40; t += 10) {
      await later(10_000);
      sockets.channels.get('s1')!.emit({ kind: 'agent', content: `step ${t}` });
    }
    expect(s.client.pollTask).not.toHaveBeenCalled();
    sockets.channels
      .get('s1')!
      .emit({ kind: 'task_completed', outcome: outcome({ state: 'completed', message: 'done' }) });
    await later(0);
    expect(s.client.pollTask).toHaveBeenCalledTimes(1);
    expect(store.get(task.id)).toMatchObject({ status: 'completed', resultMessage: 'done' });
  });

  // Bug: a socket refused before it ever connected (WebRun: "Invalid sessionId: session not
  // found or expired", as when the task ended just after run-task answered pending) changed no
  // health the follower was told of, so the task waited for its next timed poll to be seen done.
  it('a socket refused before it ever connects polls at once', async () => {
    const s = scripted();
    const sockets = fakeSockets();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.pollWith(async () => outcome({ state: 'completed', message: 'done' }));
    const task = start(
      s.client,
      {},
      { useSockets: true, channelFactory: sockets.factory, pollIntervalMs: () => 60_000 },
    );
    await later(0);
    expect(s.client.pollTask).not.toHaveBeenCalled();
    sockets.channels.get('s1')!.state('closed');
    await later(0);
    expect(s.client.pollTask).toHaveBeenCalledTimes(1);
    expect(store.get(task.id)).toMatchObject({ status: 'completed', resultMessage: 'done' });
  });

  it('a socket that is connected but silent still gets a timed poll, and a drop polls at once', async () => {
    const s = scripted();
    const sockets = fakeSockets();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.pollWith(async () => outcome({ state: 'running' }));
    start(
      s.client,
      {},
      { useSockets: true, channelFactory: sockets.factory, healthyPollIntervalMs: 60_000 },
    );
    await later(0);
    sockets.channels.get('s1')!.state('connected');
    await later(59_000);
    expect(s.client.pollTask).not.toHaveBeenCalled();
    await later(1_000);
    expect(s.client.pollTask).toHaveBeenCalledTimes(1);
    sockets.channels.get('s1')!.state('reconnecting');
    await later(0);
    expect(s.client.pollTask).toHaveBeenCalledTimes(2);
  });
});
