// Numbered schema migrations. Never edit one that has shipped: its checksum is recorded in
// every database it ran on, and openStore refuses a database whose history disagrees.
import { createHash } from 'node:crypto';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks and their append-only event log',
    sql: `
      CREATE TABLE tasks (
        id                TEXT PRIMARY KEY,
        prompt            TEXT NOT NULL,
        starting_url      TEXT,
        status            TEXT NOT NULL,
        session_id        TEXT,
        remote_task_id    TEXT,
        poll_url          TEXT,
        result_message    TEXT,
        prompt_tokens     INTEGER,
        completion_tokens INTEGER,
        total_tokens      INTEGER,
        completion_time   REAL,
        cost              REAL,
        cost_source       TEXT CHECK (cost_source IN ('reported', 'estimated')),
        error_code        TEXT,
        error_message     TEXT,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL,
        started_at        INTEGER,
        ended_at          INTEGER
      );
      CREATE INDEX tasks_by_created ON tasks (created_at DESC, id DESC);
      CREATE INDEX tasks_by_status ON tasks (status);

      CREATE TABLE task_events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        at          INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        from_status TEXT,
        to_status   TEXT,
        payload     TEXT
      );
      CREATE INDEX task_events_by_task ON task_events (task_id, id);
      -- A task's story must replay exactly as it happened: rows are never rewritten.
      CREATE TRIGGER task_events_no_update BEFORE UPDATE ON task_events
        BEGIN SELECT RAISE(ABORT, 'task_events is append-only'); END;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
