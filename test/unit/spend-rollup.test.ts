// The spend rollup (migration 8) against the tasks it summarises: after any mix of creates,
// cost and status changes and deletes, spend by day, week and month in any time zone equals
// the sum over the tasks themselves, unknown-cost counts included.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TaskStatus } from '../../src-main/contract/schemas';
import { spendSummary } from '../../src-main/core/money/spend';
import { budgetStatus } from '../../src-main/core/budget/budget-guard';
import { HistoryStore } from '../../src-main/core/history/history-store';
import { MIGRATIONS } from '../../src-main/core/store/migrations';
import { openStore } from '../../src-main/core/store/open-store';
import { periodKey, type SpendPeriod } from '../../src-main/core/history/spend-queries';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
let cleanup: () => void;
let dir: string;

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  dir = t.dir;
});
afterEach(() => cleanup());

/** The reference: every task read back and grouped in JavaScript. */
function expected(
  db: Database.Database,
  period: SpendPeriod,
  from: number,
  to: number,
  offsetMinutes: number,
) {
  const rows = db
    .prepare(
      'SELECT created_at AS at, cost, status FROM tasks WHERE created_at >= ? AND created_at < ? ORDER BY created_at',
    )
    .all(from, to) as { at: number; cost: number | null; status: string }[];
  const buckets = new Map<string, { cost: number; tasks: number; unknownCost: number }>();
  for (const r of rows) {
    const unknown = r.cost === null && r.status !== 'queued' && r.status !== 'cancelled';
    if (r.cost === null && !unknown) continue;
    const key = periodKey(Math.floor((r.at + offsetMinutes * 60_000) / DAY), period);
    const b = buckets.get(key) ?? { cost: 0, tasks: 0, unknownCost: 0 };
    if (r.cost !== null) {
      b.cost += r.cost;
      b.tasks += 1;
    } else b.unknownCost += 1;
    buckets.set(key, b);
  }
  return [...buckets].map(([key, b]) => ({ period: key, ...b }));
}

