// The one read-only check: a history that cannot be written (a schema newer than the app, an
// unwritable file; open-store.ts says why) refuses every write with that reason, whoever asks
// (a handler, a task control, the task service, the CLI's watch commands).
import { DeskError } from '../../contract/dispatch';

/** A check to call before any write: a read-only history refuses it with its reason. */
export function writableCheck(readOnlyReason: string | null): () => void {
  return () => {
    if (readOnlyReason) throw new DeskError('unavailable', readOnlyReason);
  };
}
