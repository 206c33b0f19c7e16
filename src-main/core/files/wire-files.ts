// A task's files on a desk: copies of what a finished task produced (made in the background,
// awaitable), an over-long answer kept whole beside its preview, and the files.* methods.
import { join } from 'node:path';
import type { TaskTables } from '../tasks/wire-tasks';
import type { WebRunClient } from '../webrun/client';
import { fileHandlers } from './file-handlers';
import { keepAnswer } from './long-answers';
import { TaskFiles } from './task-files';

export interface Files {
  /** Starts copying a task's files not copied yet (the runner calls it when they are known). */
  copy(taskId: string): void;
  /** Resolves when the copies of a task's files are made (or have failed). */
  settled(taskId: string): Promise<void>;
  /** Stores an over-long answer in the task's folder; returns what the history keeps. */
  keepAnswer(taskId: string, text: string): string;
  handlers: ReturnType<typeof fileHandlers>;
  close(): void;
}

export function wireFiles(o: {
  tables: Pick<TaskTables, 'store' | 'details'>;
  client: Pick<WebRunClient, 'uploadFiles'>;
  filesDir: string;
  baseUrl: string;
  apiKey: string;
  openPath: ((path: string) => Promise<string>) | null;
}): Files {
  const { store, details } = o.tables;
  const { filesDir } = o;
  const copies = new TaskFiles({ details, store, filesDir, baseUrl: o.baseUrl, apiKey: o.apiKey });
  return {
    copy: (taskId) => copies.copy(taskId),
    settled: (taskId) => copies.settled(taskId),
    keepAnswer: (taskId, text) => keepAnswer(join(filesDir, taskId), text),
    handlers: fileHandlers({ store, details, client: o.client, filesDir, openPath: o.openPath }),
    close: () => copies.close(),
  };
}
