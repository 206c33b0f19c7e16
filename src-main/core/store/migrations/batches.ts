// The batches tables (migration 8, read by core/batches). With the other migrations so the
// store, the ground floor, imports no module above it; the migrations list imports this text,
// and its checksum is what open-store records, so it must never change.
export const BATCHES_SQL = `
      CREATE TABLE batches (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('running', 'paused', 'budget_stopped', 'cancelled', 'finished')),
        reason        TEXT,
        template      TEXT NOT NULL,
        template_key  TEXT NOT NULL,
        columns       TEXT NOT NULL,
        concurrency   INTEGER NOT NULL,
        budget        REAL,
        retry_of      TEXT REFERENCES batches (id) ON DELETE SET NULL,
        first_sent_at INTEGER
      );
      CREATE INDEX batches_by_template ON batches (template_key);
      -- state 'sent' is written in the same transaction that creates the row's task, so a row is
      -- handed to the queue at most once, even across crashes and processes. It goes back to
      -- 'waiting' only with its task still queued (never claimed, so never sent), when a pause
      -- takes the task back. A task deleted from history leaves task_id NULL and state 'sent'.
      CREATE TABLE batch_rows (
        batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        idx      INTEGER NOT NULL,
        line     INTEGER NOT NULL,
        input    TEXT NOT NULL,
        state    TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'skipped', 'cancelled')),
        task_id  TEXT REFERENCES tasks (id) ON DELETE SET NULL,
        sent_at  INTEGER,
        PRIMARY KEY (batch_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX batch_rows_by_task ON batch_rows (task_id) WHERE task_id IS NOT NULL;
    `;
