// Numbered schema migrations. Never edit one that has shipped: its checksum is recorded in
// every database it ran on, and openStore refuses a database whose history disagrees.
import { BATCHES_SQL } from './batches';
import { MONEY_SQL } from './money';
import { TEMPLATE_VERDICTS_MIGRATION, WATCHES_SQL } from './watches';
import type { Migration } from '../migration-checksum';

export { checksumOf, type Migration } from '../migration-checksum';

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
  {
    version: 2,
    name: 'queue fields, sessions, usage samples, network, files, guardrails, full-text search',
    sql: `
      ALTER TABLE tasks ADD COLUMN mode TEXT NOT NULL DEFAULT 'oneshot' CHECK (mode IN ('oneshot', 'session'));
      ALTER TABLE tasks ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
      -- Position among queued tasks of the same priority; fractional so a reorder writes one row.
      ALTER TABLE tasks ADD COLUMN queue_order REAL;
      ALTER TABLE tasks ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE tasks ADD COLUMN retry_of TEXT REFERENCES tasks (id) ON DELETE SET NULL;
      -- The task's inputs besides prompt and URL (output type, schema, limits, file ids), as JSON.
      -- Credentials are never part of it: they stay in the keychain.
      ALTER TABLE tasks ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE tasks ADD COLUMN cost_cap REAL;
      ALTER TABLE tasks ADD COLUMN keep_session_open INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tasks ADD COLUMN last_activity TEXT;
      ALTER TABLE tasks ADD COLUMN question TEXT;
      CREATE INDEX tasks_queue ON tasks (status, priority DESC, queue_order, created_at) WHERE status = 'queued';
      CREATE INDEX tasks_by_session ON tasks (session_id);

      CREATE TABLE sessions (
        id           TEXT PRIMARY KEY,
        status       TEXT NOT NULL CHECK (status IN ('open', 'ended')),
        created_at   INTEGER NOT NULL,
        ended_at     INTEGER,
        end_reason   TEXT,
        socket_url   TEXT,
        web_view_url TEXT,
        keep_open    INTEGER NOT NULL DEFAULT 0,
        -- The app run that opened it: a session still open from another run is stray.
        run_id       TEXT NOT NULL
      );

      CREATE TABLE usage_samples (
        id                INTEGER PRIMARY KEY,
        task_id           TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        at                INTEGER NOT NULL,
        prompt_tokens     INTEGER,
        completion_tokens INTEGER,
        total_tokens      INTEGER,
        completion_time   REAL,
        cost              REAL
      );
      CREATE INDEX usage_samples_by_task ON usage_samples (task_id, at);

      CREATE TABLE network_requests (
        id      INTEGER PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        url     TEXT NOT NULL,
        host    TEXT,
        at      REAL
      );
      CREATE INDEX network_by_task ON network_requests (task_id, at);

      CREATE TABLE files (
        id           INTEGER PRIMARY KEY,
        task_id      TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        filename     TEXT NOT NULL,
        source       TEXT,
        download_url TEXT NOT NULL,
        local_path   TEXT,
        size         INTEGER,
        at           INTEGER,
        UNIQUE (task_id, download_url)
      );

      -- The question and what became of it; the answer itself is never stored.
      CREATE TABLE guardrails (
        id          INTEGER PRIMARY KEY,
        task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        question    TEXT NOT NULL,
        asked_at    INTEGER NOT NULL,
        answered_at INTEGER,
        outcome     TEXT CHECK (outcome IN ('answered', 'stopped', 'timed_out', 'cancelled'))
      );
      CREATE INDEX guardrails_open ON guardrails (task_id) WHERE answered_at IS NULL;

      -- Full-text search keeps its own copy keyed by task id (tasks has no INTEGER PRIMARY KEY,
      -- so its rowids are not stable enough for an external-content index).
      CREATE VIRTUAL TABLE tasks_fts USING fts5 (task_id UNINDEXED, prompt, result_message, tokenize = 'unicode61');
      INSERT INTO tasks_fts (task_id, prompt, result_message) SELECT id, prompt, coalesce(result_message, '') FROM tasks;
      CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
        INSERT INTO tasks_fts (task_id, prompt, result_message) VALUES (new.id, new.prompt, coalesce(new.result_message, ''));
      END;
      CREATE TRIGGER tasks_fts_update AFTER UPDATE OF prompt, result_message ON tasks BEGIN
        DELETE FROM tasks_fts WHERE task_id = old.id;
        INSERT INTO tasks_fts (task_id, prompt, result_message) VALUES (new.id, new.prompt, coalesce(new.result_message, ''));
      END;
      CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
        DELETE FROM tasks_fts WHERE task_id = old.id;
      END;

      CREATE VIRTUAL TABLE network_fts USING fts5 (url, content = 'network_requests', content_rowid = 'id', tokenize = 'unicode61');
      CREATE TRIGGER network_fts_insert AFTER INSERT ON network_requests BEGIN
        INSERT INTO network_fts (rowid, url) VALUES (new.id, new.url);
      END;
      CREATE TRIGGER network_fts_delete AFTER DELETE ON network_requests BEGIN
        INSERT INTO network_fts (network_fts, rowid, url) VALUES ('delete', old.id, old.url);
      END;
    `,
  },
  {
    version: 3,
    name: 'app starts: cold start and memory of the desktop app',
    sql: `
      CREATE TABLE app_starts (
        id              INTEGER PRIMARY KEY,
        at              INTEGER NOT NULL,
        host            TEXT NOT NULL,
        version         TEXT NOT NULL,
        ready_to_show_ms REAL,
        memory_kb       INTEGER,
        metrics         TEXT
      );
    `,
  },
  {
    version: 4,
    name: 'the page a task is on now',
    sql: `ALTER TABLE tasks ADD COLUMN current_url TEXT;`,
  },
  {
    version: 5,
    name: 'the true size of a network log, of which only the first part may be stored',
    sql: `ALTER TABLE tasks ADD COLUMN network_total INTEGER;`,
  },
  {
    version: 6,
    name: 'faster search and filters: one full-text row per task (prompt, answer, visited URLs), status, tag and spend indexes',
    sql: `
      -- A full-text row per URL made every network write and every common-word search slow;
      -- each task's visited URLs now go into its own row, next to its prompt and answer.
      DROP TRIGGER network_fts_insert;
      DROP TRIGGER network_fts_delete;
      DROP TABLE network_fts;
      DROP TRIGGER tasks_fts_insert;
      DROP TRIGGER tasks_fts_update;
      DROP TRIGGER tasks_fts_delete;
      DROP TABLE tasks_fts;

      CREATE VIRTUAL TABLE tasks_fts USING fts5 (task_id UNINDEXED, prompt, result_message, urls, tokenize = 'unicode61');
      -- Finds a task's full-text row without scanning the index (task_id is not indexed in it).
      CREATE TABLE tasks_fts_map (task_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
      INSERT INTO tasks_fts_map (task_id, fts_rowid) SELECT id, row_number() OVER (ORDER BY rowid) FROM tasks;
      INSERT INTO tasks_fts (rowid, task_id, prompt, result_message, urls)
        SELECT m.fts_rowid, t.id, t.prompt, coalesce(t.result_message, ''),
               coalesce((SELECT group_concat(url, ' ') FROM (SELECT DISTINCT url FROM network_requests n WHERE n.task_id = t.id LIMIT 2000)), '')
        FROM tasks t JOIN tasks_fts_map m ON m.task_id = t.id;

      CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
        INSERT INTO tasks_fts_map (task_id, fts_rowid) VALUES (new.id, coalesce((SELECT max(fts_rowid) FROM tasks_fts_map), 0) + 1);
        INSERT INTO tasks_fts (rowid, task_id, prompt, result_message, urls)
          VALUES ((SELECT fts_rowid FROM tasks_fts_map WHERE task_id = new.id), new.id, new.prompt, coalesce(new.result_message, ''), '');
      END;
      CREATE TRIGGER tasks_fts_update AFTER UPDATE OF prompt, result_message ON tasks
        WHEN old.prompt IS NOT new.prompt OR old.result_message IS NOT new.result_message BEGIN
        UPDATE tasks_fts SET prompt = new.prompt, result_message = coalesce(new.result_message, '')
          WHERE rowid = (SELECT fts_rowid FROM tasks_fts_map WHERE task_id = new.id);
      END;
      CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
        DELETE FROM tasks_fts WHERE rowid = (SELECT fts_rowid FROM tasks_fts_map WHERE task_id = old.id);
        DELETE FROM tasks_fts_map WHERE task_id = old.id;
      END;

      -- History filtered by status, newest first, without sorting.
      DROP INDEX tasks_by_status;
      CREATE INDEX tasks_by_status ON tasks (status, created_at DESC, id DESC);

      -- Tags as rows, so a tag filter is an index lookup instead of parsing JSON on every task.
      CREATE TABLE task_tags (
        tag        TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        task_id    TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        PRIMARY KEY (tag, created_at, task_id)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO task_tags (tag, created_at, task_id) SELECT j.value, t.created_at, t.id FROM tasks t, json_each(t.tags) j;
      CREATE TRIGGER task_tags_insert AFTER INSERT ON tasks BEGIN
        INSERT OR IGNORE INTO task_tags (tag, created_at, task_id) SELECT value, new.created_at, new.id FROM json_each(new.tags);
      END;
      CREATE TRIGGER task_tags_update AFTER UPDATE OF tags ON tasks BEGIN
        DELETE FROM task_tags WHERE task_id = old.id;
        INSERT OR IGNORE INTO task_tags (tag, created_at, task_id) SELECT value, new.created_at, new.id FROM json_each(new.tags);
      END;

      -- Spend by period reads only this index, never the task rows.
      CREATE INDEX tasks_spend ON tasks (created_at, cost, status);
    `,
  },
  {
    version: 7,
    name: 'which saved site credentials a task uses (site names only, never values)',
    sql: `ALTER TABLE tasks ADD COLUMN credential_sites TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    version: 8,
    name: 'batches: one template, many rows, each row sent at most once',
    sql: BATCHES_SQL,
  },
  {
    version: 9,
    name: 'AI assistants (MCP): live hosts, which host runs a task, requests awaiting approval',
    sql: `
      -- A process that runs its own tasks beside the app (the MCP server); alive while its
      -- heartbeat is fresh, so another desk on the same file leaves its tasks alone.
      CREATE TABLE desk_hosts (
        id           TEXT PRIMARY KEY,
        kind         TEXT NOT NULL,
        pid          INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL
      );
      -- No foreign key: the hold is written in the same transaction as the task, before it.
      CREATE TABLE task_holders (
        task_id TEXT PRIMARY KEY,
        host_id TEXT NOT NULL
      ) WITHOUT ROWID;
      -- A task an assistant asked for: its client's name, and the approval it may wait for.
      -- The runner never sees a request; a task is created only once it is approved.
      CREATE TABLE mcp_requests (
        id         TEXT PRIMARY KEY,
        host_id    TEXT NOT NULL,
        client     TEXT NOT NULL,
        prompt     TEXT NOT NULL,
        input      TEXT NOT NULL,
        cost_cap   REAL,
        status     TEXT NOT NULL CHECK (status IN ('awaiting_approval', 'approved', 'rejected', 'withdrawn', 'sent')),
        task_id    TEXT,
        created_at INTEGER NOT NULL,
        decided_at INTEGER
      );
      CREATE INDEX mcp_requests_pending ON mcp_requests (created_at) WHERE status = 'awaiting_approval';
      CREATE INDEX mcp_requests_by_task ON mcp_requests (task_id) WHERE task_id IS NOT NULL;
      -- Another process's changes are found by what changed since the last look.
      CREATE INDEX tasks_by_updated ON tasks (updated_at);
    `,
  },
  {
    version: 10,
    name: 'when a task began to wait for the person (question or pause), for its expiry countdown',
    sql: `
      ALTER TABLE tasks ADD COLUMN waiting_since INTEGER;
      UPDATE tasks SET waiting_since = updated_at WHERE status IN ('needs_input', 'paused');
      -- Set by the database on every status change, so no writer can forget it.
      CREATE TRIGGER tasks_waiting_since AFTER UPDATE OF status ON tasks WHEN new.status IS NOT old.status BEGIN
        UPDATE tasks SET waiting_since = CASE WHEN new.status IN ('needs_input', 'paused') THEN new.updated_at END WHERE id = new.id;
      END;
    `,
  },
  {
    version: 11,
    name: 'the environment a task ran in, and the trigger run a task was imported from',
    sql: `
      ALTER TABLE tasks ADD COLUMN environment_id TEXT;
      ALTER TABLE tasks ADD COLUMN trigger_id TEXT;
      ALTER TABLE tasks ADD COLUMN trigger_run_id TEXT;
      -- A trigger run is imported exactly once, however often (and by however many processes) it is seen.
      CREATE UNIQUE INDEX tasks_by_trigger_run ON tasks (trigger_run_id) WHERE trigger_run_id IS NOT NULL;
      -- History filtered by trigger, newest first.
      CREATE INDEX tasks_by_trigger ON tasks (trigger_id, created_at DESC, id DESC) WHERE trigger_id IS NOT NULL;
    `,
  },
  {
    version: 12,
    name: 'spend rollup: cost and known/unknown counts per hour, at each quarter-hour phase, kept by triggers',
    sql: `
      -- Every time zone's offset is a whole number of quarter hours, so its local days, weeks
      -- and months are runs of whole hours on one of four grids: hours shifted by 0, 15, 30 or
      -- 45 minutes (phase). Spend over a year reads one grid, ~8,800 rows, never the tasks.
      -- Cost is kept in integer nano-dollars so adding and removing a task leaves no float residue.
      -- known: tasks with a cost; unknown: tasks that may have cost something but whose cost is
      -- not known (never counted as 0; queued and cancelled tasks were never sent).
      CREATE TABLE spend_rollup (
        phase      INTEGER NOT NULL,
        hour       INTEGER NOT NULL,
        cost_nanos INTEGER NOT NULL,
        known      INTEGER NOT NULL,
        unknown    INTEGER NOT NULL,
        PRIMARY KEY (phase, hour)
      ) WITHOUT ROWID;
      CREATE TABLE spend_phases (phase INTEGER PRIMARY KEY);
      INSERT INTO spend_phases (phase) VALUES (0), (15), (30), (45);
      INSERT INTO spend_rollup (phase, hour, cost_nanos, known, unknown)
        SELECT p.phase, (t.created_at + p.phase * 60000) / 3600000, sum(CAST(round(coalesce(t.cost, 0) * 1e9) AS INTEGER)), count(t.cost),
               sum(t.cost IS NULL AND t.status NOT IN ('queued', 'cancelled'))
        FROM tasks t, spend_phases p WHERE t.cost IS NOT NULL OR t.status NOT IN ('queued', 'cancelled')
        GROUP BY p.phase, (t.created_at + p.phase * 60000) / 3600000;

      -- Triggers, so the rollup changes in the same transaction as the cost, whoever writes it.
      CREATE TRIGGER spend_rollup_insert AFTER INSERT ON tasks
        WHEN new.cost IS NOT NULL OR new.status NOT IN ('queued', 'cancelled') BEGIN
        INSERT INTO spend_rollup (phase, hour, cost_nanos, known, unknown)
          SELECT phase, (new.created_at + phase * 60000) / 3600000, CAST(round(coalesce(new.cost, 0) * 1e9) AS INTEGER),
                 new.cost IS NOT NULL, new.cost IS NULL AND new.status NOT IN ('queued', 'cancelled')
          FROM spend_phases WHERE 1
          ON CONFLICT (phase, hour) DO UPDATE SET cost_nanos = cost_nanos + excluded.cost_nanos,
            known = known + excluded.known, unknown = unknown + excluded.unknown;
      END;
      CREATE TRIGGER spend_rollup_update AFTER UPDATE OF cost, status, created_at ON tasks
        WHEN old.cost IS NOT new.cost OR old.created_at != new.created_at
          OR (old.status IN ('queued', 'cancelled')) != (new.status IN ('queued', 'cancelled')) BEGIN
        UPDATE spend_rollup SET cost_nanos = cost_nanos - CAST(round(coalesce(old.cost, 0) * 1e9) AS INTEGER),
            known = known - (old.cost IS NOT NULL), unknown = unknown - (old.cost IS NULL AND old.status NOT IN ('queued', 'cancelled'))
          WHERE (phase, hour) IN (SELECT phase, (old.created_at + phase * 60000) / 3600000 FROM spend_phases);
        INSERT INTO spend_rollup (phase, hour, cost_nanos, known, unknown)
          SELECT phase, (new.created_at + phase * 60000) / 3600000, CAST(round(coalesce(new.cost, 0) * 1e9) AS INTEGER),
                 new.cost IS NOT NULL, new.cost IS NULL AND new.status NOT IN ('queued', 'cancelled')
          FROM spend_phases WHERE new.cost IS NOT NULL OR new.status NOT IN ('queued', 'cancelled')
          ON CONFLICT (phase, hour) DO UPDATE SET cost_nanos = cost_nanos + excluded.cost_nanos,
            known = known + excluded.known, unknown = unknown + excluded.unknown;
      END;
      CREATE TRIGGER spend_rollup_delete AFTER DELETE ON tasks
        WHEN old.cost IS NOT NULL OR old.status NOT IN ('queued', 'cancelled') BEGIN
        UPDATE spend_rollup SET cost_nanos = cost_nanos - CAST(round(coalesce(old.cost, 0) * 1e9) AS INTEGER),
            known = known - (old.cost IS NOT NULL), unknown = unknown - (old.cost IS NULL AND old.status NOT IN ('queued', 'cancelled'))
          WHERE (phase, hour) IN (SELECT phase, (old.created_at + phase * 60000) / 3600000 FROM spend_phases);
      END;
    `,
  },
  {
    version: 13,
    name: 'money foresight: every balance WebRun reported, with its time and source; runs of one prompt found fast',
    sql: MONEY_SQL,
  },
  {
    version: 14,
    name: "a running task's deadline is stored, so a restart neither restarts nor forgets it",
    sql: 'ALTER TABLE tasks ADD COLUMN deadline_at INTEGER;',
  },
  {
    version: 15,
    name: 'the saved template a task was made from (its name then; NULL: none), for spend by template',
    sql: 'ALTER TABLE tasks ADD COLUMN template TEXT;',
  },
  {
    version: 16,
    name: 'watches: a task template on a schedule, its runs (tasks marked with the watch), verdicts and alerts',
    sql: WATCHES_SQL,
  },
  TEMPLATE_VERDICTS_MIGRATION,
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
