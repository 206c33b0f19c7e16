// The history: finding tasks (tasks.list is its first pages without a filter), exporting
// them, deleting finished ones with their file copies.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DeskHandlers } from '../../contract/index';
import { isEnded } from '../../contract/task-status';
import { exportChunks } from './export';
import { writableCheck } from '../store/writable';
import { publicView } from '../tasks/public-view';
import type { TaskStore } from '../tasks/task-store';
import type { HistoryStore } from './history-store';

export interface HistoryContext {
  store: TaskStore;
  history: HistoryStore;
  /** The folder of the tasks' file copies (a deleted task's go with it). */
  filesDir: string;
  now: () => number;
  readOnlyReason: string | null;
}

export function historyHandlers(
  ctx: HistoryContext,
): Pick<DeskHandlers, 'tasks.list' | 'history.list' | 'history.export' | 'history.delete'> {
  const { store, history } = ctx;
  const writable = writableCheck(ctx.readOnlyReason);
  return {
    'tasks.list': (input) => {
      const page = history.list({}, input.limit, input.before);
      return { tasks: page.tasks.map(publicView), nextCursor: page.nextCursor };
    },
    'history.list': (input) => {
      const page = history.list(input.filter, input.limit, input.before);
      return { tasks: page.tasks.map(publicView), nextCursor: page.nextCursor };
    },
    'history.export': (input) => {
      const tasks = input.ids
        ? input.ids.flatMap((id) => store.get(id) ?? [])
        : history.iterate(input.filter);
      const content = [...exportChunks(tasks, input.format)].join('');
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      return {
        filename: `webrun-desk-history-${stamp}.${input.format}`,
        mimeType: input.format === 'csv' ? 'text/csv' : 'application/json',
        content,
      };
    },
    'history.delete': (input) => {
      writable();
      const skipped: string[] = [];
      let deleted = 0;
      for (const id of input.ids) {
        const task = store.get(id);
        // A task WebRun is still working on stays: deleting it would lose track of money spent.
        if (!task || !isEnded(task.status)) {
          skipped.push(id);
          continue;
        }
        store.delete(id);
        rmSync(join(ctx.filesDir, id), { recursive: true, force: true });
        deleted += 1;
      }
      return { deleted, skipped };
    },
  };
}
