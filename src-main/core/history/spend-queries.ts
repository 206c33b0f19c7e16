// Spend totals: by local day, week or month from the hourly rollup on quarter-hour grids
// (migration 12, kept by triggers in the same transaction as every cost change), and
// breakdowns by status and tag.
// Every total carries how many costs in it are unknown: an unknown cost is never a $0 one.
import type Database from 'better-sqlite3';
import type { CostSource, TaskStatus } from '../../contract/schemas';
import { statementCache } from '../store/statement-cache';

export type SpendPeriod = 'day' | 'week' | 'month';

export interface SpendBucket {
  period: string;
  /** Sum of the known costs. */
  cost: number;
  /** Tasks with a known cost. */
  tasks: number;
  /** Tasks that were sent but whose cost is not known (not in `cost`, never counted as 0). */
  unknownCost: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A task that may have cost something but has no known cost (queued and cancelled ones were never sent). */
const UNKNOWN = `cost IS NULL AND status NOT IN ('queued', 'cancelled')`;

interface DayRow {
  day: number;
  nanos: number;
  known: number;
  unknown: number;
}

/**
 * The key of a local day (days since the epoch, in local time) for a period, written as
 * SQLite's strftime writes it: '%Y-%m-%d', '%Y-W%W' (weeks start on Monday, days before the
 * year's first Monday are week 00) or '%Y-%m'.
 */
export function periodKey(localDay: number, period: SpendPeriod): string {
  const date = new Date(localDay * DAY);
  const iso = date.toISOString();
  if (period === 'day') return iso.slice(0, 10);
  if (period === 'month') return iso.slice(0, 7);
  const year = date.getUTCFullYear();
  const yearDay = localDay - Date.UTC(year, 0, 1) / DAY;
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const week = Math.floor((yearDay + 7 - mondayBased) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export class SpendQueries {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  /**
   * Known cost of tasks created in [from, to), by local period. `offsetMinutes` (east of UTC)
   * must be a whole number of quarter hours, as every time zone's is. Whole hours of the
   * offset's grid come from the rollup; only the ragged ends of an unaligned range are read
   * from the tasks.
   */
  spendBy(period: SpendPeriod, from: number, to: number, offsetMinutes: number): SpendBucket[] {
    if (!Number.isInteger(offsetMinutes / 15))
      throw new RangeError(
        `a time-zone offset is a whole number of quarter hours, not ${offsetMinutes} minutes`,
      );
    const offsetMs = offsetMinutes * 60_000;
    // The grid whose hours never straddle this zone's midnight: hour h covers [h·H − phase, (h+1)·H − phase).
    const phase = ((offsetMinutes % 60) + 60) % 60;
    const phaseMs = phase * 60_000;
    const firstHour = Math.ceil((from + phaseMs) / HOUR);
    const endHour = Math.floor((to + phaseMs) / HOUR);
    const buckets = new Map<string, { nanos: number; known: number; unknown: number }>();
    const add = (key: string, r: { nanos: number; known: number; unknown: number }): void => {
      if (r.known + r.unknown === 0) return; // hours whose tasks were all deleted
      const b = buckets.get(key) ?? { nanos: 0, known: 0, unknown: 0 };
      b.nanos += r.nanos;
      b.known += r.known;
      b.unknown += r.unknown;
      buckets.set(key, b);
    };
    const ragged: DayRow[] = [];
    if (firstHour < endHour) {
      // Local day d is grid hours [24·d − shift, 24·(d + 1) − shift); a period is a run of whole
      // days, so of whole grid hours. One range sum per period inside SQLite (12 for a year by
      // month, 53 by week, 365 by day): returning every hour to be folded here cost ~4× more.
      const shiftHours = (offsetMs - phaseMs) / HOUR;
      const firstDay = Math.floor((firstHour + shiftHours) / 24);
      const endDay = Math.floor((endHour - 1 + shiftHours) / 24) + 1;
      const spans: [string, number, number][] = [];
      for (let day = firstDay; day < endDay; day++) {
        const key = periodKey(day, period);
        const hi = Math.min(endHour, day * 24 + 24 - shiftHours);
        const last = spans.at(-1);
        if (last && last[0] === key) last[2] = hi;
        else spans.push([key, Math.max(firstHour, day * 24 - shiftHours), hi]);
      }
      const rows = this.sql(
        `WITH spans AS (SELECT key AS i, value ->> 0 AS lo, value ->> 1 AS hi FROM json_each(@spans))
         SELECT i, sum(r.cost_nanos) AS nanos, sum(r.known) AS known, sum(r.unknown) AS unknown
         FROM spans CROSS JOIN spend_rollup r ON r.phase = @phase AND r.hour >= spans.lo AND r.hour < spans.hi GROUP BY i`,
      ).all({ phase, spans: JSON.stringify(spans.map(([, lo, hi]) => [lo, hi])) }) as (Omit<
        DayRow,
        'day'
      > & { i: number })[];
      for (const r of rows) add(spans[r.i]![0], r);
      ragged.push(
        ...this.tasksByDay(from, firstHour * HOUR - phaseMs, offsetMs),
        ...this.tasksByDay(endHour * HOUR - phaseMs, to, offsetMs),
      );
    } else {
      ragged.push(...this.tasksByDay(from, to, offsetMs));
    }
    for (const r of ragged) add(periodKey(r.day, period), r);
    // Every key ('YYYY-MM-DD', 'YYYY-Www', 'YYYY-MM') sorts as its period does.
    return [...buckets]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, b]) => ({
        period: key,
        cost: b.nanos / 1e9,
        tasks: b.known,
        unknownCost: b.unknown,
      }));
  }

