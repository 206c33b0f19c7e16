// Trigger runs already in the history (tasks/imported-tasks.ts writes them, through the task
// service): which runs are known, and the local task and cost of each run of a trigger.
import type Database from 'better-sqlite3';

export class TriggerRunStore {
  constructor(private readonly db: Database.Database) {}

  /** Ids of the runs already in the history, among `runIds`. */
  known(runIds: string[]): Set<string> {
    if (runIds.length === 0) return new Set();
    const rows = this.db
      .prepare(
        `SELECT trigger_run_id AS id FROM tasks WHERE trigger_run_id IN (${runIds.map(() => '?').join(', ')})`,
      )
      .all(...runIds) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** The local task and cost of each imported run of a trigger. */
  imported(triggerId: string): Map<string, { taskId: string; cost: number | null }> {
    const rows = this.db
      .prepare('SELECT trigger_run_id AS runId, id, cost FROM tasks WHERE trigger_id = ?')
      .all(triggerId) as { runId: string; id: string; cost: number | null }[];
    return new Map(rows.map((r) => [r.runId, { taskId: r.id, cost: r.cost }]));
  }
}
