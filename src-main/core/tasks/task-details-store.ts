// What a task gathers while it runs: usage samples (its cost over time), the URLs it
// visited, the files it downloaded and the questions it asked. Guardrail answers are never
// written here or anywhere else.
import type Database from 'better-sqlite3';
import { statementCache } from '../store/statement-cache';
import type { UsageView } from '../../contract/schemas';

export interface UsageSample extends UsageView {
  at: number;
}

export interface NetworkRow {
  url: string;
  host: string | null;
  at: number | null;
}

export interface FileRow {
  id: number;
  filename: string;
  source: string | null;
  downloadUrl: string;
  localPath: string | null;
  size: number | null;
  at: number | null;
}

export interface GuardrailRow {
  id: number;
  taskId: string;
  question: string;
  askedAt: number;
  answeredAt: number | null;
  outcome: 'answered' | 'stopped' | 'timed_out' | 'cancelled' | null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

export class TaskDetailsStore {
  private readonly sql: (text: string) => Database.Statement;
  private readonly insertSample: Database.Statement;
  private readonly lastSample: Database.Statement;
  private readonly insertNetwork: Database.Statement;
  private readonly insertFile: Database.Statement;
  private readonly indexUrls: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(this.db);
    this.insertSample = db.prepare(
      `INSERT INTO usage_samples (task_id, at, prompt_tokens, completion_tokens, total_tokens, completion_time, cost)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastSample = db.prepare(
      'SELECT prompt_tokens, completion_tokens, total_tokens, completion_time, cost FROM usage_samples WHERE task_id = ? ORDER BY at DESC, id DESC LIMIT 1',
    );
    this.insertNetwork = db.prepare(
      'INSERT INTO network_requests (task_id, url, host, at) VALUES (?, ?, ?, ?)',
    );
    // Search finds a task by the pages it visited: its first 2,000 distinct URLs are indexed.
    this.indexUrls = db.prepare(
      `UPDATE tasks_fts SET urls = coalesce((SELECT group_concat(url, ' ') FROM (SELECT DISTINCT url FROM network_requests WHERE task_id = ? LIMIT 2000)), '')
       WHERE rowid = (SELECT fts_rowid FROM tasks_fts_map WHERE task_id = ?)`,
    );
    this.insertFile = db.prepare(
      `INSERT INTO files (task_id, filename, source, download_url, size, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (task_id, download_url) DO NOTHING`,
    );
  }

  /** Records a sample unless it repeats the previous one (polls often report the same usage). */
  addUsageSample(taskId: string, at: number, usage: UsageView): boolean {
    const last = this.lastSample.get(taskId) as Record<string, number | null> | undefined;
    const values = [
      usage.promptTokens,
      usage.completionTokens,
      usage.totalTokens,
      usage.completionTime,
      usage.cost,
    ];
    if (
      last &&
      [
        last.prompt_tokens,
        last.completion_tokens,
        last.total_tokens,
        last.completion_time,
        last.cost,
      ].every((v, i) => v === values[i])
    ) {
      return false;
    }
    this.insertSample.run(taskId, at, ...values);
    return true;
  }

  usageSamples(taskId: string): UsageSample[] {
    const rows = this.sql(
      'SELECT at, prompt_tokens, completion_tokens, total_tokens, completion_time, cost FROM usage_samples WHERE task_id = ? ORDER BY at, id',
    ).all(taskId) as Record<string, number | null>[];
    return rows.map((r) => ({
      at: r.at!,
      promptTokens: r.prompt_tokens ?? null,
      completionTokens: r.completion_tokens ?? null,
      totalTokens: r.total_tokens ?? null,
      completionTime: r.completion_time ?? null,
      cost: r.cost ?? null,
    }));
  }

  /**
   * Replaces a task's network log with the one WebRun reported last (each answer carries the
   * whole list so far), in one transaction.
   */
  replaceNetwork(taskId: string, entries: { url: string; timestamp: number | null }[]): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM network_requests WHERE task_id = ?').run(taskId);
      for (const entry of entries)
        this.insertNetwork.run(taskId, entry.url, hostOf(entry.url), entry.timestamp);
      this.indexUrls.run(taskId, taskId);
    })();
  }

  /** Appends rows in one transaction (large logs arrive in several). */
  addNetwork(taskId: string, entries: { url: string; timestamp: number | null }[]): void {
    this.db.transaction(() => {
      for (const entry of entries)
        this.insertNetwork.run(taskId, entry.url, hostOf(entry.url), entry.timestamp);
      this.indexUrls.run(taskId, taskId);
    })();
  }

  network(taskId: string, limit = 10_000, offset = 0): NetworkRow[] {
    return this.sql(
      'SELECT url, host, at FROM network_requests WHERE task_id = ? ORDER BY at, id LIMIT ? OFFSET ?',
    ).all(taskId, limit, offset) as NetworkRow[];
  }

  networkCount(taskId: string): number {
    return (
      this.sql('SELECT count(*) AS n FROM network_requests WHERE task_id = ?').get(taskId) as {
        n: number;
      }
    ).n;
  }

  addFiles(
    taskId: string,
    files: {
      filename: string;
      source: string | null;
      downloadUrl: string;
      timestamp: number | null;
    }[],
  ): void {
    this.db.transaction(() => {
      for (const f of files)
        this.insertFile.run(taskId, f.filename, f.source, f.downloadUrl, null, f.timestamp);
    })();
  }

  setFileCopy(fileId: number, localPath: string, size: number): void {
    this.sql('UPDATE files SET local_path = ?, size = ? WHERE id = ?').run(localPath, size, fileId);
  }

  files(taskId: string): FileRow[] {
    return this.sql(
      'SELECT id, filename, source, download_url AS downloadUrl, local_path AS localPath, size, at FROM files WHERE task_id = ? ORDER BY id',
    ).all(taskId) as FileRow[];
  }

  /** Opens a question unless the same one is already open for the task (polls repeat it). */
  askGuardrail(taskId: string, question: string, at: number): GuardrailRow {
    const open = this.openGuardrail(taskId);
    if (open && open.question === question) return open;
    if (open) this.closeGuardrail(taskId, 'cancelled', at);
    const id = Number(
      this.sql('INSERT INTO guardrails (task_id, question, asked_at) VALUES (?, ?, ?)').run(
        taskId,
        question,
        at,
      ).lastInsertRowid,
    );
    return { id, taskId, question, askedAt: at, answeredAt: null, outcome: null };
  }

  closeGuardrail(taskId: string, outcome: NonNullable<GuardrailRow['outcome']>, at: number): void {
    this.sql(
      'UPDATE guardrails SET answered_at = ?, outcome = ? WHERE task_id = ? AND answered_at IS NULL',
    ).run(at, outcome, taskId);
  }

  openGuardrail(taskId: string): GuardrailRow | null {
    const row = this.sql(
      'SELECT id, task_id AS taskId, question, asked_at AS askedAt, answered_at AS answeredAt, outcome FROM guardrails WHERE task_id = ? AND answered_at IS NULL ORDER BY id DESC LIMIT 1',
    ).get(taskId) as GuardrailRow | undefined;
    return row ?? null;
  }

  guardrails(taskId: string): GuardrailRow[] {
    return this.sql(
      'SELECT id, task_id AS taskId, question, asked_at AS askedAt, answered_at AS answeredAt, outcome FROM guardrails WHERE task_id = ? ORDER BY id',
    ).all(taskId) as GuardrailRow[];
  }

  /** Every unanswered question across tasks: the inbox. */
  openGuardrails(): GuardrailRow[] {
    return this.sql(
      'SELECT id, task_id AS taskId, question, asked_at AS askedAt, answered_at AS answeredAt, outcome FROM guardrails WHERE answered_at IS NULL ORDER BY asked_at, id',
    ).all() as GuardrailRow[];
  }
}
