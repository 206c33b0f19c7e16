// Every question waiting for an answer, across tasks. Answers pass straight through to the
// core and are never kept here: only the fact that one is being sent.
import { create } from 'zustand';
import type { DeskEvent, InboxItem } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { applyInboxEvents, sortInbox } from './reduce-live';
import { useTasksStore } from './tasks-store';
import { attempt } from './toast-store';

interface InboxState {
  items: InboxItem[];
  sending: Record<string, true>;
  load(): Promise<void>;
  /** Resolves true when the core accepted the answer. */
  answer(taskId: string, answer: string): Promise<boolean>;
  stop(taskId: string): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

export const useInboxStore = create<InboxState>((set, get) => ({
  items: [],
  sending: {},
  async load() {
    const items = await attempt(() => deskClient().call('inbox.list', {}));
    if (items) set({ items: sortInbox(items) });
  },
  async answer(taskId, answer) {
    set({ sending: { ...get().sending, [taskId]: true } });
    const task = await attempt(() => deskClient().call('tasks.answer', { id: taskId, answer }));
    const { [taskId]: _done, ...sending } = get().sending;
    set({ sending });
    if (!task) return false;
    useTasksStore.getState().remember([task]);
    const items = applyInboxEvents(get().items, [{ name: 'task.updated', payload: task }]);
    if (items) set({ items });
    return true;
  },
  async stop(taskId) {
    const task = await useTasksStore.getState().act('tasks.stop', taskId);
    if (!task) return;
    const items = applyInboxEvents(get().items, [{ name: 'task.updated', payload: task }]);
    if (items) set({ items });
  },
  applyEvents(events) {
    const items = applyInboxEvents(get().items, events);
    if (items) set({ items });
  },
}));
