// Small JSON settings kept in the history database, so caps, queue state and preferences
// survive restarts. Secrets are never settings: they live in the keychain or the environment.
import type Database from 'better-sqlite3';
import type { z } from 'zod';

export class SettingsStore {
  constructor(private readonly db: Database.Database) {}

  /** The stored value parsed by `schema`, or the schema's defaults (from `{}`) when missing or invalid. */
  get<T extends z.ZodType>(key: string, schema: T): z.output<T> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    let raw: unknown = undefined;
    if (row) {
      try {
        raw = JSON.parse(row.value);
      } catch {
        raw = undefined;
      }
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : schema.parse({});
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
