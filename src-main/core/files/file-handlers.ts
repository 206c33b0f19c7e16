// A task's files: uploading the ones a task takes along (to WebRun, for its `files`), and
// opening a local copy of one a task produced with the system (the desktop app only).
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers } from '../../contract/index';
import type { TaskDetailsStore } from '../tasks/task-details-store';
import { taskGetter } from '../tasks/task-reads';
import type { TaskStore } from '../tasks/task-store';
import type { WebRunClient } from '../webrun/client';
import { remote } from '../webrun/remote';
import { localCopy, LocalCopyError } from './local-copy';

export interface FileContext {
  store: TaskStore;
  details: TaskDetailsStore;
  /** Only uploads: every control goes through the runner's TaskControls. */
  client: Pick<WebRunClient, 'uploadFiles'>;
  /** The folder that holds one folder of copies per task. */
  filesDir: string;
  /** Opens a file with the OS (the desktop host gives shell.openPath); null elsewhere. */
  openPath: ((path: string) => Promise<string>) | null;
}

export function fileHandlers(ctx: FileContext): Pick<DeskHandlers, 'files.upload' | 'files.open'> {
  const getTask = taskGetter(ctx.store);
  return {
    'files.upload': async (input) =>
      remote('upload the files', () =>
        ctx.client.uploadFiles(
          input.files.map((f) => ({
            name: f.name,
            type: f.type,
            data: Buffer.from(f.base64, 'base64'),
          })),
        ),
      ),
    'files.open': async (input) => {
      getTask(input.taskId);
      if (!ctx.openPath)
        throw new DeskError(
          'unavailable',
          'Opening a file with the system works in the desktop app; here the page opens the served copy.',
        );
      let copy;
      try {
        copy = localCopy(ctx.details, ctx.filesDir, input.taskId, input.filename);
      } catch (error) {
        if (error instanceof LocalCopyError)
          throw new DeskError(
            error.reason === 'outside' ? 'forbidden' : 'not_found',
            error.message,
          );
        throw error;
      }
      const problem = await ctx.openPath(copy.path);
      if (problem)
        throw new DeskError(
          'unavailable',
          `The system could not open ${copy.filename}: ${problem}`,
        );
      return { ok: true as const };
    },
  };
}
