// Runs WebRun made on its own (a trigger's) as tasks in the history: each becomes one finished
// task, marked with its trigger, with its result, usage, cost, network log and files like any
// other task. The unique index on trigger_run_id makes the write exactly-once, even when two
// processes (the app and the CLI) import the same run at the same moment.
import type Database from 'better-sqlite3';
import type { CostSource, UsageView } from '../../contract/schemas';
import type { TaskDetailsStore } from './task-details-store';

export interface ImportedRun {
  taskId: string;
  triggerId: string;
  runId: string;
  environmentId: string | null;
  prompt: string;
  startingUrl: string | null;
  status: 'completed' | 'failed';
  createdAt: number;
  endedAt: number | null;
  sessionId: string | null;
  remoteTaskId: string | null;
  resultMessage: string | null;
  usage: UsageView | null;
  costSource: CostSource | null;
  error: { code: string | null; message: string } | null;
  network: { url: string; timestamp: number | null }[];
  files: {
    filename: string;
    source: string | null;
    downloadUrl: string;
    timestamp: number | null;
  }[];
}

export class ImportedTasks {
  private readonly insert: Database.Statement;
  private readonly event: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly details: TaskDetailsStore,
  ) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO tasks (id, prompt, starting_url, status, session_id, remote_task_id, result_message,
         prompt_tokens, completion_tokens, total_tokens, completion_time, cost, cost_source, error_code, error_message,
         created_at, updated_at, started_at, ended_at, queue_order, tags, environment_id, trigger_id, trigger_run_id)
       VALUES (@id, @prompt, @startingUrl, @status, @sessionId, @remoteTaskId, @resultMessage,
         @promptTokens, @completionTokens, @totalTokens, @completionTime, @cost, @costSource, @errorCode, @errorMessage,
         @createdAt, @createdAt, @createdAt, @endedAt, @createdAt, '["trigger"]', @environmentId, @triggerId, @runId)`,
    );
    this.event = db.prepare(
      `INSERT INTO task_events (task_id, at, kind, from_status, to_status, payload) VALUES (?, ?, 'transition', NULL, ?, ?)`,
    );
  }

  /** Inserts the run as a task with everything known about it; false when it was already there. */
  add(run: ImportedRun): boolean {
    return this.db.transaction(() => {
      const changes = this.insert.run({
        id: run.taskId,
        prompt: run.prompt,
        startingUrl: run.startingUrl,
        status: run.status,
        sessionId: run.sessionId,
        remoteTaskId: run.remoteTaskId,
        resultMessage: run.resultMessage,
        promptTokens: run.usage?.promptTokens ?? null,
        completionTokens: run.usage?.completionTokens ?? null,
        totalTokens: run.usage?.totalTokens ?? null,
        completionTime: run.usage?.completionTime ?? null,
        cost: run.usage?.cost ?? null,
        costSource: run.costSource,
        errorCode: run.error?.code ?? null,
        errorMessage: run.error?.message ?? null,
        createdAt: run.createdAt,
        endedAt: run.endedAt,
        environmentId: run.environmentId,
        triggerId: run.triggerId,
        runId: run.runId,
      }).changes;
      if (changes === 0) return false;
      this.event.run(
        run.taskId,
        run.endedAt ?? run.createdAt,
        run.status,
        JSON.stringify({ trigger: run.triggerId, run: run.runId }),
      );
      if (run.network.length > 0) this.details.replaceNetwork(run.taskId, run.network);
      if (run.files.length > 0) this.details.addFiles(run.taskId, run.files);
      return true;
    })();
  }
}
