// Builds benchmark databases with the app's own store code (TaskStore.create/update/appendEvent,
// TaskDetailsStore.addNetwork), so the triggers, indexes and JSON the app writes are all there.
// Only batching into transactions is ours: the same statements, far fewer commits.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { TaskStatus } from '../../src-main/contract/schemas';
import { checksumOf, MIGRATIONS } from '../../src-main/core/store/migrations';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskDetailsStore } from '../../src-main/core/tasks/task-details-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';

export interface SeedSize {
  tasks: number;
  network: number;
  events: number;
}

/** Data ends here and spans the year before it; fixed so a cached database stays valid. */
export const SEED_END = Date.parse('2026-01-01T00:00:00Z');
export const SEED_START = SEED_END - 365 * 86_400_000;

export const TAGS = ['work', 'travel', 'research', 'shopping', 'finance', 'news', 'jobs', 'weekly'];
/** On about one task in a thousand: the filter that must not scan the whole table to fill a page. */
export const RARE_TAG = 'audit';
const VERBS = [
  'Find',
  'Compare',
  'Check',
  'List',
  'Summarise',
  'Track',
  'Book',
  'Download',
  'Collect',
  'Monitor',
];
const THINGS = [
  'flights',
  'hotels',
  'prices',
  'reviews',
  'opening hours',
  'job offers',
  'invoices',
  'news',
  'train tickets',
  'recipes',
  'laptops',
  'apartments',
];
const PLACES = [
  'Paris',
  'Lisbon',
  'Berlin',
  'Tokyo',
  'Madrid',
  'Oslo',
  'Chicago',
  'Nairobi',
  'Lima',
  'Seoul',
  'Dublin',
  'Prague',
];
export const SITES = [
  'example',
  'booking',
  'skyscanner',
  'amazon',
  'wikipedia',
  'github',
  'reuters',
  'indeed',
  'airbnb',
  'tripadvisor',
];
export const WORDS = [...VERBS, ...THINGS.flatMap((t) => t.split(' ')), ...PLACES].map((w) =>
  w.toLowerCase(),
);

/** A small deterministic generator: the same database every time it is rebuilt. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function finalStatus(r: number): TaskStatus {
  if (r < 0.85) return 'completed';
  if (r < 0.93) return 'failed';
  if (r < 0.96) return 'stopped';
  if (r < 0.98) return 'cancelled';
  return r < 0.995 ? 'unknown' : 'needs_input';
}

/** Fills `db` with `size`; `onProgress` is told the number of tasks done. */
export function seed(
  db: Database.Database,
  size: SeedSize,
  onProgress: (done: number) => void = () => {},
): void {
  let clock = SEED_START;
  const tasks = new TaskStore(db, () => clock);
  const details = new TaskDetailsStore(db);
  const random = rng(7);
  const perTaskNetwork = Math.max(0, Math.round(size.network / size.tasks));
  // create and update each write one event; the rest are remote events like the socket's.
  const perTaskEvents = Math.max(0, Math.round(size.events / size.tasks) - 2);
  const step = (SEED_END - SEED_START) / size.tasks;
  const CHUNK = 500;
  for (let start = 0; start < size.tasks; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < Math.min(size.tasks, start + CHUNK); i++) {
        const createdAt = Math.round(SEED_START + i * step);
        const place = pick(random, PLACES);
        const prompt = `${pick(random, VERBS)} ${pick(random, THINGS)} in ${place} for task ${i}`;
        const tags = random() < 0.001 ? [RARE_TAG] : random() < 0.6 ? [pick(random, TAGS)] : [];
        const id = `bench-${String(i).padStart(7, '0')}`;
        clock = createdAt;
        tasks.create({
          id,
          prompt,
          startingUrl: `https://www.${pick(random, SITES)}.com/`,
          createdAt,
          tags,
        });
        const site = pick(random, SITES);
        details.addNetwork(
          id,
          Array.from({ length: perTaskNetwork }, (_, k) => ({
            url: `https://www.${site}.com/${place.toLowerCase()}/page-${k}?q=${i}`,
            timestamp: createdAt + k * 1_000,
          })),
        );
        for (let k = 0; k < perTaskEvents; k++) {
          clock = createdAt + 1_000 + k * 500;
          tasks.appendEvent(id, 'remote', {
            socket: 'message',
            event: { kind: 'agent', content: `step ${k}` },
          });
        }
        const status = finalStatus(random());
        const tokens = 2_000 + Math.floor(random() * 30_000);
        const cost =
          status === 'cancelled'
            ? null
            : Math.round((tokens * 1.2e-6 + random() * 0.02) * 1e4) / 1e4;
        clock = createdAt + 60_000;
        tasks.update(id, {
          status,
          startedAt: createdAt + 500,
          endedAt: clock,
          resultMessage:
            status === 'completed'
              ? `Found 3 ${pick(random, THINGS)} near ${place} on ${site}.com`
              : null,
          usage:
            cost === null
              ? null
              : {
                  promptTokens: tokens,
                  completionTokens: Math.round(tokens / 10),
                  totalTokens: Math.round(tokens * 1.1),
                  completionTime: 60,
                  cost,
                },
          costSource: cost === null ? null : 'reported',
          error:
            status === 'failed'
              ? { code: 'NAVIGATION_TIMEOUT', message: 'Navigation timeout after 30 seconds' }
              : null,
        });
      }
    })();
    onProgress(Math.min(size.tasks, start + CHUNK));
  }
}

