// The bookkeeping every store that fetches something from the core repeats: `loading` while a
// call runs, the error's message when it fails (what was shown before stays on screen), both
// cleared when it succeeds. An answer overtaken by a newer question (another task selected,
// another filter typed) changes nothing.

export interface Loadable {
  loading: boolean;
  error: string | null;
}

export const NOT_LOADED: Loadable = { loading: false, error: null };

/**
 * Runs `call` and stores what `apply` makes of its answer, with `loading` and `error` kept as
 * above. Resolves true when the answer was applied.
 */
export async function loadInto<S extends Loadable, T>(
  set: (patch: Partial<S>) => void,
  call: () => Promise<T>,
  apply: (value: T) => Partial<S>,
  stillWanted: () => boolean = () => true,
): Promise<boolean> {
  set({ loading: true } as Partial<S>);
  try {
    const value = await call();
    if (!stillWanted()) return false;
    set({ ...apply(value), loading: false, error: null });
    return true;
  } catch (error) {
    if (stillWanted())
      set({
        loading: false,
        error: error instanceof Error ? error.message : String(error),
      } as Partial<S>);
    return false;
  }
}
