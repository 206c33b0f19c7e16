// Small JSON settings kept in the history database, so caps, queue state and preferences
// survive restarts. Secrets are never settings: they live in the keychain or the environment.
import type Database from 'better-sqlite3';
import type { z } from 'zod';

export class SettingsStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * The stored value parsed by `schema`; a field that no longer passes (a bound added since it
   * was saved, such as the question timeout's 5 minutes) falls back to its default alone, so one
   * stale field never resets the others (a paused queue, the caps).
   */
  get<T extends z.ZodType>(key: string, schema: T): z.output<T> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    let raw: unknown = undefined;
    if (row) {
      try {
        raw = JSON.parse(row.value);
      } catch {
        raw = undefined;
      }
    }
    return parseKeepingValid(schema, raw);
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }
}

function parseKeepingValid<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return schema.parse({});
  const kept: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string') delete kept[key];
  }
  const again = schema.safeParse(kept);
  return again.success ? again.data : schema.parse({});
}

export interface AppStart {
  at: number;
  host: string;
  version: string;
  readyToShowMs: number | null;
  memoryKb: number | null;
  metrics?: unknown;
}

/** Cold start and memory of each desktop start, so they can be read where the app runs. */
export class AppStartsStore {
  constructor(private readonly db: Database.Database) {}

  record(start: AppStart): void {
    this.db
      .prepare(
        'INSERT INTO app_starts (at, host, version, ready_to_show_ms, memory_kb, metrics) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        start.at,
        start.host,
        start.version,
        start.readyToShowMs,
        start.memoryKb,
        start.metrics === undefined ? null : JSON.stringify(start.metrics),
      );
  }

  recent(limit: number): AppStart[] {
    const rows = this.db
      .prepare(
        'SELECT at, host, version, ready_to_show_ms, memory_kb FROM app_starts ORDER BY id DESC LIMIT ?',
      )
      .all(limit) as {
      at: number;
      host: string;
      version: string;
      ready_to_show_ms: number | null;
      memory_kb: number | null;
    }[];
    return rows.map((r) => ({
      at: r.at,
      host: r.host,
      version: r.version,
      readyToShowMs: r.ready_to_show_ms,
      memoryKb: r.memory_kb,
    }));
  }
}
