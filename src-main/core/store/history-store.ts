// History and spend: filtered, keyset-paginated lists, full-text search over prompts,
// results and visited URLs, and cost totals by period. Read-only queries over the tables the
// runner writes.
import type Database from 'better-sqlite3';
import { statementCache } from './statement-cache';
import type { CostSource, TaskStatus } from '../../contract/schemas';
import type { StoredTask } from './task-store';
import { TaskStore } from './task-store';

export interface HistoryFilter {
  status?: TaskStatus[];
  /** Inclusive lower bound on created_at (ms). */
  from?: number | null;
  /** Exclusive upper bound on created_at (ms). */
  to?: number | null;
  text?: string | null;
  tag?: string | null;
  sessionId?: string | null;
  triggerId?: string | null;
}

export type SpendPeriod = 'day' | 'week' | 'month';

export interface SpendBucket {
  period: string;
  cost: number;
  tasks: number;
}

/** Turns what a person types into an FTS5 query: every word must match, as a prefix. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return null;
  return words.slice(0, 16).map((w) => `"${w}"*`).join(' ');
}

function where(filter: HistoryFilter, params: Record<string, unknown>): string {
  const clauses: string[] = [];
  if (filter.status && filter.status.length > 0) {
    clauses.push(`t.status IN (${filter.status.map((_, i) => `@status${i}`).join(', ')})`);
    filter.status.forEach((s, i) => (params[`status${i}`] = s));
  }
  if (filter.from != null) {
    clauses.push('t.created_at >= @from');
    params.from = filter.from;
  }
  if (filter.to != null) {
    clauses.push('t.created_at < @to');
    params.to = filter.to;
  }
  if (filter.tag) {
    clauses.push('t.id IN (SELECT task_id FROM task_tags WHERE tag = @tag)');
    params.tag = filter.tag;
  }
  if (filter.sessionId) {
    clauses.push('t.session_id = @sessionId');
    params.sessionId = filter.sessionId;
  }
  if (filter.triggerId) {
    clauses.push('t.trigger_id = @triggerId');
    params.triggerId = filter.triggerId;
  }
  const q = filter.text ? ftsQuery(filter.text) : null;
  if (filter.text && !q) clauses.push('0'); // only punctuation: nothing can match
  if (q) {
    // Prompt, answer and visited URLs share one full-text row per task.
    clauses.push('t.id IN (SELECT task_id FROM tasks_fts WHERE tasks_fts MATCH @q)');
    params.q = q;
  }
  return clauses.length ? clauses.join(' AND ') : '1';
}

/** Local-time period key of a timestamp column, as SQLite's strftime sees it. */
function periodExpression(period: SpendPeriod): string {
  const format = period === 'day' ? '%Y-%m-%d' : period === 'week' ? '%Y-W%W' : '%Y-%m';
  return `strftime('${format}', t.created_at / 1000 + @offsetSeconds, 'unixepoch')`;
}

/** A task WebRun was sent (queued and cancelled-before-sent ones cost nothing) whose cost is unknown. */
const UNKNOWN_COST = `t.cost IS NULL AND t.status NOT IN ('queued', 'cancelled')`;

export class HistoryStore {
  private readonly sql: (text: string) => Database.Statement;
  private readonly tasks: TaskStore;

  constructor(
    private readonly db: Database.Database,
    /** The backend's inactivity expiry, for the views' expiresAt (see TaskStore). */
    inactivityMs?: number,
  ) {
    this.sql = statementCache(this.db);
    this.tasks = new TaskStore(db, Date.now, inactivityMs);
  }

