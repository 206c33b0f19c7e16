// GET /files/<taskId>/<filename>: a task's local copy of a downloaded file, for the page to
// open (browser mode has no OS shell). The token is checked by the server before this runs;
// the file is found through the store and refused outside the files folder (local-copy.ts).
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { localCopy, LocalCopyError } from '../core/files/local-copy';
import type { TaskDetailsStore } from '../core/tasks/task-details-store';

export const FILES_PREFIX = '/files/';

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function serveLocalFile(
  res: ServerResponse,
  path: string,
  details: Pick<TaskDetailsStore, 'files'>,
  filesDir: string,
  head: boolean,
): void {
  const [taskPart, namePart, ...rest] = path.slice(FILES_PREFIX.length).split('/');
  let taskId: string;
  let filename: string;
  try {
    taskId = decodeURIComponent(taskPart ?? '');
    filename = decodeURIComponent(namePart ?? '');
  } catch {
    plain(res, 400, 'Malformed file address.');
    return;
  }
  if (!taskId || !filename || rest.length > 0) {
    plain(res, 404, 'No such file.');
    return;
  }
  let copy;
  try {
    copy = localCopy(details, filesDir, taskId, filename);
  } catch (error) {
    if (error instanceof LocalCopyError) {
      plain(res, error.reason === 'outside' ? 403 : 404, error.message);
      return;
    }
    throw error;
  }
  res.writeHead(200, {
    'Content-Type': copy.contentType,
    'Content-Length': copy.size,
    'Content-Disposition': `${copy.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(copy.filename)}`,
    'X-Content-Type-Options': 'nosniff',
    // Whatever the file holds, it runs nothing with the app's origin.
    'Content-Security-Policy': 'sandbox; default-src none',
    'Cache-Control': 'no-store',
  });
  if (head) res.end();
  else
    createReadStream(copy.path)
      .on('error', () => res.destroy())
      .pipe(res);
}
