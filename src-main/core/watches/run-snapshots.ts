// Reads a task from the history as comparison and checks see it (RunSnapshot): its answer and
// output type, what it cost and used, how long it took, how many steps it took (the agent's
// actions as the socket reported them), the hosts it visited, its files and its questions.
// Also resolves the ids people type: a full id, or the short id `history` shows.
import type Database from 'better-sqlite3';
import { DeskError } from '../../contract/dispatch';
import { statementCache } from '../store/statement-cache';
import type { TaskStore } from '../tasks/task-store';
import type { RunSnapshot } from './run-output';

export class RunSnapshots {
  private readonly sql: (text: string) => Database.Statement;

  constructor(
    db: Database.Database,
    private readonly tasks: Pick<TaskStore, 'get'>,
  ) {
    this.sql = statementCache(db);
  }

  /** A task id from a full id or the start of one; a clear error when none or several match. */
  resolve(idOrPrefix: string): string {
    const text = idOrPrefix.trim();
    if (text === '') throw new DeskError('invalid_input', 'Give a task id (as history shows it).');
    if (this.tasks.get(text)) return text;
    const ids = (
      this.sql('SELECT id FROM tasks WHERE id >= ? AND id < ? ORDER BY id LIMIT 2').all(
        text,
        `${text}\uffff`,
      ) as { id: string }[]
    ).map((r) => r.id);
    if (ids.length === 0) throw new DeskError('not_found', `No task with an id starting ${text}.`);
    if (ids.length > 1)
      throw new DeskError(
        'invalid_input',
        `Several tasks have ids starting ${text}; give more of it.`,
      );
    return ids[0]!;
  }

  /**
   * The run a task is compared with "against the previous run": the latest earlier completed
   * run of its watch, or, outside a watch, of the same prompt; null when there is none.
   */
  previous(taskId: string): string | null {
    const row = this.sql(
      `SELECT p.id FROM tasks t JOIN tasks p
         ON (p.watch_id = t.watch_id
             OR (t.watch_id IS NULL AND p.watch_id IS NULL AND p.prompt = t.prompt))
       WHERE t.id = ? AND p.id != t.id AND p.status = 'completed' AND p.created_at <= t.created_at
       ORDER BY p.created_at DESC, p.id DESC LIMIT 1`,
    ).get(taskId) as { id: string } | undefined;
    return row?.id ?? null;
  }

  snapshot(taskId: string): RunSnapshot {
    const task = this.tasks.get(taskId);
    if (!task) throw new DeskError('not_found', `No task with id ${taskId}.`);
    const hosts = (
      this.sql(
        'SELECT DISTINCT lower(host) AS host FROM network_requests WHERE task_id = ? AND host IS NOT NULL',
      ).all(taskId) as { host: string }[]
    ).map((r) => r.host);
    const files = (
      this.sql('SELECT filename FROM files WHERE task_id = ? ORDER BY id').all(taskId) as {
        filename: string;
      }[]
    ).map((r) => r.filename);
    const questions = (
      this.sql('SELECT question FROM guardrails WHERE task_id = ? ORDER BY asked_at, id').all(
        taskId,
      ) as { question: string }[]
    ).map((r) => r.question);
    // Steps are the agent's actions as the socket told them; a task whose socket events were
    // never recorded has an unknown number of steps, not zero.
    const events = this.sql(
      `SELECT count(*) AS socket, coalesce(sum(json_extract(payload, '$.event.kind') = 'action'), 0) AS steps
       FROM task_events WHERE task_id = ? AND kind = 'remote' AND json_valid(payload)
         AND json_type(payload, '$.socket') = 'text'`,
    ).get(taskId) as { socket: number; steps: number };
    const steps = events.socket > 0 ? events.steps : null;
    const wall =
      task.startedAt !== null && task.endedAt !== null ? task.endedAt - task.startedAt : null;
    const reported =
      task.usage?.completionTime != null ? Math.round(task.usage.completionTime * 1000) : null;
    return {
      id: task.id,
      status: task.status,
      createdAt: task.createdAt,
      outputType: task.options.outputType,
      outputSchema: task.options.outputSchema,
      result: task.resultMessage,
      cost: task.usage?.cost ?? null,
      tokens: task.usage?.totalTokens ?? null,
      durationMs: reported ?? wall,
      steps,
      hosts,
      files,
      questions,
    };
  }
}
