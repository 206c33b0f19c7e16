// History: filtered, keyset-paginated lists and full-text search over prompts, results and
// visited URLs; spend totals are SpendQueries'. Read-only queries over the tables the runner writes.
import type Database from 'better-sqlite3';
import { statementCache } from '../store/statement-cache';
import type { SpendGroup, SpendGroupBy, TaskStatus } from '../../contract/schemas';
import type { StoredTask } from '../tasks/task-store';
import { TaskStore } from '../tasks/task-store';
import { SpendGroups } from './spend-groups';
import { SpendQueries, type SpendBucket, type SpendPeriod } from './spend-queries';

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
  watchId?: string | null;
}

export type { SpendBucket, SpendPeriod } from './spend-queries';

/**
 * Turns what a person types into an FTS5 query: every word must match, as a prefix; words in
 * double quotes must match together, in that order, as a phrase ("LOAD#7" finds LOAD#7 only,
 * not LOAD#1 with a 7 elsewhere). An unbalanced quote is just a character.
 */
export function ftsQuery(text: string): string | null {
  const terms: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|([^"]+)/g)) {
    const words = (match[1] ?? match[2] ?? '').match(/[\p{L}\p{N}_]+/gu) ?? [];
    if (match[1] !== undefined) {
      if (words.length > 0) terms.push(`"${words.join(' ')}"`);
    } else for (const w of words) terms.push(`"${w}"*`);
  }
  return terms.length === 0 ? null : terms.slice(0, 16).join(' ');
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
  if (filter.watchId) {
    clauses.push('t.watch_id = @watchId');
    params.watchId = filter.watchId;
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

export class HistoryStore {
  private readonly sql: (text: string) => Database.Statement;
  private readonly tasks: TaskStore;
  private readonly spend: SpendQueries;
  private readonly groups: SpendGroups;

  constructor(
    private readonly db: Database.Database,
    /** The backend's inactivity expiry, for the views' expiresAt (see TaskStore). */
    inactivityMs?: number,
  ) {
    this.sql = statementCache(this.db);
    this.tasks = new TaskStore(db, Date.now, inactivityMs);
    this.spend = new SpendQueries(db);
    this.groups = new SpendGroups(db);
  }

  /**
   * Newest first, keyset-paginated, driven by whichever index yields rows already in order,
   * so a page costs the same however large the history: the full-text index for a search
   * (its rows are numbered in creation order), the tag table for a tag, else the time index.
   */
  list(
    filter: HistoryFilter,
    limit: number,
    before?: string | null,
  ): { tasks: StoredTask[]; nextCursor: string | null } {
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
        params.cursorRowid =
          (
            this.sql('SELECT fts_rowid FROM tasks_fts_map WHERE task_id = ?').get(cursor.id) as
              { fts_rowid: number } | undefined
          )?.fts_rowid ?? 0;
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
      // A watch's runs have their own ordered index, so does a single status; otherwise walk
      // the time index.
      const index = filter.watchId
        ? 'tasks_by_watch'
        : filter.status?.length === 1
          ? 'tasks_by_status'
          : 'tasks_by_created';
      sql = `SELECT t.id FROM tasks t INDEXED BY ${index} WHERE ${rest} ${after} ORDER BY t.created_at DESC, t.id DESC LIMIT @limit`;
    }
    const ids = (this.sql(sql).all(params) as { id: string }[]).map((r) => r.id);
    const page = ids.slice(0, limit).map((id) => this.tasks.peek(id)!);
    return { tasks: page, nextCursor: ids.length > limit ? page[page.length - 1]!.id : null };
  }

  count(filter: HistoryFilter): number {
    const params: Record<string, unknown> = {};
    return (
      this.sql(`SELECT count(*) AS n FROM tasks t WHERE ${where(filter, params)}`).get(params) as {
        n: number;
      }
    ).n;
  }

  // Spend lives in its own module (the rollup and its ragged edges); these keep callers short.
  spendBetween(from: number, to: number): ReturnType<SpendQueries['spendBetween']> {
    return this.spend.spendBetween(from, to);
  }

  spendBy(period: SpendPeriod, from: number, to: number, offsetMinutes: number): SpendBucket[] {
    return this.spend.spendBy(period, from, to, offsetMinutes);
  }

  topTasksByCost(
    from: number,
    to: number,
    limit: number,
  ): ReturnType<SpendQueries['topTasksByCost']> {
    return this.spend.topTasksByCost(from, to, limit);
  }

  spendByStatus(from: number, to: number): ReturnType<SpendQueries['spendByStatus']> {
    return this.spend.spendByStatus(from, to);
  }

  spendByTag(from: number, to: number): ReturnType<SpendQueries['spendByTag']> {
    return this.spend.spendByTag(from, to);
  }

  spendGroupedBy(by: SpendGroupBy, from: number, to: number): SpendGroup[] {
    return this.groups.spendGroupedBy(by, from, to);
  }

  spendBySource(from: number, to: number): ReturnType<SpendQueries['spendBySource']> {
    return this.spend.spendBySource(from, to);
  }

  costSources(ids: readonly string[]): ReturnType<SpendQueries['costSources']> {
    return this.spend.costSources(ids);
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

  /**
   * The one task (or session) whose id starts with `prefix`, for the short ids `webrun-desk
   * history` prints; the prefix itself when none or several match (the caller then says so).
   */
  completeId(kind: 'tasks' | 'sessions', prefix: string): string {
    if (prefix.length < 4 || prefix.length >= 36) return prefix;
    const table = kind === 'tasks' ? 'tasks' : 'sessions';
    const rows = this.sql(`SELECT id FROM ${table} WHERE substr(id, 1, ?) = ? LIMIT 2`).all(
      prefix.length,
      prefix,
    ) as { id: string }[];
    return rows.length === 1 ? rows[0]!.id : prefix;
  }
}
