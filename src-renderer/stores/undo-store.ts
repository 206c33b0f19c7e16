// Actions that can be taken back for a few seconds: the action is done at once, and Undo (the
// button in its notice, or Ctrl/Cmd+Z outside a field) reverses it until the window closes.
// The notice is a status line, never focused, so it cannot take anyone's typing.
import { create } from 'zustand';
import { timers } from '../../src-main/contract/timers';
import { toastError } from './toast-store';

export const UNDO_WINDOW_MS = 8_000;

export interface Undoable {
  id: number;
  message: string;
  /** When the Undo button goes away (ms since the epoch). */
  until: number;
}

interface UndoState {
  items: Undoable[];
  offer(message: string, reverse: () => Promise<unknown>, windowMs?: number): void;
  /** Reverses one action (the latest when no id is given); false when nothing was left to undo. */
  undo(id?: number): Promise<boolean>;
  expire(id: number): void;
}

let nextId = 1;
const reversals = new Map<number, () => Promise<unknown>>();

export const useUndoStore = create<UndoState>((set, get) => ({
  items: [],
  offer(message, reverse, windowMs = UNDO_WINDOW_MS) {
    const id = nextId++;
    reversals.set(id, reverse);
    set({ items: [...get().items.slice(-2), { id, message, until: Date.now() + windowMs }] });
    timers.setTimeout(() => get().expire(id), windowMs);
  },
  async undo(id) {
    const item = id === undefined ? get().items.at(-1) : get().items.find((i) => i.id === id);
    const reverse = item && reversals.get(item.id);
    if (!item || !reverse) return false;
    get().expire(item.id);
    try {
      await reverse();
      return true;
    } catch (error) {
      toastError(error);
      return false;
    }
  },
  expire(id) {
    reversals.delete(id);
    set({ items: get().items.filter((i) => i.id !== id) });
  },
}));