/**
 * Names the schema a cached database was built with (its migrations' checksums): a cache built
 * by another schema history (a migration added or renumbered at a merge) would be refused by
 * openStore, so it gets a new name and is built again.
 */
export function schemaTag(): string {
  return createHash('sha256')
    .update(MIGRATIONS.map(checksumOf).join(','))
    .digest('hex')
    .slice(0, 8);
}

/**
 * The database for `size`, built once and cached at `path` (`<prefix>-<schemaTag>.db`; caches of
 * older schemas under the same prefix are removed when it is built): it is written under a temporary
 * name and renamed only when complete, so an interrupted build is never mistaken for a cache.
 */
export function cachedDatabase(
  path: string,
  size: SeedSize,
  log: (line: string) => void,
): { path: string; builtMs: number | null } {
  if (existsSync(path)) return { path, builtMs: null };
  const prefix = basename(path).replace(/-[0-9a-f]{8}\.db$/, '-');
  for (const old of readdirSync(dirname(path))) {
    if (old.startsWith(prefix) && /-[0-9a-f]{8}\.db(-wal|-shm)?$/.test(old))
      rmSync(join(dirname(path), old), { force: true });
  }
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const t0 = Date.now();
  const opened = openStore(building);
  let last = 0;
  seed(opened.db, size, (done) => {
    if (Date.now() - last > 10_000) {
      last = Date.now();
      log(
        `  building ${path}: ${done} / ${size.tasks} tasks (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
  });
  opened.db.pragma('wal_checkpoint(TRUNCATE)');
  opened.db.close();
  renameSync(building, path);
  return { path, builtMs: Date.now() - t0 };
}

/** The store scenario's histories: 100k tasks (issue 17's figures), and the smoke run's small one. */
export const STORE_SIZES = {
  full: { tasks: 100_000, network: 1_000_000, events: 5_000_000 },
  smoke: { tasks: 2_000, network: 20_000, events: 100_000 },
} as const satisfies Record<string, SeedSize>;

/**
 * The store scenario's cached history (built on first use): the one file every scenario that
 * needs a large history opens, so none builds a second copy.
 */
export function storeDatabase(
  smoke: boolean,
  log: (line: string) => void,
): { path: string; builtMs: number | null; size: SeedSize } {
  const size = smoke ? STORE_SIZES.smoke : STORE_SIZES.full;
  mkdirSync('bench-results', { recursive: true });
  const path = `bench-results/store-${size.tasks}-${size.network}-${size.events}-${schemaTag()}.db`;
  return { ...cachedDatabase(path, size, log), size };
}
