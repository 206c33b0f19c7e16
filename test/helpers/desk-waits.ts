// What a test does on a live desk: a method called as the adapters call it, its answer checked
// against the contract; waits for a task's state or a batch's end, checked now and on every
// update (never by sleeping).
import { expect } from 'vitest';
import { dispatch } from '../../src-main/contract/dispatch';
import {
  methods,
  type DeskEvent,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type TaskView,
} from '../../src-main/contract/index';
import type { Desk } from '../../src-main/core/desk';

/** Resolves with the task once `ready` holds for it (checked now and on every update). */
export function until(
  desk: Desk,
  id: string,
  ready: (task: TaskView) => boolean,
): Promise<TaskView> {
  return new Promise((resolve) => {
    const check = (task: TaskView | null): boolean => {
      if (task && ready(task)) {
        resolve(task);
        return true;
      }
      return false;
    };
    const stop = desk.subscribe((event: DeskEvent) => {
      if (event.name === 'task.updated' && event.payload.id === id && check(event.payload)) stop();
    });
    void Promise.resolve(desk.handlers['tasks.get']({ id })).then((task) => check(task) && stop());
  });
}

/** Resolves once the batch has no row left to run (checked now and on every batch update). */
export function batchFinished(desk: Desk, id: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = desk.subscribe((event: DeskEvent) => {
      if (
        event.name === 'batch.updated' &&
        event.payload.id === id &&
        event.payload.state === 'finished'
      ) {
        stop();
        resolve();
      }
    });
    void Promise.resolve(desk.handlers['batches.get']({ id })).then((b) => {
      if (b.state === 'finished') {
        stop();
        resolve();
      }
    });
  });
}

/**
 * Calls a method as the adapters do and checks its answer against the contract: it must parse,
 * and parsing must give it back unchanged. Each method called is added to `called`.
 */
export function checkedCall(desk: () => Desk, called: Set<MethodName>) {
  return async function call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<MethodOutput<M>> {
    const envelope = await dispatch(desk().handlers, method, input);
    if (!envelope.ok)
      throw new Error(`${method} was refused: ${envelope.error.code} ${envelope.error.message}`);
    const parsed = methods[method].output.safeParse(envelope.value);
    expect(parsed.success ? null : `${method}: ${parsed.error.message}`).toBeNull();
    expect(parsed.data, `${method} answers exactly its output schema`).toEqual(envelope.value);
    called.add(method);
    return envelope.value as MethodOutput<M>;
  };
}
