// Watches, their runs and alerts in SQLite. A watch's run is an ordinary task (history, spend,
// budgets, the inbox) marked with the watch; its run row only records which occurrence it was
// and, once it ended, the verdict and whether it changed. Claims are rows: an occurrence is
// handled at most once, whatever process sees it first.
import type Database from 'better-sqlite3';
import { ENDED } from '../../contract/task-status';
import {
  ChangeSettings,
  WatchCheck,
  WatchSchedule,
  WatchTemplate,
  type AlertKind,
  type CatchUp,
  type Verdict,
  type WatchAlert,
  type WatchSpec,
  type WatchState,
} from '../../contract/watches';
import { statementCache } from '../store/statement-cache';
import { z } from '../../contract/zod';

export interface WatchRecord extends WatchSpec {
  id: string;
  createdAt: number;
  updatedAt: number;
  state: WatchState;
  reason: string | null;
  anchorAt: number;
  handledUntil: number;
  lastChangeAt: number | null;
  lastUnchangedAlertAt: number | null;
}

export type RunState = 'sent' | 'caught_up' | 'missed';

export interface WatchRunRecord {
  watchId: string;
  dueAt: number;
  state: RunState;
  taskId: string | null;
  sentAt: number | null;
  verdict: Verdict | null;
  material: boolean | null;
  outcome: unknown;
  evaluatedAt: number | null;
  taskStatus: string | null;
}

interface WatchRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  state: WatchState;
  reason: string | null;
  template: string;
  placeholder_values: string;
  schedule: string;
  checks: string;
  change_settings: string;
  catch_up: CatchUp;
  anchor_at: number;
  handled_until: number;
  last_change_at: number | null;
  last_unchanged_alert_at: number | null;
}

const Values = z.record(z.string(), z.string());
const ENDED_LIST = [...ENDED].map((s) => `'${s}'`).join(', ');

/**
 * Parsed JSON columns by their text: a watch is read on every pass and every evaluation, and
 * its template, checks and settings change only when the person edits them. The same text
 * gives the same object, so what is compiled from it (patterns, schemas) is reused too.
 */
const parsedColumns = new Map<string, unknown>();
const MAX_PARSED = 500;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Shared between reads, so frozen: a reader that changed one would change them all. */
function parsedOnce<T>(text: string, parse: (value: unknown) => T): T {
  const key = `${parse.name}\u0000${text}`;
  if (parsedColumns.has(key)) return parsedColumns.get(key) as T;
  const value = deepFreeze(parse(JSON.parse(text) as unknown));
  if (parsedColumns.size >= MAX_PARSED) parsedColumns.clear();
  parsedColumns.set(key, value);
  return value;
}

const Checks = z.array(WatchCheck);
const parseTemplate = (v: unknown) => WatchTemplate.parse(v);
const parseValues = (v: unknown) => Values.parse(v);
const parseSchedule = (v: unknown) => WatchSchedule.parse(v);
const parseChecks = (v: unknown) => Checks.parse(v);
const parseChange = (v: unknown) => ChangeSettings.parse(v);

function toRecord(row: WatchRow): WatchRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    state: row.state,
    reason: row.reason,
    // Parsed again on the way out: the row is written by this module only, but a schema that
    // gained a default since is filled in here rather than surprising a reader.
    template: parsedOnce(row.template, parseTemplate),
    values: parsedOnce(row.placeholder_values, parseValues),
    schedule: parsedOnce(row.schedule, parseSchedule),
    checks: parsedOnce(row.checks, parseChecks),
    change: parsedOnce(row.change_settings, parseChange),
    catchUp: row.catch_up,
    anchorAt: row.anchor_at,
    handledUntil: row.handled_until,
    lastChangeAt: row.last_change_at,
    lastUnchangedAlertAt: row.last_unchanged_alert_at,
  };
}

function toRun(row: Record<string, unknown>): WatchRunRecord {
  return {
    watchId: row.watch_id as string,
    dueAt: row.due_at as number,
    state: row.state as RunState,
    taskId: row.task_id as string | null,
    sentAt: row.sent_at as number | null,
    verdict: row.verdict as Verdict | null,
    material: row.material === null ? null : row.material === 1,
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome as string) as unknown),
    evaluatedAt: row.evaluated_at as number | null,
    taskStatus: (row.task_status as string | null) ?? null,
  };
}

