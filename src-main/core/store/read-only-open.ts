// A history this user cannot write (its file read-only, or its folder: SQLite then cannot make
// the -wal and -shm files a WAL database needs, even to read). Reading commands still open it,
// read-only; when SQLite cannot even read it in place, they read a private copy made now in the
// temp folder (the history itself is never touched), removed when the process ends.
import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** False when the file or its folder cannot be written by this user. */
export function historyWritable(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function readOnlyReason(path: string, copied: boolean): string {
  return copied
    ? `The history database ${path} is in a folder this user cannot write (check its permissions): it is read from a copy made now, and nothing new can be stored.`
    : `The history database ${path} is read-only (check the file's and its folder's permissions): it is opened for reading only, and nothing new can be stored.`;
}

export interface ReadOnlyOpen {
  db: Database.Database;
  /** The copy read instead of the history, when SQLite could not read it in place. */
  copyPath: string | null;
}

export function openReadOnly(path: string, nativeBinding?: string): ReadOnlyOpen {
  const binding = nativeBinding ? { nativeBinding } : {};
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, ...binding });
    try {
      db.pragma('user_version', { simple: true }); // the first read is where WAL setup fails
      return { db, copyPath: null };
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (!code.startsWith('SQLITE_READONLY') && !code.startsWith('SQLITE_CANTOPEN')) throw error;
  }
  const dir = mkdtempSync(join(tmpdir(), 'webrun-desk-read-only-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const copyPath = join(dir, 'history.db');
  copyFileSync(path, copyPath);
  // What the last writer left in the log is part of the history: copy it too (SQLite replays it).
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copyPath}-wal`);
  return {
    db: new Database(copyPath, { readonly: true, fileMustExist: true, ...binding }),
    copyPath,
  };
}
