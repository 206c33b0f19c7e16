// How the handlers refuse: every refusal is a DeskError with a code the UI can act on and a
// message a person can read, whether it comes from a read-only history, a full disk or WebRun.
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers } from '../../contract/index';
import { storageProblem } from '../store/storage-errors';

/** A check to call before any write: a read-only history refuses it with its reason. */
export function writableCheck(readOnlyReason: string | null): () => void {
  return () => {
    if (readOnlyReason) throw new DeskError('unavailable', readOnlyReason);
  };
}

// One rule for turning WebRun's failures into a person's message: the runner's controls use it too.
export { remote } from '../runner/task-controls';

/** Acts on each id in turn; one that fails is reported with its reason and the rest go on. */
export async function eachOf(
  ids: string[],
  act: (id: string) => Promise<unknown>,
): Promise<{ done: number; failed: { id: string; message: string }[] }> {
  let done = 0;
  const failed: { id: string; message: string }[] = [];
  for (const id of ids) {
    try {
      await act(id);
      done += 1;
    } catch (error) {
      failed.push({ id, message: (error as Error).message });
    }
  }
  return { done, failed };
}

/** Storage failures (disk full, read-only file) reach the UI as a reason, not as a crash. */
export function withStorageErrors(handlers: DeskHandlers): DeskHandlers {
  const translate = (error: unknown): never => {
    const problem = storageProblem(error);
    throw problem ? new DeskError('unavailable', problem) : error;
  };
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [
    string,
    (input: unknown) => unknown,
  ][]) {
    wrapped[name] = (input) => {
      try {
        const result = handler(input);
        return result instanceof Promise ? result.catch(translate) : result;
      } catch (error) {
        return translate(error);
      }
    };
  }
  return wrapped as unknown as DeskHandlers;
}