const cost = fc.option(
  fc.integer({ min: 0, max: 5_000_000 }).map((n) => n / 1e6),
  { nil: null, freq: 3 },
);
const op = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    at: fc.integer({ min: 0, max: 4 * DAY }),
    status: fc.constantFrom(...TaskStatus.options),
    cost,
  }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    status: fc.option(fc.constantFrom(...TaskStatus.options), { nil: undefined }),
    cost: fc.option(cost, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('spend rollup', () => {
  it('equals the sum over the tasks for any changes, period, time zone and range', () => {
    const { db } = openStore(join(dir, 'rollup.db'));
    const tasks = new TaskStore(db);
    const history = new HistoryStore(db);
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.constantFrom<SpendPeriod>('day', 'week', 'month'),
        fc.integer({ min: -56, max: 56 }).map((q) => q * 15),
        fc.integer({ min: -DAY, max: 5 * DAY }),
        fc.integer({ min: 0, max: 6 * DAY }),
        fc.boolean(),
        (ops, period, offset, start, length, aligned) => {
          for (const o of ops) {
            const ids = (
              db.prepare('SELECT id FROM tasks ORDER BY id').all() as { id: string }[]
            ).map((r) => r.id);
            if (o.kind === 'create') {
              const id = `t${n++}`;
              tasks.create({ id, prompt: id, startingUrl: null, createdAt: T0 + o.at });
              tasks.update(id, {
                status: o.status,
                usage:
                  o.cost === null
                    ? null
                    : {
                        promptTokens: 1,
                        completionTokens: 1,
                        totalTokens: 2,
                        completionTime: 1,
                        cost: o.cost,
                      },
              });
            } else if (ids.length > 0 && o.kind === 'update') {
              const id = ids[o.pick % ids.length]!;
              tasks.update(id, {
                ...(o.status ? { status: o.status } : {}),
                ...(o.cost !== undefined
                  ? {
                      usage:
                        o.cost === null
                          ? null
                          : {
                              promptTokens: 1,
                              completionTokens: 1,
                              totalTokens: 2,
                              completionTime: 1,
                              cost: o.cost,
                            },
                    }
                  : {}),
              });
            } else if (ids.length > 0 && o.kind === 'delete')
              tasks.delete(ids[o.pick % ids.length]!);
          }
          const from = aligned ? T0 + Math.floor(start / DAY) * DAY : T0 + start;
          const to = from + (aligned ? Math.ceil(length / DAY) * DAY : length);
          const got = history.spendBy(period, from, to, offset);
          const want = expected(db, period, from, to, offset);
          expect(got.map(({ cost: _c, ...rest }) => rest)).toEqual(
            want.map(({ cost: _c, ...rest }) => rest),
          );
          got.forEach((b, i) => expect(b.cost).toBeCloseTo(want[i]!.cost, 9));
          // The rollup itself, hour by hour on each grid, is exact (integer nano-dollars).
          const drift = db
            .prepare(
              `SELECT count(*) AS n FROM (SELECT p.phase, (t.created_at + p.phase * 60000) / 3600000 AS hour,
                    sum(CAST(round(coalesce(t.cost, 0) * 1e9) AS INTEGER)) AS nanos, count(t.cost) AS known,
                    sum(t.cost IS NULL AND t.status NOT IN ('queued', 'cancelled')) AS unknown
                    FROM tasks t, spend_phases p GROUP BY p.phase, hour) t
             FULL JOIN spend_rollup r USING (phase, hour)
             WHERE coalesce(t.nanos, 0) != coalesce(r.cost_nanos, 0) OR coalesce(t.known, 0) != coalesce(r.known, 0) OR coalesce(t.unknown, 0) != coalesce(r.unknown, 0)`,
            )
            .get() as { n: number };
          expect(drift.n).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
    db.close();
  });

  it('names weeks exactly as SQLite strftime %Y-W%W does', () => {
    const db = new Database(':memory:');
    const strftime = db.prepare("SELECT strftime('%Y-W%W', ? * 86400, 'unixepoch') AS w");
    for (let day = Date.UTC(2019, 11, 20) / DAY; day < Date.UTC(2031, 0, 10) / DAY; day++) {
      expect(periodKey(day, 'week')).toBe((strftime.get(day) as { w: string }).w);
    }
    db.close();
  });

  it('is filled from the tasks already there when the migration runs', () => {
    const path = join(dir, 'old.db');
    // Every migration before the rollup's (the lead renumbers at merges: found by name).
    const rollup = MIGRATIONS.find((m) => m.name.startsWith('spend rollup'))!.version;
    const before = openStore(path, { migrations: MIGRATIONS.filter((m) => m.version < rollup) });
    // Rows as the app of that schema wrote them (today's TaskStore names later columns).
    const insert = before.db.prepare(
      `INSERT INTO tasks (id, prompt, status, created_at, updated_at, cost) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insert.run('a', 'a', 'completed', T0 + 1, T0 + 1, 0.25);
    insert.run('b', 'b', 'unknown', T0 + 2, T0 + 2, null);
    before.db.close();
    const { db } = openStore(path);
    expect(new HistoryStore(db).spendBy('day', T0, T0 + DAY, 0)).toEqual([
      { period: '2026-11-01', cost: 0.25, tasks: 1, unknownCost: 1 },
    ]);
    db.close();
  });

  it('never counts an unknown cost as $0: every total says how many costs are unknown', () => {
    const { db } = openStore(join(dir, 'unknown.db'));
    const tasks = new TaskStore(db, () => T0);
    const history = new HistoryStore(db);
    const add = (id: string, status: TaskStatus, c: number | null, tags: string[] = []) => {
      tasks.create({ id, prompt: id, startingUrl: null, createdAt: T0 + 60_000, tags });
      tasks.update(id, {
        status,
        usage:
          c === null
            ? null
            : { promptTokens: 1, completionTokens: 1, totalTokens: 2, completionTime: 1, cost: c },
      });
    };
    add('a', 'completed', 0.5, ['x']);
    add('b', 'completed', null, ['x']); // answered without usage: unknown, not free
    add('c', 'unknown', null);
    add('d', 'cancelled', null); // never sent: nothing to know
    add('e', 'queued', null);
    expect(history.spendByStatus(T0, T0 + DAY)).toEqual([
      { status: 'completed', cost: 0.5, tasks: 2, unknownCost: 1 },
      { status: 'cancelled', cost: 0, tasks: 1, unknownCost: 0 },
      { status: 'queued', cost: 0, tasks: 1, unknownCost: 0 },
      { status: 'unknown', cost: 0, tasks: 1, unknownCost: 1 },
    ]);
    expect(history.spendByTag(T0, T0 + DAY)).toEqual([
      { tag: 'x', cost: 0.5, tasks: 2, unknownCost: 1 },
    ]);
    const budget = budgetStatus(
      history,
      { dailyCap: null, monthlyCap: null, stopRunningAtCap: false },
      T0 + 3_600_000,
    );
    const summary = spendSummary(history, budget, T0 + 3_600_000, 0, 30);
    expect(summary.unknownCost).toBe(2);
    expect(summary.byDay.reduce((n, d) => n + d.unknownCost, 0)).toBe(2);
    expect(summary.topTasks.map((t) => t.id)).toEqual(['a']);
    db.close();
  });

  it('refuses an offset that is not whole quarter hours instead of mixing two days in one quarter', () => {
    const { db } = openStore(join(dir, 'offset.db'));
    expect(() => new HistoryStore(db).spendBy('day', T0, T0 + DAY, 7)).toThrow(/quarter hours/);
    db.close();
  });
});
