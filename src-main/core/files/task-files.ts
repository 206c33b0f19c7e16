// Copies of the files a finished task produced, made in the background into the task's own
// folder. Each task's copies can be awaited (the CLI waits for them before it exits), and a
// closed desk writes nothing more.
import { join } from 'node:path';
import type { TaskDetailsStore } from '../tasks/task-details-store';
import type { TaskStore } from '../tasks/task-store';
import { copyFile, safeFileName } from './file-copier';
import { resolveUrl, sameOrigin } from '../webrun/origin';

export interface TaskFilesOptions {
  details: Pick<TaskDetailsStore, 'files' | 'setFileCopy'>;
  store: Pick<TaskStore, 'appendEvent'>;
  /** The folder that holds one folder per task. */
  filesDir: string;
  /** WebRun's address: only files on its own origin are fetched with the API key. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export class TaskFiles {
  private readonly copies = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly o: TaskFilesOptions) {}

  /** Starts copying the task's files not copied yet; a failure is noted on the task. */
  copy(taskId: string): void {
    const copy = this.copyAll(taskId).finally(() => this.copies.delete(taskId));
    this.copies.set(taskId, copy);
  }

  /** Resolves when the copies of a task's files are made (or have failed). */
  async settled(taskId: string): Promise<void> {
    await this.copies.get(taskId);
  }

  close(): void {
    this.closed = true;
  }

  private async copyAll(taskId: string): Promise<void> {
    const { details, store, filesDir, baseUrl, apiKey } = this.o;
    for (const file of details.files(taskId).filter((f) => f.localPath === null)) {
      if (this.closed) return;
      try {
        // The API key goes only to WebRun's own host, never to wherever a file is stored.
        // A relative link resolves against the base (webrun/origin.ts).
        const url = resolveUrl(file.downloadUrl, baseUrl) ?? file.downloadUrl;
        // Only web addresses are fetched: a file:, data: or other link is a page's say-so,
        // and fetch would read data: (and a platform's file:) happily.
        if (!/^https?:\/\//i.test(url)) throw new Error('its link is not an http(s) address');
        const sameHost = sameOrigin(url, baseUrl);
        const copy = await copyFile(
          url,
          join(filesDir, taskId),
          safeFileName(file.filename, `file-${file.id}`),
          {
            headers: sameHost ? { Authorization: `Bearer ${apiKey}` } : undefined,
            fetch: this.o.fetch,
          },
        );
        if (!this.closed) details.setFileCopy(file.id, copy.localPath, copy.size);
      } catch (error) {
        if (!this.closed)
          store.appendEvent(taskId, 'error', {
            file: file.filename,
            message: `Could not copy the file: ${(error as Error).message}`,
          });
      }
    }
  }
}
