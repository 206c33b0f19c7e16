// How the handlers refuse: every refusal is a DeskError with a code the UI can act on and a
// message a person can read, whether it comes from a read-only history, a full disk or WebRun.
import { DeskError } from '../../contract/dispatch';

/** A check to call before any write: a read-only history refuses it with its reason. */
export function writableCheck(readOnlyReason: string | null): () => void {
  return () => {
    if (readOnlyReason) throw new DeskError('unavailable', readOnlyReason);
  };
}

// One rule for turning WebRun's failures into a person's message: the runner's controls use it too.
export { remote } from '../webrun/remote';

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

export { withStorageErrors } from '../store/storage-errors';
