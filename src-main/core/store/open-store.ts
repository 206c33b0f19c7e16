// Opens the history database: pragmas, backup, migrations, and the refusals that protect a
// user's history (an edited migration, a database written by a newer app).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checksumOf, LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
import { historyWritable, openReadOnly, readOnlyReason } from './read-only-open';
import { StoreError } from './store-error';

// Re-exported so whoever opens a store can catch its refusal from the same module.
export { StoreError };

export interface OpenedStore {
  db: Database.Database;
  path: string;
  /** Set when the database must not be written (for example, made by a newer app). */
  readOnlyReason: string | null;
  /** Where the pre-migration copy went, when one was made. */
  backupPath: string | null;
  /** A history whose folder cannot be written is read from this copy (read-only-open.ts). */
  copyPath?: string | null;
}

/** Where the secrets file, the file copies and uploads live: beside the history. */
export function dataDirOf(dbPath: string): string {
  return dbPath === ':memory:' ? process.cwd() : dirname(dbPath);
}

export interface OpenStoreOptions {
  migrations?: readonly Migration[];
  now?: () => number;
  /**
   * A better-sqlite3 addon built for another runtime (Electron's ABI), so the Node build in
   * node_modules stays untouched for tests and the CLI.
   */
  nativeBinding?: string;
}

function applyPragmas(db: Database.Database, readOnly: boolean): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (!readOnly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose
    // the last transactions, which FULL would protect at a large cost per write.
    db.pragma('synchronous = NORMAL');
    // macOS's fsync does not reach the platter; F_FULLFSYNC does, for the durable writes.
    if (process.platform === 'darwin') {
      db.pragma('fullfsync = ON');
      db.pragma('checkpoint_fullfsync = ON');
    }
  }
}

function recordedChecksums(db: Database.Database): Map<number, string> {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!exists) return new Map();
  const rows = db.prepare('SELECT version, checksum FROM schema_migrations').all() as {
    version: number;
    checksum: string;
  }[];
  return new Map(rows.map((r) => [r.version, r.checksum]));
}

export function openStore(path: string, options: OpenStoreOptions = {}): OpenedStore {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = options.migrations
    ? migrations.reduce((max, m) => Math.max(max, m.version), 0)
    : LATEST_VERSION;
  const now = options.now ?? Date.now;
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const existed = !memory && existsSync(path);
  if (existed && !historyWritable(path)) return openUnwritable(path, latest, options.nativeBinding);

  let db: Database.Database;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new StoreError(
      `Cannot open the history database at ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    applyPragmas(db, false);
    const current = db.pragma('user_version', { simple: true }) as number;

    if (current > latest) {
      db.close();
      return openNewer(path, current, latest, options.nativeBinding);
    }

    // SQLite opens a file it cannot write read-only without a word; ask it to write to learn
    // (an immutable file, chattr +i, refuses even root, which permission bits never show).
    const readOnly = { db, path, backupPath: null, readOnlyReason: readOnlyReason(path, false) };
    try {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
    } catch (error) {
      if (String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_READONLY'))
        return readOnly;
      throw error;
    }

    refuseEditedMigrations(db, migrations, path);
    const backupPath = migrate(db, migrations, { current, existed, path, now });
    return { db, path, backupPath, readOnlyReason: null };
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `Cannot prepare the history database at ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** A history written by a newer app: opened read-only, never written. */
function openNewer(
  path: string,
  current: number,
  latest: number,
  nativeBinding: string | undefined,
): OpenedStore {
  const ro = new Database(path, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  applyPragmas(ro, true);
  return { db: ro, path, backupPath: null, readOnlyReason: newerReason(current, latest) };
}

/** A migration already applied must be the one this app ships: an edited one is refused. */
function refuseEditedMigrations(
  db: Database.Database,
  migrations: readonly Migration[],
  path: string,
): void {
  const recorded = recordedChecksums(db);
  for (const migration of migrations) {
    const sum = recorded.get(migration.version);
    if (sum !== undefined && sum !== checksumOf(migration)) {
      throw new StoreError(
        `Migration ${migration.version} (${migration.name}) differs from the one applied to ${path}; refusing to open a database whose schema history does not match this app.`,
      );
    }
  }
}

/** Applies the migrations not applied yet, each in its own transaction; returns the backup made. */
function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  at: { current: number; existed: boolean; path: string; now: () => number },
): string | null {
  const { current, now } = at;
  const pending = migrations
    .filter((m) => m.version > current)
    .sort((a, b) => a.version - b.version);
  let backupPath: string | null = null;
  if (pending.length > 0 && at.existed && current > 0) {
    // A copy before any schema change, so a failed or regretted upgrade loses nothing.
    backupPath = `${at.path}.v${current}-${now()}.bak`;
    db.prepare('VACUUM INTO ?').run(backupPath);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  for (const migration of pending) {
    // IMMEDIATE, and the version read again inside: two processes opening one new history at
    // the same moment (run and batch, the app and the MCP server) both saw it unmigrated, and
    // the second applied migration 1 again ("duplicate column name").
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      db.prepare(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
      ).run(migration.version, migration.name, checksumOf(migration), now());
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return backupPath;
}

function newerReason(current: number, latest: number): string {
  return `This history database was written by a newer WebRun Desk (schema ${current}, this app knows ${latest}). It is opened read-only; update the app to write to it.`;
}

/** A history this user cannot write: read-only, from a copy when SQLite cannot read it in place. */
function openUnwritable(path: string, latest: number, nativeBinding?: string): OpenedStore {
  const { db, copyPath } = openReadOnly(path, nativeBinding);
  applyPragmas(db, true);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current < latest) {
    db.close();
    throw new StoreError(
      `The history database ${path} was written by an older WebRun Desk and needs an upgrade, but this user cannot write it or its folder (check their permissions).`,
    );
  }
  return {
    db,
    path,
    backupPath: null,
    readOnlyReason:
      current > latest ? newerReason(current, latest) : readOnlyReason(path, copyPath !== null),
    copyPath,
  };
}
