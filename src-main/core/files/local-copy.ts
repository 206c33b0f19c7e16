// The local copy of a file a task downloaded, found by task and file name through the store
// (never from a path the caller gives), and refused when it would lie outside the files folder:
// a tampered database row or a symlink must not expose the rest of the disk.
import { realpathSync, statSync } from 'node:fs';
import { extname, relative, resolve, isAbsolute } from 'node:path';
import type { TaskDetailsStore } from '../tasks/task-details-store';

export interface LocalCopy {
  path: string;
  filename: string;
  size: number;
  /** A type the page may show in a tab; anything else (HTML, SVG, scripts) is only downloaded. */
  contentType: string;
  inline: boolean;
}

/** Types shown in place. HTML and SVG are not: opened from the app's origin they could run. */
const VIEWABLE: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/plain; charset=utf-8',
  '.json': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

export class LocalCopyError extends Error {
  constructor(
    readonly reason: 'not_found' | 'outside',
    message: string,
  ) {
    super(message);
  }
}

export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function localCopy(
  details: Pick<TaskDetailsStore, 'files'>,
  filesDir: string,
  taskId: string,
  filename: string,
): LocalCopy {
  const row = details.files(taskId).find((f) => f.filename === filename && f.localPath);
  if (!row?.localPath)
    throw new LocalCopyError('not_found', `No local copy of ${filename} is kept for this task.`);
  let real: string;
  let root: string;
  try {
    real = realpathSync(resolve(row.localPath));
    root = realpathSync(resolve(filesDir));
  } catch {
    throw new LocalCopyError(
      'not_found',
      `The local copy of ${filename} is gone from the files folder.`,
    );
  }
  if (!isInside(root, real))
    throw new LocalCopyError(
      'outside',
      `Refused: the stored path of ${filename} is outside the files folder.`,
    );
  const type = VIEWABLE[extname(real).toLowerCase()];
  return {
    path: real,
    filename,
    size: statSync(real).size,
    contentType: type ?? 'application/octet-stream',
    inline: type !== undefined,
  };
}