  /**
   * Newest first, keyset-paginated, driven by whichever index yields rows already in order,
   * so a page costs the same however large the history: the full-text index for a search
   * (its rows are numbered in creation order), the tag table for a tag, else the time index.
   */
  list(filter: HistoryFilter, limit: number, before?: string | null): { tasks: StoredTask[]; nextCursor: string | null } {
    const q = filter.text ? ftsQuery(filter.text) : null;
    if (filter.text && !q) return { tasks: [], nextCursor: null }; // only punctuation: nothing matches
    const cursor = before ? this.tasks.get(before) : null;
    const params: Record<string, unknown> = { limit: limit + 1 };
    let sql: string;
    if (q) {
      params.q = q;
      const rest = where({ ...filter, text: null }, params);
      let after = '';
      if (cursor) {
        params.cursorRowid = (this.sql('SELECT fts_rowid FROM tasks_fts_map WHERE task_id = ?').get(cursor.id) as { fts_rowid: number } | undefined)?.fts_rowid ?? 0;
        after = 'AND f.rowid < @cursorRowid';
      }
      sql = `SELECT t.id FROM tasks_fts f JOIN tasks_fts_map m ON m.fts_rowid = f.rowid JOIN tasks t ON t.id = m.task_id
             WHERE tasks_fts MATCH @q AND ${rest} ${after} ORDER BY f.rowid DESC LIMIT @limit`;
    } else if (filter.tag) {
      params.tag = filter.tag;
      const rest = where({ ...filter, tag: null }, params);
      let after = '';
      if (cursor) {
        Object.assign(params, { cursorAt: cursor.createdAt, cursorId: cursor.id });
        after = 'AND (g.created_at, g.task_id) < (@cursorAt, @cursorId)';
      }
      sql = `SELECT t.id FROM task_tags g JOIN tasks t ON t.id = g.task_id
             WHERE g.tag = @tag AND ${rest} ${after} ORDER BY g.created_at DESC, g.task_id DESC LIMIT @limit`;
    } else {
      const rest = where(filter, params);
      let after = '';
      if (cursor) {
        Object.assign(params, { cursorAt: cursor.createdAt, cursorId: cursor.id });
        after = 'AND (t.created_at, t.id) < (@cursorAt, @cursorId)';
      }
      // A single status has its own ordered index; otherwise walk the time index.
      const index = filter.status?.length === 1 ? 'tasks_by_status' : 'tasks_by_created';
      sql = `SELECT t.id FROM tasks t INDEXED BY ${index} WHERE ${rest} ${after} ORDER BY t.created_at DESC, t.id DESC LIMIT @limit`;
    }
    const ids = (this.sql(sql).all(params) as { id: string }[]).map((r) => r.id);
    const page = ids.slice(0, limit).map((id) => this.tasks.get(id)!);
    return { tasks: page, nextCursor: ids.length > limit ? page[page.length - 1]!.id : null };
  }

  count(filter: HistoryFilter): number {
    const params: Record<string, unknown> = {};
    return (this.sql(`SELECT count(*) AS n FROM tasks t WHERE ${where(filter, params)}`).get(params) as { n: number }).n;
  }

  /** Total known cost of tasks created in [from, to). Unknown costs are left out, not counted as 0. */
  spendBetween(from: number, to: number): { cost: number; tasks: number; unknownCost: number } {
    const row = this.sql(
        `SELECT coalesce(sum(cost), 0) AS cost, count(*) AS tasks, sum(cost IS NULL) AS unknownCost
         FROM tasks t WHERE t.created_at >= ? AND t.created_at < ? AND t.status NOT IN ('queued', 'cancelled')`,
      )
      .get(from, to) as { cost: number; tasks: number; unknownCost: number | null };
    return { cost: row.cost, tasks: row.tasks, unknownCost: row.unknownCost ?? 0 };
  }

