// The money tables: every balance WebRun reported (migration 13), and the costs of earlier
// runs of a template, which estimates and anomalies are judged by. A cost of null stays null:
// the baseline leaves it out, it is never read as $0.
import type Database from 'better-sqlite3';
import type { BalanceReading } from '../../contract/schemas';
import { statementCache } from '../store/statement-cache';

/** Earlier runs looked at: enough for stable quantiles, few enough to read in a millisecond. */
const RUNS = 500;

interface ReadingRow {
  at: number;
  balance: number;
  required: number | null;
  source: string;
  simulated: number;
}

export class MoneyStore {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  record(reading: BalanceReading): void {
    this.sql(
      'INSERT INTO balance_readings (at, balance, required, source, simulated) VALUES (?, ?, ?, ?, ?)',
    ).run(reading.at, reading.balance, reading.required, reading.source, reading.simulated ? 1 : 0);
  }

  latest(): BalanceReading | null {
    const row = this.sql(
      'SELECT at, balance, required, source, simulated FROM balance_readings ORDER BY at DESC, id DESC LIMIT 1',
    ).get() as ReadingRow | undefined;
    return row ? { ...row, simulated: row.simulated === 1 } : null;
  }

  /** Costs of completed runs of a batch template (by its key), newest first; null when unknown. */
  templateCosts(templateKey: string, exceptTaskId: string | null = null): (number | null)[] {
    const rows = this.sql(
      `SELECT t.cost FROM batches b JOIN batch_rows r ON r.batch_id = b.id JOIN tasks t ON t.id = r.task_id
       WHERE b.template_key = ? AND t.status = 'completed' AND t.id IS NOT ? ORDER BY t.ended_at DESC LIMIT ?`,
    ).all(templateKey, exceptTaskId, RUNS) as { cost: number | null }[];
    return rows.map((r) => r.cost);
  }

  /** Costs of completed runs of the same prompt and starting URL (a task outside any batch). */
  promptCosts(
    prompt: string,
    startingUrl: string | null,
    exceptTaskId: string | null = null,
  ): (number | null)[] {
    const rows = this.sql(
      `SELECT cost FROM tasks WHERE prompt = ? AND status = 'completed' AND starting_url IS ? AND id IS NOT ?
       ORDER BY ended_at DESC LIMIT ?`,
    ).all(prompt, startingUrl, exceptTaskId, RUNS) as { cost: number | null }[];
    return rows.map((r) => r.cost);
  }

  /** The batch template a task was rendered from, or null for a task outside any batch. */
  templateKeyOf(taskId: string): string | null {
    const row = this.sql(
      'SELECT b.template_key AS key FROM batch_rows r JOIN batches b ON b.id = r.batch_id WHERE r.task_id = ?',
    ).get(taskId) as { key: string } | undefined;
    return row?.key ?? null;
  }
}