  /** The same figures read from the tasks themselves, for the parts of a range the rollup cannot cover. */
  private tasksByDay(from: number, to: number, offsetMs: number): DayRow[] {
    if (from >= to) return [];
    return this.sql(
      `SELECT (created_at + @offsetMs) / ${DAY} AS day, sum(CAST(round(coalesce(cost, 0) * 1e9) AS INTEGER)) AS nanos,
              count(cost) AS known, sum(${UNKNOWN}) AS unknown
       FROM tasks INDEXED BY tasks_spend WHERE created_at >= @from AND created_at < @to GROUP BY day`,
    ).all({ from, to, offsetMs }) as DayRow[];
  }

  /** Total known cost of tasks created in [from, to), and how many costs are unknown. */
  spendBetween(from: number, to: number): { cost: number; tasks: number; unknownCost: number } {
    const row = this.sql(
      `SELECT coalesce(sum(cost), 0) AS cost, count(*) AS tasks, coalesce(sum(cost IS NULL), 0) AS unknownCost
       FROM tasks t WHERE t.created_at >= ? AND t.created_at < ? AND t.status NOT IN ('queued', 'cancelled')`,
    ).get(from, to) as { cost: number; tasks: number; unknownCost: number };
    return row;
  }

  topTasksByCost(
    from: number,
    to: number,
    limit: number,
  ): { id: string; prompt: string; cost: number }[] {
    return this.sql(
      `SELECT id, prompt, cost FROM tasks t WHERE t.created_at >= ? AND t.created_at < ? AND t.cost IS NOT NULL
       ORDER BY cost DESC LIMIT ?`,
    ).all(from, to, limit) as { id: string; prompt: string; cost: number }[];
  }

  spendByStatus(
    from: number,
    to: number,
  ): { status: TaskStatus; cost: number; tasks: number; unknownCost: number }[] {
    return this.sql(
      `SELECT status, coalesce(sum(cost), 0) AS cost, count(*) AS tasks, coalesce(sum(${UNKNOWN}), 0) AS unknownCost FROM tasks t
       WHERE t.created_at >= ? AND t.created_at < ? GROUP BY status ORDER BY cost DESC, status`,
    ).all(from, to) as { status: TaskStatus; cost: number; tasks: number; unknownCost: number }[];
  }

  spendByTag(
    from: number,
    to: number,
  ): { tag: string; cost: number; tasks: number; unknownCost: number }[] {
    return this.sql(
      `SELECT g.tag AS tag, coalesce(sum(t.cost), 0) AS cost, count(*) AS tasks,
              coalesce(sum(t.cost IS NULL AND t.status NOT IN ('queued', 'cancelled')), 0) AS unknownCost
       FROM task_tags g JOIN tasks t ON t.id = g.task_id WHERE g.created_at >= ? AND g.created_at < ?
       GROUP BY g.tag ORDER BY cost DESC, g.tag`,
    ).all(from, to) as { tag: string; cost: number; tasks: number; unknownCost: number }[];
  }

  /** Spend by where each cost came from (WebRun reported it, or the app estimated it), and how
   * many tasks have no known cost. */
  spendBySource(
    from: number,
    to: number,
  ): { reported: number; estimated: number; unknownTasks: number } {
    return this.sql(
      `SELECT coalesce(sum(CASE WHEN cost_source = 'reported' THEN cost END), 0) AS reported,
              coalesce(sum(CASE WHEN cost_source = 'estimated' THEN cost END), 0) AS estimated,
              coalesce(sum(cost IS NULL), 0) AS unknownTasks
       FROM tasks t WHERE t.created_at >= ? AND t.created_at < ? AND t.status NOT IN ('queued', 'cancelled')`,
    ).get(from, to) as { reported: number; estimated: number; unknownTasks: number };
  }

  /** Where the cost of each of these tasks came from. */
  costSources(ids: readonly string[]): Map<string, CostSource | null> {
    const get = this.sql('SELECT cost_source AS s FROM tasks WHERE id = ?');
    return new Map(
      ids.map((id) => [id, (get.get(id) as { s: CostSource | null } | undefined)?.s ?? null]),
    );
  }
}
