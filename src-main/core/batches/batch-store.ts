// Batches and their rows in SQLite. A row's task is an ordinary task; the row only records
// which one it is, so everything about the task (status, cost, answer) is read from `tasks`.
import type Database from 'better-sqlite3';
import { BatchTemplate, type BatchCounts, type BatchState } from '../../contract/batches';
import type { TaskStatus } from '../../contract/schemas';
import { statementCache } from '../store/statement-cache';
import { UNFINISHED } from '../../contract/task-status';

export interface BatchRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  state: BatchState;
  reason: string | null;
  template: BatchTemplate;
  templateKey: string;
  columns: string[];
  concurrency: number;
  budget: number | null;
  retryOf: string | null;
  firstSentAt: number | null;
}

export type RowState = 'waiting' | 'sent' | 'skipped' | 'cancelled';

export interface RowRecord {
  idx: number;
  line: number;
  input: Record<string, string>;
  state: RowState;
  taskId: string | null;
  sentAt: number | null;
  task: {
    status: TaskStatus;
    cost: number | null;
    startedAt: number | null;
    endedAt: number | null;
    resultMessage: string | null;
    error: string | null;
    sessionId: string | null;
    keepSessionOpen: boolean;
  } | null;
}

interface BatchRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  state: BatchState;
  reason: string | null;
  template: string;
  template_key: string;
  columns: string;
  concurrency: number;
  budget: number | null;
  retry_of: string | null;
  first_sent_at: number | null;
}

function toRecord(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    state: row.state,
    reason: row.reason,
    template: BatchTemplate.parse(JSON.parse(row.template)),
    templateKey: row.template_key,
    columns: JSON.parse(row.columns) as string[],
    concurrency: row.concurrency,
    budget: row.budget,
    retryOf: row.retry_of,
    firstSentAt: row.first_sent_at,
  };
}

/** Task statuses of a row still in the queue or at WebRun. */
/** A task a batch row still waits for: not ended yet. */
export const IN_FLIGHT: readonly TaskStatus[] = [...UNFINISHED];

export class BatchStore {
  private readonly sql: (text: string) => Database.Statement;

  constructor(
    readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.sql = statementCache(db);
  }

  create(
    batch: Omit<BatchRecord, 'updatedAt' | 'firstSentAt'>,
    rows: { line: number; input: Record<string, string>; skipped: boolean }[],
  ): void {
    this.db.transaction(() => {
      this.sql(
        `INSERT INTO batches (id, name, created_at, updated_at, state, reason, template, template_key, columns, concurrency, budget, retry_of)
         VALUES (@id, @name, @createdAt, @createdAt, @state, @reason, @template, @templateKey, @columns, @concurrency, @budget, @retryOf)`,
      ).run({
        ...batch,
        template: JSON.stringify(batch.template),
        columns: JSON.stringify(batch.columns),
      });
      const insert = this.sql(
        'INSERT INTO batch_rows (batch_id, idx, line, input, state) VALUES (?, ?, ?, ?, ?)',
      );
      rows.forEach((row, idx) =>
        insert.run(
          batch.id,
          idx,
          row.line,
          JSON.stringify(row.input),
          row.skipped ? 'skipped' : 'waiting',
        ),
      );
    })();
  }

