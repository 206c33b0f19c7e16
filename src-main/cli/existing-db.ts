// Commands that only read the history (history, spend, export, check, batches, batch-status)
// refuse a database that does not exist: opening one would create its folders and an empty
// file, and "No tasks match." would hide a mistyped --db.
import { existsSync } from 'node:fs';
import { resolveConfig } from '../core/config';

export function existingDbPath(db: string | undefined): string {
  const path = resolveConfig({ dbPath: db }).dbPath;
  if (!existsSync(path))
    throw new Error(
      `There is no history database at ${path}, so there is nothing to read; check --db or WEBRUN_DESK_DB (run, batch, serve and the app create one).`,
    );
  return path;
}
