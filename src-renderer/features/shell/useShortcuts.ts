// Global keys: N new task, / search, j/k move through the current list, Enter opens the
// selected task, Esc closes it, ? shows the list. Keys typed into a field stay in the field,
// except Ctrl/Cmd+K, which opens the command bar from anywhere (the person asked for it).
import { useEffect } from 'react';
import type { AppCommand } from '../../../src-main/contract/index';
import { useCommandBarStore } from '../../stores/command-bar-store';
import { useCommandStore } from '../../stores/command-store';
import { useHistoryStore } from '../../stores/history-store';
import { useQuestionStore } from '../../stores/question-store';
import { queueOrder } from '../../stores/reduce-tasks';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useUndoStore } from '../../stores/undo-store';

export const SHORTCUTS: [string, string][] = [
  ['N', 'New task (focus the composer)'],
  ['/', 'Search history'],
  ['J / K', 'Next / previous task in the list'],
  ['Enter', 'Open the selected task'],
  ['Esc', 'Close the task or dialog'],
  ['A', 'Answer the waiting question'],
  ['Ctrl+K / ⌘K', 'Command bar: run a template, find a task, answer, pause, go to a view'],
  ['Ctrl+Z / ⌘Z', 'Undo the last cancel, while its notice shows'],
  ['?', 'Show these shortcuts'],
];

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Focus after React has rendered the view the element lives in. */
function focusSoon(id: string): void {
  requestAnimationFrame(() => setTimeout(() => document.getElementById(id)?.focus(), 0));
}

function currentIds(): string[] {
  const view = useRouteStore.getState().route.view;
  if (view === 'history') return useHistoryStore.getState().rows.map((t) => t.id);
  if (view !== 'queue') return [];
  const { byId, order } = useTasksStore.getState();
  return queueOrder(byId, order);
}

function step(delta: number): void {
  const ids = currentIds();
  if (ids.length === 0) return;
  const { selectedId, select } = useTasksStore.getState();
  const index = selectedId ? ids.indexOf(selectedId) : -1;
  const next =
    index < 0
      ? delta > 0
        ? 0
        : ids.length - 1
      : Math.min(ids.length - 1, Math.max(0, index + delta));
  select(ids[next]!);
}

/** What a menu command does: the same as its key. */
function runCommand(command: AppCommand, showHelp: () => void): void {
  const go = useRouteStore.getState().go;
  if (command === 'new-task') {
    go('queue');
    focusSoon('prompt');
  } else if (command === 'search') {
    go('history');
    focusSoon('history-search');
  } else if (command === 'inbox') go('inbox');
  else if (command === 'settings') go('settings');
  else showHelp();
}

/** Ctrl/Cmd+K toggles the command bar; Ctrl/Cmd+Z outside a field undoes the last cancel. */
function commandKey(event: KeyboardEvent): boolean {
  const key = event.key.toLowerCase();
  const bar = useCommandBarStore.getState();
  if (key === 'k') {
    if (bar.open) bar.hide();
    // Not over another dialog (a question, a confirmation): that one is answered first.
    else if (!document.querySelector('dialog[open]')) bar.show();
    return true;
  }
  if (key === 'z' && !typing(event.target) && !document.querySelector('dialog[open]')) {
    const undo = useUndoStore.getState();
    if (undo.items.length === 0) return false;
    void undo.undo();
    return true;
  }
  return false;
}

export function useShortcuts(showHelp: () => void): void {
  useEffect(
    () =>
      useCommandStore.subscribe((state, previous) => {
        if (state.latest && state.latest !== previous.latest)
          runCommand(state.latest.command, showHelp);
      }),
    [showHelp],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && commandKey(event))
        return event.preventDefault();
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (typing(event.target) || document.querySelector('dialog[open]')) return;
      const go = useRouteStore.getState().go;
      switch (event.key) {
        case 'n':
        case 'N':
          go('queue');
          focusSoon('prompt');
          break;
        case '/':
          go('history');
          focusSoon('history-search');
          break;
        case 'j':
          step(1);
          break;
        case 'k':
          step(-1);
          break;
        case 'Enter':
          if (
            !useTasksStore.getState().selectedId ||
            (event.target instanceof HTMLElement && event.target.closest('button, a'))
          )
            return;
          focusSoon('inspector-title');
          break;
        case 'Escape':
          useTasksStore.getState().select(null);
          break;
        case 'a':
        case 'A':
          useQuestionStore.getState().request();
          break;
        case '?':
          showHelp();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [showHelp]);
}
