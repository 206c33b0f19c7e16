// A task the person asked to run again, waiting for the composer to take it: the queue row or
// the inspector asks, the composer (mounted in the queue view) fills itself from it.
import { create } from 'zustand';
import type { TaskView } from '../../src-main/contract/index';
import { useRouteStore } from './route-store';

interface DraftState {
  /** With a sequence number, so asking twice for the same task fills the composer twice. */
  pending: { task: TaskView; seq: number } | null;
  runAgain(task: TaskView): void;
  /** The composer took it. */
  taken(seq: number): void;
}

let lastSeq = 0;

export const useDraftStore = create<DraftState>((set, get) => ({
  pending: null,
  runAgain(task) {
    lastSeq += 1;
    set({ pending: { task, seq: lastSeq } });
    if (useRouteStore.getState().route.view !== 'queue') useRouteStore.getState().go('queue');
  },
  taken(seq) {
    if (get().pending?.seq === seq) set({ pending: null });
  },
}));
