// Issue 22's two session races, found by a WebRun server written from the documentation:
// - a follow-up's completion can arrive on the socket before newTask's HTTP answer gives the
//   task its ids; the poll that news asks for must then happen once the ids are known, not at
//   the next timed poll (about a minute later with a healthy socket);
// - stopping a running task keeps what it cost: the stop's answer, or one last poll, carries it.
import { describe, expect, it } from 'vitest';
import type { SocketEvent } from '../../src-main/core/webrun/socket-events';
import type { TaskOutcome } from '../../src-main/core/webrun/types';
import type { ChannelFactory } from '../../src-main/core/runner/session-links';
import {
  flush,
  makeRunner,
  outcome,
  scriptedClient,
  store,
  submit,
  usage,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

function socketChannels() {
  const emitters: ((e: SocketEvent) => void)[] = [];
  const states: ((state: string, info: { recovered: boolean }) => void)[] = [];
  const factory: ChannelFactory = () => {
    let onEvent: (e: SocketEvent) => void = () => {};
    emitters.push((e) => onEvent(e));
    return {
      connect: () => {},
      close: () => {},
      on: (l) => ((onEvent = l), () => {}),
      onState: (l) => (states.push(l as (typeof states)[number]), () => {}),
    };
  };
  return {
    factory,
    emit: (e: SocketEvent) => emitters[0]!(e),
    connect: () => states[0]!('connected', { recovered: false }),
  };
}

describe('session races', () => {
  it("polls a follow-up at once when its completion arrived on the socket before newTask's answer", async () => {
    const s = scriptedClient();
    const socket = socketChannels();
    const r = makeRunner(s.client, { useSockets: true, channelFactory: socket.factory });
    // A first task opens the session (kept open) and attaches its socket.
    s.onSubmit(async () =>
      outcome({ state: 'completed', sessionId: 'sess-new', taskId: 't1', message: 'first' }),
    );
    const first = submit(r, { mode: 'session', keepSessionOpen: true });
    await flush();
    expect(store.get(first.id)!.status).toBe('completed');
    socket.connect();
    let answer: (o: TaskOutcome) => void = () => {};
    s.onSubmit(() => new Promise<TaskOutcome>((resolve) => (answer = resolve)));
    const followUp = submit(r, { mode: 'session', sessionId: 'sess-new', prompt: 'next' });
    await flush();
    expect(s.client.newTask).toHaveBeenCalledTimes(2);
    // WebRun finished the follow-up before its HTTP answer came back.
    socket.emit({
      kind: 'task_completed',
      outcome: outcome({ state: 'completed' }),
    } as SocketEvent);
    await flush();
    const pollsBefore = s.client.pollTask.mock.calls.length;
    s.onPoll(async () =>
      outcome({ state: 'completed', message: 'second done', usage: usage(0.02) }),
    );
    answer(outcome({ state: 'pending', sessionId: 'sess-new', taskId: 't2' }));
    await flush();
    expect(s.client.pollTask.mock.calls.length).toBe(pollsBefore + 1);
    expect(store.get(followUp.id)).toMatchObject({
      status: 'completed',
      resultMessage: 'second done',
    });
  });

  it("keeps the cost the stop's answer carries", async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    const r = makeRunner(s.client);
    const task = submit(r, { mode: 'session', keepSessionOpen: true });
    await flush();
    s.client.setState.mockImplementationOnce(async () => ({ usage: usage(0.0342) }) as never);
    await r.controls.userStop(task.id);
    expect(store.get(task.id)).toMatchObject({
      status: 'stopped',
      usage: { cost: 0.0342 },
      costSource: 'reported',
    });
  });

  it('reads the cost with one last poll when the stop answers without it, and keeps a known one', async () => {
    const s = scriptedClient();
    s.onSubmit(async () => outcome({ state: 'pending', sessionId: 's1', taskId: 't1' }));
    const r = makeRunner(s.client);
    const task = submit(r, { mode: 'session', keepSessionOpen: true });
    await flush();
    s.onPoll(async () => outcome({ state: 'running', usage: usage(0.051) }));
    const polls = s.client.pollTask.mock.calls.length;
    await r.controls.userStop(task.id);
    expect(s.client.pollTask.mock.calls.length).toBe(polls + 1);
    expect(store.get(task.id)).toMatchObject({ status: 'stopped', usage: { cost: 0.051 } });
  });
});
