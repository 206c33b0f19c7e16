// Storage failures refused as a person reads them: a DeskError (unavailable) with the reason
// storage-errors.ts gives, for the handlers and for the task service's callers alike.
import { DeskError } from '../../contract/dispatch';
import { storageProblem } from './storage-errors';

/** A storage failure as the refusal a person reads (unavailable, with its reason); others as they are. */
export function refusalOf(error: unknown): unknown {
  const problem = storageProblem(error);
  return problem ? new DeskError('unavailable', problem) : error;
}

/** Storage failures (disk full, read-only file) reach the UI as a reason, not as a crash. */
export function withStorageErrors<H extends object>(handlers: H): H {
  const translate = (error: unknown): never => {
    throw refusalOf(error);
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
  return wrapped as H;
}
