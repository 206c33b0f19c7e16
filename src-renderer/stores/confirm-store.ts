// The one confirmation that may be open: an action that cannot be taken back asks first, and
// names what will be lost. It only ever opens because the person just clicked or chose
// something, so it never takes the keyboard from someone typing in a field.
import { create } from 'zustand';
import type { ConfirmRequest } from './loss-text';

export type { ConfirmRequest };

interface ConfirmState {
  /** seq tells one request from the next, so each gets a fresh dialog. */
  pending: (ConfirmRequest & { seq: number; resolve(ok: boolean): void }) | null;
  ask(request: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
}

export const useConfirmStore = create<ConfirmState>((set, get) => ({
  pending: null,
  ask(request) {
    // A newer question replaces an older one, which counts as "keep".
    get().pending?.resolve(false);
    const seq = (get().pending?.seq ?? 0) + 1;
    return new Promise<boolean>((resolve) => set({ pending: { ...request, seq, resolve } }));
  },
  answer(ok) {
    const pending = get().pending;
    if (!pending) return;
    set({ pending: null });
    pending.resolve(ok);
  },
}));

/** Resolves true when the person confirmed. */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  return useConfirmStore.getState().ask(request);
}
