// The watches tables (migration 14, read by core/watches), with the other migrations so the
// store imports no module above it; the migrations list imports this text and records its
// checksum, so it must never change once shipped.
import type { Migration } from '../migration-checksum';

export const WATCHES_SQL = `
      -- A watch: a task template (JSON: prompt with {{placeholders}}, starting URL, output type
      -- and schema, environment, cost cap), the placeholders' values, a schedule (JSON: preset,
      -- cron or interval, with a time zone), its checks and change settings (JSON), and what to
      -- do with runs missed while no desk ran (catch up once, or skip).
      CREATE TABLE watches (
        id                      TEXT PRIMARY KEY,
        name                    TEXT NOT NULL,
        created_at              INTEGER NOT NULL,
        updated_at              INTEGER NOT NULL,
        state                   TEXT NOT NULL CHECK (state IN ('active', 'paused', 'budget_paused')),
        reason                  TEXT,
        template                TEXT NOT NULL,
        placeholder_values      TEXT NOT NULL DEFAULT '{}',
        schedule                TEXT NOT NULL,
        checks                  TEXT NOT NULL DEFAULT '[]',
        change_settings         TEXT NOT NULL DEFAULT '{}',
        catch_up                TEXT NOT NULL CHECK (catch_up IN ('once', 'skip')),
        -- Intervals count from here (creation, or the last resume).
        anchor_at               INTEGER NOT NULL,
        -- Every occurrence up to here is handled (sent, caught up or listed as missed).
        handled_until           INTEGER NOT NULL,
        last_change_at          INTEGER,
        last_unchanged_alert_at INTEGER
      );
      -- One row per occurrence the desk dealt with. The primary key is the claim: an occurrence
      -- is sent at most once, by one process, in the transaction that creates its task.
      -- state: sent (on time), caught_up (sent late, once, for missed ones), missed (not run).
      CREATE TABLE watch_runs (
        watch_id     TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
        due_at       INTEGER NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('sent', 'caught_up', 'missed')),
        task_id      TEXT REFERENCES tasks (id) ON DELETE SET NULL,
        sent_at      INTEGER,
        -- Written once the task ended: the verdict of its checks (completed runs only), whether
        -- it changed materially from the previous completed run, and the details (JSON).
        verdict      TEXT CHECK (verdict IN ('pass', 'fail', 'unverified')),
        material     INTEGER,
        outcome      TEXT,
        evaluated_at INTEGER,
        PRIMARY KEY (watch_id, due_at)
      ) WITHOUT ROWID;
      CREATE INDEX watch_runs_by_task ON watch_runs (task_id) WHERE task_id IS NOT NULL;
      CREATE INDEX watch_runs_to_evaluate ON watch_runs (watch_id) WHERE task_id IS NOT NULL AND evaluated_at IS NULL;
      -- A watch's runs are ordinary tasks, marked with it.
      ALTER TABLE tasks ADD COLUMN watch_id TEXT;
      CREATE INDEX tasks_by_watch ON tasks (watch_id, created_at DESC, id DESC) WHERE watch_id IS NOT NULL;
      -- What a watch said: a material change, a failed check, a failed run, unchanged for N days.
      CREATE TABLE watch_alerts (
        id       INTEGER PRIMARY KEY,
        watch_id TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
        task_id  TEXT REFERENCES tasks (id) ON DELETE SET NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('material_change', 'check_failed', 'run_failed', 'unchanged')),
        message  TEXT NOT NULL,
        at       INTEGER NOT NULL,
        seen_at  INTEGER
      );
      CREATE INDEX watch_alerts_by_watch ON watch_alerts (watch_id, at DESC, id DESC);
      CREATE INDEX watch_alerts_unseen ON watch_alerts (at) WHERE seen_at IS NULL;
`;

/**
 * Migration 17: the verdict of every completed run started from a saved template, by the
 * template's own checks (templates live in the settings; their name is the key, as the tasks'
 * `template` column has it). A run is judged once, by whichever process sees it end first.
 */
export const TEMPLATE_VERDICTS_MIGRATION: Migration = {
  version: 17,
  name: "templates' checks: the verdict of each completed run started from a saved template",
  sql: `
      CREATE TABLE template_verdicts (
        task_id   TEXT PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
        template  TEXT NOT NULL,
        -- When the run was created: the template's last 20 runs are the newest by this.
        run_at    INTEGER NOT NULL,
        verdict   TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'unverified')),
        results   TEXT NOT NULL,
        judged_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX template_verdicts_by_template ON template_verdicts (template, run_at DESC);
`,
};
