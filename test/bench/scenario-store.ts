// Scenario 4: the history store at scale. The queries are HistoryStore's own; the SQL they
// prepare is captured so a missed target comes with its EXPLAIN QUERY PLAN.
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { openStore } from '../../src-main/core/store/open-store';
import { ftsQuery, HistoryStore, type HistoryFilter } from '../../src-main/core/store/history-store';
import { TaskDetailsStore } from '../../src-main/core/store/task-details-store';
import { atMost, context, median, percentile, type Figure } from './report';
import { cachedDatabase, pick, RARE_TAG, rng, SEED_END, SEED_START, SITES, TAGS, WORDS } from './store-seed';

const FULL = { tasks: 100_000, network: 1_000_000, events: 5_000_000 };
const SMOKE = { tasks: 2_000, network: 20_000, events: 100_000 };
const DAY = 86_400_000;

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Records the SQL of the last statement prepared on `db` (for EXPLAIN QUERY PLAN). */
function captureSql(db: Database.Database): { last: () => string } {
  let last = '';
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    last = sql;
    return prepare(sql);
  }) as typeof db.prepare;
  return { last: () => last };
}

function plan(db: Database.Database, sql: string, params: unknown): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as Record<string, unknown>) as { detail: string }[];
  return rows.map((r) => r.detail).join(' / ');
}