  get(id: string): BatchRecord | null {
    const row = this.sql('SELECT * FROM batches WHERE id = ?').get(id) as BatchRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(limit = 200): BatchRecord[] {
    return (
      this.sql('SELECT * FROM batches ORDER BY created_at DESC, id DESC LIMIT ?').all(
        limit,
      ) as BatchRow[]
    ).map(toRecord);
  }

  inState(state: BatchState): string[] {
    return (
      this.sql('SELECT id FROM batches WHERE state = ? ORDER BY created_at').all(state) as {
        id: string;
      }[]
    ).map((r) => r.id);
  }

  setState(id: string, state: BatchState, reason: string | null): void {
    this.sql('UPDATE batches SET state = ?, reason = ?, updated_at = ? WHERE id = ?').run(
      state,
      reason,
      this.now(),
      id,
    );
  }

  setBudget(id: string, budget: number | null): void {
    this.sql('UPDATE batches SET budget = ?, updated_at = ? WHERE id = ?').run(
      budget,
      this.now(),
      id,
    );
  }

  setConcurrency(id: string, concurrency: number): void {
    this.sql('UPDATE batches SET concurrency = ?, updated_at = ? WHERE id = ?').run(
      concurrency,
      this.now(),
      id,
    );
  }

  batchOfTask(taskId: string): string | null {
    return (
      (
        this.sql('SELECT batch_id FROM batch_rows WHERE task_id = ?').get(taskId) as
          { batch_id: string } | undefined
      )?.batch_id ?? null
    );
  }

  rows(batchId: string): RowRecord[] {
    const rows = this.sql(
      `SELECT r.idx, r.line, r.input, r.state, r.task_id, r.sent_at, t.status, t.cost, t.started_at, t.ended_at,
              t.result_message, t.error_message, t.session_id, t.keep_session_open
       FROM batch_rows r LEFT JOIN tasks t ON t.id = r.task_id WHERE r.batch_id = ? ORDER BY r.idx`,
    ).all(batchId) as {
      idx: number;
      line: number;
      input: string;
      state: RowState;
      task_id: string | null;
      sent_at: number | null;
      status: TaskStatus | null;
      cost: number | null;
      started_at: number | null;
      ended_at: number | null;
      result_message: string | null;
      error_message: string | null;
      session_id: string | null;
      keep_session_open: number | null;
    }[];
    return rows.map((r) => ({
      idx: r.idx,
      line: r.line,
      input: JSON.parse(r.input) as Record<string, string>,
      state: r.state,
      taskId: r.task_id,
      sentAt: r.sent_at,
      task:
        r.status === null
          ? null
          : {
              status: r.status,
              cost: r.cost,
              startedAt: r.started_at,
              endedAt: r.ended_at,
              resultMessage: r.result_message,
              error: r.error_message,
              sessionId: r.session_id,
              keepSessionOpen: r.keep_session_open === 1,
            },
    }));
  }

  /** Counts and spend in one pass over the rows, so a large batch is cheap to show. */
  summary(batchId: string): {
    counts: BatchCounts;
    spent: number;
    unknownCost: number;
    lastEndedAt: number | null;
  } {
    const groups = this.sql(
      `SELECT r.state AS rs, t.status AS ts, count(*) AS n, coalesce(sum(t.cost), 0) AS cost,
              sum(CASE WHEN r.state = 'sent' AND t.cost IS NULL THEN 1 ELSE 0 END) AS unknown_cost, max(t.ended_at) AS ended
       FROM batch_rows r LEFT JOIN tasks t ON t.id = r.task_id WHERE r.batch_id = ? GROUP BY rs, ts`,
    ).all(batchId) as {
      rs: RowState;
      ts: TaskStatus | null;
      n: number;
      cost: number;
      unknown_cost: number;
      ended: number | null;
    }[];
    const counts: BatchCounts = {
      total: 0,
      done: 0,
      running: 0,
      waiting: 0,
      failed: 0,
      unknown: 0,
      skipped: 0,
      cancelled: 0,
    };
    let spent = 0;
    let unknownCost = 0;
    let lastEndedAt: number | null = null;
    for (const g of groups) {
      counts.total += g.n;
      spent += g.cost;
      unknownCost += g.unknown_cost;
      if (g.ended !== null) lastEndedAt = Math.max(lastEndedAt ?? 0, g.ended);
      if (g.rs === 'waiting') counts.waiting += g.n;
      else if (g.rs === 'skipped') counts.skipped += g.n;
      else if (g.rs === 'cancelled') counts.cancelled += g.n;
      else if (g.ts === null)
        counts.unknown += g.n; // its task was deleted from history
      else if (g.ts === 'completed') counts.done += g.n;
      else if (g.ts === 'unknown') counts.unknown += g.n;
      else if (IN_FLIGHT.includes(g.ts)) counts.running += g.n;
      else counts.failed += g.n; // failed, stopped, cancelled
    }
    return { counts, spent, unknownCost, lastEndedAt };
  }

  /** Marks a waiting row sent with its task; false when another process got there first. */
  markSent(batchId: string, idx: number, taskId: string | null, at: number): boolean {
    const changed = this.sql(
      "UPDATE batch_rows SET state = 'sent', task_id = ?, sent_at = ? WHERE batch_id = ? AND idx = ? AND state = 'waiting'",
    ).run(taskId, at, batchId, idx).changes;
    if (changed === 1)
      this.sql(
        'UPDATE batches SET first_sent_at = coalesce(first_sent_at, ?), updated_at = ? WHERE id = ?',
      ).run(at, at, batchId);
    return changed === 1;
  }

  setTask(batchId: string, idx: number, taskId: string): void {
    this.sql('UPDATE batch_rows SET task_id = ? WHERE batch_id = ? AND idx = ?').run(
      taskId,
      batchId,
      idx,
    );
  }

  /** Back to waiting: only for a row whose task was taken back from the queue unsent. */
  unsend(batchId: string, idx: number): void {
    this.sql(
      "UPDATE batch_rows SET state = 'waiting', task_id = NULL, sent_at = NULL WHERE batch_id = ? AND idx = ?",
    ).run(batchId, idx);
  }

  cancelWaiting(batchId: string): number {
    return this.sql(
      "UPDATE batch_rows SET state = 'cancelled' WHERE batch_id = ? AND state = 'waiting'",
    ).run(batchId).changes;
  }

  /** Costs and durations of completed tasks run from the same template, newest first. */
  history(templateKey: string, limit = 5_000): { costs: number[]; durationsMs: number[] } {
    const rows = this.sql(
      `SELECT t.cost, t.started_at, t.ended_at FROM batches b JOIN batch_rows r ON r.batch_id = b.id JOIN tasks t ON t.id = r.task_id
       WHERE b.template_key = ? AND t.status = 'completed' ORDER BY t.ended_at DESC LIMIT ?`,
    ).all(templateKey, limit) as {
      cost: number | null;
      started_at: number | null;
      ended_at: number | null;
    }[];
    return {
      costs: rows.flatMap((r) => (r.cost === null ? [] : [r.cost])),
      durationsMs: rows.flatMap((r) =>
        r.started_at !== null && r.ended_at !== null && r.ended_at >= r.started_at
          ? [r.ended_at - r.started_at]
          : [],
      ),
    };
  }
}
