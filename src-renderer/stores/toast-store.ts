// Short messages for the person: a failure from the core shows its message here, while
// whatever they typed stays where it was.
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

interface ToastState {
  toasts: Toast[];
  push(kind: Toast['kind'], message: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME_MS = { error: 8_000, info: 4_000 } as const;

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  push(kind, message) {
    const id = nextId++;
    // Keep the last few only: a burst of failures must not bury the screen.
    set({ toasts: [...get().toasts.slice(-3), { id, kind, message }] });
    setTimeout(() => get().dismiss(id), LIFETIME_MS[kind]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export function toastError(error: unknown): void {
  useToastStore.getState().push('error', error instanceof Error ? error.message : String(error));
}

export function toastInfo(message: string): void {
  useToastStore.getState().push('info', message);
}

/** Runs a core call for a button: a failure becomes a toast, and the caller gets null. */
export async function attempt<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    toastError(error);
    return null;
  }
}
