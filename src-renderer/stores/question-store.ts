// Whether the question dialog is open. A question never opens it while the person is typing
// in a field (their keys would land in the answer): it waits in a bar until they ask for it.
import { create } from 'zustand';

interface QuestionState {
  open: boolean;
  /** Questions closed with "Later" or Esc, by task and time asked; not reopened on their own. */
  dismissed: Record<string, true>;
  /** The person asked to answer (bar, A key, command bar): every waiting question is shown again. */
  request(): void;
  /** A new question arrived and nobody is typing: open on its own. */
  autoOpen(): void;
  dismiss(key: string): void;
  close(): void;
}

export const questionKey = (item: { taskId: string; askedAt: number }): string =>
  `${item.taskId}:${item.askedAt}`;

export const useQuestionStore = create<QuestionState>((set, get) => ({
  open: false,
  dismissed: {},
  request() {
    set({ open: true, dismissed: {} });
  },
  autoOpen() {
    if (!get().open) set({ open: true });
  },
  dismiss(key) {
    set({ dismissed: { ...get().dismissed, [key]: true } });
  },
  close() {
    set({ open: false });
  },
}));

/** True while keys typed now would go into a field of the page. */
export function typingInField(): boolean {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'range', 'color'].includes(
    type,
  );
}
