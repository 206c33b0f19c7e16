// The undo of a cancel: a task cancelled before it was sent goes back to its old place in the
// queue and runs like any other; a task WebRun has seen (and billed) cannot be put back.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../src-main/contract/dispatch';
import type {
  DeskEvent,
  MethodInput,
  MethodName,
  MethodOutput,
  TaskView,
} from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { tempDir } from '../helpers/temp';

let desk: Desk;
const t = tempDir('webrun-restore-');

beforeAll(async () => {
  desk = await createDesk({
    dbPath: join(t.dir, 'history.db'),
    host: 'browser',
    sandbox: { timeScale: 0.05, rateLimit: null },
    rateLimit: null,
  });
});
afterAll(async () => {
  await desk.close();
  t.cleanup();
});

async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const envelope = await dispatch(desk.handlers, method, input);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as MethodOutput<M>;
}

function until(id: string, ready: (task: TaskView) => boolean): Promise<TaskView> {
  return new Promise((resolve) => {
    const stop = desk.subscribe((event: DeskEvent) => {
      if (event.name === 'task.updated' && event.payload.id === id && ready(event.payload)) {
        stop();
        resolve(event.payload);
      }
    });
    void Promise.resolve(desk.handlers['tasks.get']({ id })).then((task) => {
      if (ready(task)) {
        stop();
        resolve(task);
      }
    });
  });
}

it('a task cancelled before it was sent goes back to its place and then runs', async () => {
  await call('queue.pause', {});
  const first = await call('tasks.create', { prompt: 'Restore me first [duration:2s]' });
  const second = await call('tasks.create', { prompt: 'Restore me second [duration:2s]' });
  await call('tasks.cancel', { id: first.id });
  const back = await call('tasks.restore', { id: first.id });
  expect(back).toMatchObject({
    status: 'queued',
    queueOrder: first.queueOrder,
    error: null,
    endedAt: null,
  });
  // Two tasks made in the same millisecond share a queue order; the queue then keeps them in
  // the order they were made, so "its place" is read from the queue itself.
  expect(desk.runner.store.queued().map((t) => t.id)).toEqual([first.id, second.id]);
  await call('tasks.cancel', { id: second.id });
  await call('queue.resume', {});
  expect((await until(first.id, (task) => task.status === 'completed')).status).toBe('completed');
});

it('refuses a task that is not cancelled, or was cancelled after WebRun had it', async () => {
  const running = await call('tasks.create', {
    prompt: 'Keep crawling the catalogue [duration:300s]',
  });
  await until(running.id, (task) => task.status === 'running');
  await expect(call('tasks.restore', { id: running.id })).rejects.toThrow(
    /^conflict: Only a task cancelled before it was sent/,
  );
  await call('tasks.cancel', { id: running.id });
  await expect(call('tasks.restore', { id: running.id })).rejects.toThrow(
    /^conflict: Only a task cancelled before it was sent/,
  );
  expect((await call('tasks.get', { id: running.id })).status).toBe('cancelled');
  await expect(call('tasks.restore', { id: 'no-such-task' })).rejects.toThrow(/^not_found/);
});