export async function storeScenario(smoke: boolean, details: Record<string, unknown>): Promise<Figure[]> {
  const S = '4 store at scale';
  const size = smoke ? SMOKE : FULL;
  mkdirSync('bench-results', { recursive: true });
  const path = `bench-results/store-${size.tasks}-${size.network}-${size.events}.db`;
  const built = cachedDatabase(path, size, (line) => process.stderr.write(`${line}\n`));
  const figures: Figure[] = [context(S, 'database', null, '', `${size.tasks} tasks, ${size.network} network rows, ${size.events} events; ${built.builtMs === null ? 'cached' : `built in ${(built.builtMs / 1000).toFixed(0)} s`}`)];

  // Opening with a quick integrity check: three opens, each a fresh connection.
  const opens: { open: number; check: number }[] = [];
  for (let i = 0; i < 3; i++) {
    let opened!: ReturnType<typeof openStore>;
    const open = time(() => (opened = openStore(path)));
    let result = '';
    const check = time(() => (result = String(opened.db.pragma('quick_check', { simple: true }))));
    if (result !== 'ok') throw new Error(`quick_check: ${result}`);
    opened.db.close();
    opens.push({ open, check });
  }
  const openMs = median(opens.map((o) => o.open + o.check));
  figures.push(atMost(S, 'openStore + PRAGMA quick_check (median of 3)', openMs, 300, 'ms', `openStore ${median(opens.map((o) => o.open)).toFixed(1)} ms + quick_check ${median(opens.map((o) => o.check)).toFixed(0)} ms`));

  const opened = openStore(path);
  const db = opened.db;
  const sql = captureSql(db);
  const history = new HistoryStore(db);
  const detailsStore = new TaskDetailsStore(db);
  const random = rng(11);
  const plans: Record<string, string> = {};
  try {
    // 10,000 network rows in one addNetwork call; removed afterwards so reruns see the same data.
    const inserts: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const maxId = (db.prepare('SELECT max(id) AS m FROM network_requests').get() as { m: number }).m;
      const entries = Array.from({ length: 10_000 }, (_, k) => ({ url: `https://www.${pick(random, SITES)}.com/bench/${rep}/${k}`, timestamp: SEED_END + k }));
      inserts.push(time(() => detailsStore.addNetwork('bench-0000000', entries)));
      db.prepare('DELETE FROM network_requests WHERE id > ?').run(maxId);
    }
    figures.push(atMost(S, 'insert 10,000 network rows (median of 5)', median(inserts), 50, 'ms', `max ${Math.max(...inserts).toFixed(1)} ms; incl. FTS trigger and commit`));

    // History pages: 50 rows, first page, with each kind of filter and varied parameters.
    const reps = smoke ? 60 : 200;
    const filters: Record<string, () => HistoryFilter> = {
      none: () => ({}),
      status: () => ({ status: [pick(random, ['completed', 'failed', 'stopped', 'cancelled', 'unknown', 'needs_input'] as const)] }),
      'date range (7 days)': () => {
        const from = SEED_START + Math.floor(random() * 358) * DAY;
        return { from, to: from + 7 * DAY };
      },
      tag: () => ({ tag: random() < 0.2 ? RARE_TAG : pick(random, TAGS) }),
      'text (one word)': () => ({ text: pick(random, WORDS) }),
    };
    for (const [name, make] of Object.entries(filters)) {
      // A few unmeasured calls first: the first query of a kind pays for parsing and cold pages.
      for (let i = 0; i < 5; i++) history.list(make(), 50);
      const samples: number[] = [];
      let worst = { ms: -1, filter: {} as HistoryFilter, sql: '' };
      for (let i = 0; i < reps; i++) {
        const filter = make();
        const ms = time(() => history.list(filter, 50));
        samples.push(ms);
        if (ms > worst.ms) worst = { ms, filter, sql: sql.last() };
      }
      const p99 = percentile(samples, 99);
      if (p99 > 5) plans[`history ${name}`] = `${JSON.stringify(worst.filter)} ${worst.ms.toFixed(1)} ms: ${planOf(db, worst)}`;
      figures.push(atMost(S, `history page, filter: ${name} (p99)`, p99, 5, 'ms', `p50 ${median(samples).toFixed(2)} ms; worst ${JSON.stringify(worst.filter)} ${worst.ms.toFixed(1)} ms`));
    }

    // Full-text search as people type it: several words, prefixes, a site name (network URLs).
    const searches: number[] = [];
    let worstSearch = { ms: -1, filter: {} as HistoryFilter, sql: '' };
    for (let i = 0; i < reps; i++) {
      const r = random();
      const text = r < 0.3 ? `${pick(random, WORDS)} ${pick(random, WORDS)}` : r < 0.6 ? pick(random, WORDS).slice(0, 3) : r < 0.8 ? pick(random, SITES) : `task ${Math.floor(random() * size.tasks)}`;
      const filter = { text };
      const ms = time(() => history.list(filter, 50));
      searches.push(ms);
      if (ms > worstSearch.ms) worstSearch = { ms, filter, sql: sql.last() };
    }
    const ftsP99 = percentile(searches, 99);
    if (ftsP99 > 20) plans['full-text search'] = `${JSON.stringify(worstSearch.filter)} ${worstSearch.ms.toFixed(1)} ms: ${planOf(db, worstSearch)}`;
    figures.push(atMost(S, 'full-text search, 50 rows (p99)', ftsP99, 20, 'ms', `p50 ${median(searches).toFixed(2)} ms; worst ${JSON.stringify(worstSearch.filter)} ${worstSearch.ms.toFixed(1)} ms`));

    // Spend by day over the year, in a few time zones.
    const spend: number[] = [];
    for (let i = 0; i < (smoke ? 20 : 50); i++) {
      spend.push(time(() => history.spendBy('day', SEED_END - 365 * DAY, SEED_END, pick(random, [0, 60, -300, 330]))));
    }
    const spendP99 = percentile(spend, 99);
    if (spendP99 > 20) plans.spendBy = plan(db, sql.last(), { from: SEED_END - 365 * DAY, to: SEED_END, offsetSeconds: 0 });
    figures.push(atMost(S, 'spend by day over a year (p99)', spendP99, 20, 'ms', `p50 ${median(spend).toFixed(1)} ms`));
    details.store = { size, plans };
    return figures;
  } finally {
    db.close();
  }
}

/** The plan of the page query (the id query is the one that can scan). */
function planOf(db: Database.Database, worst: { filter: HistoryFilter; sql: string }): string {
  // The id query's parameters, named as HistoryStore names them.
  const params: Record<string, unknown> = { limit: 51 };
  if (worst.filter.status) worst.filter.status.forEach((s, i) => (params[`status${i}`] = s));
  if (worst.filter.from != null) params.from = worst.filter.from;
  if (worst.filter.to != null) params.to = worst.filter.to;
  if (worst.filter.tag) params.tag = worst.filter.tag;
  if (worst.filter.text) params.q = ftsQuery(worst.filter.text);
  const idQuery = worst.sql.startsWith('SELECT t.id') ? worst.sql : null;
  return idQuery ? plan(db, idQuery, params) : '(query not captured)';
}
