// Each step of a task's life is one write, and what the step does in memory waits for it:
// a step the store refuses leaves the task where the database says it is (slot held, nobody
// told otherwise) and is tried again; the remote ids of an answer are kept even then; a burst
// of socket events is written together, in arrival order.
import { describe, expect, it, vi } from 'vitest';
import type { ChannelFactory } from '../../src-main/core/runner/session-links';
import type { SocketEvent } from '../../src-main/core/webrun/socket-events';
import {
  changes,
  details,
  flush,
  makeRunner,
  outcome,
  scriptedClient,
  sessions,
  store,
  submit,
  usage,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

/** A write refused once, as by a database another process holds (a spy then calls through). */
const busy = (): never => {
  throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
};

describe('one step, one write', () => {
  it('an end the store refuses leaves the task running, its slot held and unannounced, and is written on the next poll', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.pollWith(async () => outcome({ state: 'completed', message: 'done', usage: usage(0.02) }));
    // The last write of the end (its guardrail's close) meets a busy database once.
    vi.spyOn(details, 'closeGuardrail').mockImplementationOnce(busy);
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    await vi.advanceTimersByTimeAsync(3_000); // the first poll: its end is refused
    expect(store.get(task.id)!.status).toBe('running');
    expect(r.isActive(task.id)).toBe(true);
    expect(changes.some((t) => t.id === task.id && t.status === 'completed')).toBe(false);
    await vi.advanceTimersByTimeAsync(30_000); // polled again: written this time
    expect(store.get(task.id)).toMatchObject({ status: 'completed', resultMessage: 'done' });
    expect(r.isActive(task.id)).toBe(false);
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
  });

  it("ends a one-shot task's session in the task's own end write, not in a commit after it", async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.pollWith(async () => outcome({ state: 'completed', message: 'done', usage: usage(0.02) }));
    // The session's end meets a busy database once: the task's end goes back with it.
    const end = vi.spyOn(sessions, 'end').mockImplementationOnce(busy);
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    expect(sessions.get('s1')!.status).toBe('open');
    await vi.advanceTimersByTimeAsync(3_000); // the first poll: its end is refused
    expect(store.get(task.id)!.status).toBe('running');
    expect(sessions.get('s1')!.status).toBe('open');
    expect(r.isActive(task.id)).toBe(true);
    await vi.advanceTimersByTimeAsync(30_000); // polled again: both written this time
    expect(store.get(task.id)!.status).toBe('completed');
    expect(sessions.get('s1')).toMatchObject({
      status: 'ended',
      endReason: 'terminateOnCompletion',
    });
    expect(end).toHaveBeenCalledTimes(2); // the refused write and the one that held
    expect(r.isActive(task.id)).toBe(false);
  });

  it("writes an answer's short network list in the answer's own write", async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    const network = [1, 2, 3].map((i) => ({ url: `https://example.com/p${i}`, timestamp: i }));
    s.pollWith(async () => outcome({ state: 'completed', message: 'done', network }));
    vi.spyOn(details, 'addNetwork').mockImplementationOnce(busy);
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    await vi.advanceTimersByTimeAsync(3_000); // its list refused: so is the end it came with
    expect(store.get(task.id)!.status).toBe('running');
    expect(details.networkCount(task.id)).toBe(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(store.get(task.id)!.status).toBe('completed');
    expect(store.networkTotal(task.id)).toBe(3);
    expect(details.network(task.id).map((n) => n.url)).toEqual(network.map((n) => n.url));
  });

  it("keeps an answer's remote ids even when the rest of its step is refused", async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'pending', sessionId: 's1', taskId: 't1', usage: usage(0.01) }),
    );
    s.pollWith(async () => outcome({ state: 'running' }));
    vi.spyOn(details, 'addUsageSample').mockImplementationOnce(busy);
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    expect(store.get(task.id)).toMatchObject({ sessionId: 's1', remoteTaskId: 't1' });
    expect(s.client.runTask).toHaveBeenCalledTimes(1);
  });

  it('writes a burst of socket events in one transaction, each once and in order', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    s.pollWith(async () => outcome({ state: 'running' }));
    let emit: (e: SocketEvent) => void = () => {};
    const factory: ChannelFactory = () => ({
      connect: () => {},
      close: () => {},
      on: (l) => ((emit = l), () => {}),
      onState: () => () => {},
    });
    const r = makeRunner(s.client, { useSockets: true, channelFactory: factory });
    const task = submit(r);
    await flush();
    const told = () =>
      store
        .events(task.id)
        .filter((e) => e.kind === 'remote')
        .map((e) => (e.payload as { event?: { content?: string } }).event?.content)
        .filter(Boolean);
    const transaction = vi.spyOn(store, 'transaction');
    const steps = ['Opening the site', 'Typing the query', 'Reading results'];
    for (const content of steps) emit({ kind: 'agent', content });
    await flush();
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(told()).toEqual(steps);
    emit({ kind: 'agent', content: 'Reading results' }); // the same event again
    await flush();
    expect(told()).toEqual(steps);
    expect(store.get(task.id)!.lastActivity).toBe('Reading results');
  });
});
