// The contract's methods on the core: each module's slice (its own handlers file, named for its
// domain: tasks/task-handlers.ts, history/history-handlers.ts, …), joined here. The compiler
// checks that no method is in two slices (a spread would silently keep the last) and that none
// is missing; storage failures (disk full, read-only file) reach the UI as reasons.
import type { DeskHandlers, SharedKeys } from '../contract/index';
import { withStorageErrors } from './store/storage-refusals';

type Joined<S extends readonly object[]> = (
  S[number] extends infer U ? (U extends unknown ? (u: U) => void : never) : never
) extends (i: infer I) => void
  ? I
  : never;

/** Empty when every method is in exactly one slice; else names what is twice or missing. */
type EachMethodOnce<S extends readonly object[]> = [SharedKeys<S>] extends [never]
  ? [Exclude<keyof DeskHandlers, keyof Joined<S>>] extends [never]
    ? unknown
    : { missing: Exclude<keyof DeskHandlers, keyof Joined<S>> }
  : { inTwoSlices: SharedKeys<S> };

export function joinHandlers<const S extends readonly Partial<DeskHandlers>[]>(
  slices: S & EachMethodOnce<S>,
): DeskHandlers {
  return withStorageErrors(Object.assign({}, ...slices) as DeskHandlers);
}