  spendBy(period: SpendPeriod, from: number, to: number, offsetMinutes: number): SpendBucket[] {
    if (period === 'day') {
      // Whole local days by integer arithmetic: strftime on every row cost more than the sum.
      const rows = this.sql(
        `SELECT (t.created_at + CAST(@offsetMs AS INTEGER)) / 86400000 AS day, coalesce(sum(cost), 0) AS cost, count(*) AS tasks
         FROM tasks t INDEXED BY tasks_spend WHERE t.created_at >= @from AND t.created_at < @to AND t.cost IS NOT NULL
         GROUP BY day ORDER BY day`,
      ).all({ from, to, offsetMs: offsetMinutes * 60_000 }) as { day: number; cost: number; tasks: number }[];
      return rows.map((r) => ({ period: new Date(r.day * 86_400_000).toISOString().slice(0, 10), cost: r.cost, tasks: r.tasks }));
    }
    const expr = periodExpression(period);
    return this.sql(
        `SELECT ${expr} AS period, coalesce(sum(cost), 0) AS cost, count(*) AS tasks
         FROM tasks t WHERE t.created_at >= @from AND t.created_at < @to AND t.cost IS NOT NULL
         GROUP BY period ORDER BY period`,
      )
      .all({ from, to, offsetSeconds: offsetMinutes * 60 }) as SpendBucket[];
  }

  topTasksByCost(from: number, to: number, limit: number): { id: string; prompt: string; cost: number }[] {
    return this.sql(
        `SELECT id, prompt, cost FROM tasks t WHERE t.created_at >= ? AND t.created_at < ? AND t.cost IS NOT NULL
         ORDER BY cost DESC LIMIT ?`,
      )
      .all(from, to, limit) as { id: string; prompt: string; cost: number }[];
  }

  /** Spend by status; unknownCost counts the tasks that were sent but have no known cost. */
  spendByStatus(from: number, to: number): { status: TaskStatus; cost: number; tasks: number; unknownCost: number }[] {
    return this.sql(
        `SELECT status, coalesce(sum(cost), 0) AS cost, count(*) AS tasks, coalesce(sum(${UNKNOWN_COST}), 0) AS unknownCost FROM tasks t
         WHERE t.created_at >= ? AND t.created_at < ? GROUP BY status ORDER BY cost DESC, status`,
      )
      .all(from, to) as { status: TaskStatus; cost: number; tasks: number; unknownCost: number }[];
  }

  spendByTag(from: number, to: number): { tag: string; cost: number; tasks: number; unknownCost: number }[] {
    return this.sql(
        `SELECT g.tag AS tag, coalesce(sum(t.cost), 0) AS cost, count(*) AS tasks, coalesce(sum(${UNKNOWN_COST}), 0) AS unknownCost
         FROM task_tags g JOIN tasks t ON t.id = g.task_id WHERE g.created_at >= ? AND g.created_at < ?
         GROUP BY g.tag ORDER BY cost DESC, g.tag`,
      )
      .all(from, to) as { tag: string; cost: number; tasks: number; unknownCost: number }[];
  }

  /** Spend by where each cost came from (WebRun reported it, or the app estimated it), and how
   * many tasks have no known cost. */
  spendBySource(from: number, to: number): { reported: number; estimated: number; unknownTasks: number } {
    const row = this.sql(
        `SELECT coalesce(sum(CASE WHEN cost_source = 'reported' THEN cost END), 0) AS reported,
                coalesce(sum(CASE WHEN cost_source = 'estimated' THEN cost END), 0) AS estimated,
                coalesce(sum(cost IS NULL), 0) AS unknownTasks
         FROM tasks t WHERE t.created_at >= ? AND t.created_at < ? AND t.status NOT IN ('queued', 'cancelled')`,
      )
      .get(from, to) as { reported: number; estimated: number; unknownTasks: number };
    return row;
  }

  /** Where the cost of each of these tasks came from. */
  costSources(ids: readonly string[]): Map<string, CostSource | null> {
    const get = this.sql('SELECT cost_source AS s FROM tasks WHERE id = ?');
    return new Map(ids.map((id) => [id, ((get.get(id) as { s: CostSource | null } | undefined)?.s ?? null)]));
  }

  /** Every task matching the filter, newest first, in pages so exports never hold a huge array. */
  *iterate(filter: HistoryFilter, pageSize = 500): Generator<StoredTask> {
    let cursor: string | null = null;
    do {
      const page = this.list(filter, pageSize, cursor);
      yield* page.tasks;
      cursor = page.nextCursor;
    } while (cursor);
  }
}
