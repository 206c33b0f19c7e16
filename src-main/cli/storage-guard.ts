// A history that cannot be written (a full disk, a file made read-only) stops the runner from
// sending (it reports why through onStorageFailure). A command waiting on its tasks would then
// wait with nothing left to wait for, and Node ends such a wait with exit 13 and no word. Every
// waiting command races its waits against this guard instead: it ends with the store's own
// message (exit 1), and what was stored stays as it was.
import { StoreError } from '../core/store/store-error';

export interface StorageGuard {
  /** For cliDesk's onStorageFailure. */
  onStorageFailure(message: string): void;
  /** `wait`, unless the history fails first: then its StoreError. */
  race<T>(wait: Promise<T>): Promise<T>;
}

export function storageGuard(): StorageGuard {
  let fail: (message: string) => void = () => {};
  const failed = new Promise<never>((_resolve, reject) => {
    fail = (message) => reject(new StoreError(message));
  });
  failed.catch(() => {}); // raced later, maybe never: not an unhandled rejection
  return {
    onStorageFailure: (message) => fail(message),
    race: (wait) => Promise.race([wait, failed]),
  };
}
