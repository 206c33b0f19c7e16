// The command bar (Ctrl/Cmd+K): whether it is open, and the tasks the core's full-text search
// found for what was typed. A newer query makes older answers irrelevant (generation number).
import { create } from 'zustand';
import type { TaskView } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';

interface CommandBarState {
  open: boolean;
  found: TaskView[];
  generation: number;
  /** The template whose run form is open (chosen in the bar), by name. */
  template: string | null;
  openTemplate(name: string): void;
  closeTemplate(): void;
  show(): void;
  hide(): void;
  search(text: string): Promise<void>;
}

const FOUND_LIMIT = 8;

export const useCommandBarStore = create<CommandBarState>((set, get) => ({
  open: false,
  found: [],
  generation: 0,
  template: null,
  openTemplate(template) {
    set({ template });
  },
  closeTemplate() {
    set({ template: null });
  },
  show() {
    set({ open: true, found: [] });
  },
  hide() {
    set({ open: false, generation: get().generation + 1 });
  },
  async search(text) {
    const generation = get().generation + 1;
    set({ generation });
    if (!text.trim()) return set({ found: [] });
    try {
      const page = await deskClient().call('history.list', {
        filter: { text: text.trim() },
        limit: FOUND_LIMIT,
      });
      if (get().generation === generation) set({ found: page.tasks });
    } catch {
      // A search that fails (a half-typed query the index refuses) just finds nothing.
      if (get().generation === generation) set({ found: [] });
    }
  },
}));
