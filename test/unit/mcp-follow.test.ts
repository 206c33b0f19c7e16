// Following an assistant's task while the agent waits for the person: the call keeps saying so
// through progress notifications, so a client that resets its request timeout on progress
// (the SDK's Client with resetTimeoutOnProgress) does not give up after its 60 s.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskEvent, TaskView } from '../../src-main/contract/index';
import type { Desk } from '../../src-main/core/desk';
import { followTask } from '../../src-main/mcp/follow-task';
import { taskView } from '../helpers/task-view';

function fakeDesk(initial: TaskView) {
  let task = initial;
  const listeners = new Set<(event: DeskEvent) => void>();
  const desk = {
    handlers: { 'tasks.get': () => task },
    subscribe: (listener: (event: DeskEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as Desk;
  const change = (over: Partial<TaskView>): void => {
    task = { ...task, ...over };
    for (const listener of listeners) listener({ name: 'task.updated', payload: task });
  };
  return { desk, change };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('followTask', () => {
  it('repeats the waiting line while the question waits, and stops once it is answered', async () => {
    const { desk, change } = fakeDesk(
      taskView({ id: 't', status: 'needs_input', question: 'Which account?' }),
    );
    const lines: string[] = [];
    const outcome = followTask(desk, 't', {
      answerTimeoutMs: 600_000,
      onProgress: (line) => lines.push(line),
      keepAliveMs: 10_000,
    });
    expect(lines).toEqual(['waiting for the person in WebRun Desk · cost so far unknown']);
    await vi.advanceTimersByTimeAsync(35_000);
    expect(lines).toHaveLength(4);
    expect(new Set(lines)).toEqual(
      new Set(['waiting for the person in WebRun Desk · cost so far unknown']),
    );
    change({ status: 'running' });
    const afterAnswer = lines.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lines).toHaveLength(afterAnswer);
    change({ status: 'completed' });
    expect((await outcome).kind).toBe('ended');
    await vi.advanceTimersByTimeAsync(60_000);
    // The end is the call's answer: no progress line says it just before (see follow-task.ts).
    expect(lines.at(-1)).toMatch(/^running/);
    expect(lines.some((line) => line.startsWith('completed'))).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
