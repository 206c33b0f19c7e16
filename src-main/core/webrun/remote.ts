// One rule for turning WebRun's failures into a person's message: every handler and control
// that calls WebRun on someone's behalf goes through remote(), and a call made for many ids at
// once (cancel these, terminate the stray sessions) reports each failure with its reason.
import { DeskError } from '../../contract/dispatch';
import { WebRunError } from './errors';

/** Runs a call to WebRun, turning its failure into a message for the person who asked. */
export async function remote<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DeskError) throw error;
    const message = error instanceof WebRunError ? error.message : String(error);
    throw new DeskError('remote', `Could not ${what}: ${message}`);
  }
}

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