export class WatchStore {
  private readonly sql: (text: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  create(id: string, spec: WatchSpec, now: number): WatchRecord {
    this.sql(
      `INSERT INTO watches (id, name, created_at, updated_at, state, template, placeholder_values, schedule,
         checks, change_settings, catch_up, anchor_at, handled_until)
       VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      spec.name,
      now,
      now,
      JSON.stringify(spec.template),
      JSON.stringify(spec.values),
      JSON.stringify(spec.schedule),
      JSON.stringify(spec.checks),
      JSON.stringify(spec.change),
      spec.catchUp,
      now,
      now,
    );
    return this.get(id)!;
  }

  /**
   * Replaces what the person wrote (name, template, values, schedule, checks, change settings,
   * catch-up). A new schedule counts from now, so an edit never makes past occurrences due.
   */
  update(id: string, spec: WatchSpec, now: number): WatchRecord | null {
    const before = this.get(id);
    if (!before) return null;
    const schedule = JSON.stringify(spec.schedule);
    const rescheduled = schedule !== JSON.stringify(before.schedule);
    this.sql(
      `UPDATE watches SET name = ?, updated_at = ?, template = ?, placeholder_values = ?, schedule = ?,
         checks = ?, change_settings = ?, catch_up = ?,
         anchor_at = CASE WHEN ? THEN ? ELSE anchor_at END,
         handled_until = CASE WHEN ? THEN max(handled_until, ?) ELSE handled_until END
       WHERE id = ?`,
    ).run(
      spec.name,
      now,
      JSON.stringify(spec.template),
      JSON.stringify(spec.values),
      schedule,
      JSON.stringify(spec.checks),
      JSON.stringify(spec.change),
      spec.catchUp,
      Number(rescheduled),
      now,
      Number(rescheduled),
      now,
      id,
    );
    return this.get(id);
  }

  get(id: string): WatchRecord | null {
    const row = this.sql('SELECT * FROM watches WHERE id = ?').get(id) as WatchRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(): WatchRecord[] {
    return (this.sql('SELECT * FROM watches ORDER BY created_at, id').all() as WatchRow[]).map(
      toRecord,
    );
  }

  /** Watches whose id starts with `prefix` (a short id as the CLI shows it), at most 2. */
  byPrefix(prefix: string): string[] {
    return (
      this.sql('SELECT id FROM watches WHERE id >= ? AND id < ? ORDER BY id LIMIT 2').all(
        prefix,
        `${prefix}\uffff`,
      ) as { id: string }[]
    ).map((r) => r.id);
  }

  /** Removes the watch with its runs and alerts; its tasks stay in the history. */
  remove(id: string): boolean {
    return this.sql('DELETE FROM watches WHERE id = ?').run(id).changes > 0;
  }

  /** Active again counts from now: the occurrences of the pause are not caught up. */
  setState(id: string, state: WatchState, reason: string | null, now: number): void {
    this.sql(
      `UPDATE watches SET state = ?, reason = ?, updated_at = ?,
         anchor_at = CASE WHEN ? = 'active' AND state != 'active' THEN ? ELSE anchor_at END,
         handled_until = CASE WHEN ? = 'active' AND state != 'active' THEN ? ELSE handled_until END
       WHERE id = ?`,
    ).run(state, reason, now, state, now, state, now, id);
  }

  /** Claims one occurrence; false when it was claimed already (by this or another process). */
  claim(watchId: string, dueAt: number, state: RunState, at: number): boolean {
    return (
      this.sql(
        `INSERT INTO watch_runs (watch_id, due_at, state, sent_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ).run(watchId, dueAt, state, state === 'missed' ? null : at).changes === 1
    );
  }

  /** Links a claimed occurrence to its task and marks the task with its watch. */
  setRunTask(watchId: string, dueAt: number, taskId: string): void {
    this.sql('UPDATE watch_runs SET task_id = ? WHERE watch_id = ? AND due_at = ?').run(
      taskId,
      watchId,
      dueAt,
    );
    this.sql('UPDATE tasks SET watch_id = ? WHERE id = ?').run(watchId, taskId);
  }

  /** Every occurrence up to `until` is handled; never moves back. */
  advance(watchId: string, until: number): void {
    this.sql('UPDATE watches SET handled_until = max(handled_until, ?) WHERE id = ?').run(
      until,
      watchId,
    );
  }

  /** Runs whose task ended and that have no verdict yet, oldest first. */
  toEvaluate(limit = 100): WatchRunRecord[] {
    return (
      this.sql(
        // CROSS JOIN keeps the small side first: the few runs awaiting a verdict (partial
        // index), not every ended task in the history.
        `SELECT r.*, t.status AS task_status FROM watch_runs r INDEXED BY watch_runs_to_evaluate
           CROSS JOIN tasks t ON t.id = r.task_id
         WHERE r.task_id IS NOT NULL AND r.evaluated_at IS NULL AND t.status IN (${ENDED_LIST})
         ORDER BY r.due_at LIMIT ?`,
      ).all(limit) as Record<string, unknown>[]
    ).map(toRun);
  }

  /** The task of the last evaluated completed run before `dueAt`: what a run is compared with. */
  previousCompleted(watchId: string, dueAt: number): string | null {
    const row = this.sql(
      `SELECT r.task_id FROM watch_runs r JOIN tasks t ON t.id = r.task_id
       WHERE r.watch_id = ? AND r.due_at < ? AND t.status = 'completed' AND r.evaluated_at IS NOT NULL
       ORDER BY r.due_at DESC LIMIT 1`,
    ).get(watchId, dueAt) as { task_id: string } | undefined;
    return row?.task_id ?? null;
  }

  /** Writes a run's outcome, its alerts and the watch's change memory in one transaction. */
  saveOutcome(
    run: Pick<WatchRunRecord, 'watchId' | 'dueAt' | 'taskId'>,
    o: {
      verdict: Verdict | null;
      material: boolean | null;
      outcome: unknown;
      alerts: { kind: AlertKind; message: string }[];
      lastChangeAt: number | null;
    },
    now: number,
  ): boolean {
    return this.db.transaction(() => {
      const changed = this.sql(
        `UPDATE watch_runs SET verdict = ?, material = ?, outcome = ?, evaluated_at = ?
         WHERE watch_id = ? AND due_at = ? AND evaluated_at IS NULL`,
      ).run(
        o.verdict,
        o.material === null ? null : Number(o.material),
        JSON.stringify(o.outcome),
        now,
        run.watchId,
        run.dueAt,
      ).changes;
      // Another process evaluated it first: its alerts stand, these would be duplicates.
      if (changed === 0) return false;
      for (const alert of o.alerts)
        this.sql(
          'INSERT INTO watch_alerts (watch_id, task_id, kind, message, at) VALUES (?, ?, ?, ?, ?)',
        ).run(run.watchId, run.taskId, alert.kind, alert.message, now);
      const unchanged = o.alerts.some((a) => a.kind === 'unchanged');
      this.sql(
        `UPDATE watches SET last_change_at = ?,
           last_unchanged_alert_at = CASE WHEN ? THEN ? ELSE last_unchanged_alert_at END WHERE id = ?`,
      ).run(o.lastChangeAt, Number(unchanged), now, run.watchId);
      return true;
    })();
  }

  /** A watch's occurrences, newest first. */
  runs(watchId: string, limit = 50): WatchRunRecord[] {
    return (
      this.sql(
        `SELECT r.*, t.status AS task_status FROM watch_runs r LEFT JOIN tasks t ON t.id = r.task_id
         WHERE r.watch_id = ? ORDER BY r.due_at DESC LIMIT ?`,
      ).all(watchId, limit) as Record<string, unknown>[]
    ).map(toRun);
  }

  /** Verdicts of the last `limit` judged runs, newest first (pass and flap rates). */
  verdicts(watchId: string, limit = 20): Verdict[] {
    return (
      this.sql(
        `SELECT verdict FROM watch_runs WHERE watch_id = ? AND verdict IS NOT NULL
         ORDER BY due_at DESC LIMIT ?`,
      ).all(watchId, limit) as { verdict: Verdict }[]
    ).map((r) => r.verdict);
  }

  alerts(o: { watchId?: string; since?: number; limit?: number } = {}): WatchAlert[] {
    const rows = this.sql(
      `SELECT id, watch_id, task_id, kind, message, at FROM watch_alerts
       WHERE (? IS NULL OR watch_id = ?) AND at >= ? ORDER BY at DESC, id DESC LIMIT ?`,
    ).all(o.watchId ?? null, o.watchId ?? null, o.since ?? 0, o.limit ?? 100) as AlertRow[];
    return rows.map(alertOf);
  }
}

/** A watch_alerts row as SQLite gives it; every reader of alerts selects these columns. */
export interface AlertRow {
  id: number;
  watch_id: string;
  task_id: string | null;
  kind: AlertKind;
  message: string;
  at: number;
}

/** The one mapping from a stored alert to the contract's shape. */
export function alertOf(r: AlertRow): WatchAlert {
  return {
    id: r.id,
    watchId: r.watch_id,
    taskId: r.task_id,
    kind: r.kind,
    message: r.message,
    at: r.at,
  };
}
