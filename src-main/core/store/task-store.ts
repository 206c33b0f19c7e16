// Queries over tasks and their event log. Rows are mapped to the contract's TaskView here,
// so nothing above the store knows column names.
import type Database from 'better-sqlite3';
import { statementCache } from './statement-cache';
import { sqlList, UNFINISHED } from '../../contract/task-status';
import { explainExpiry, INACTIVITY_MS, taskExpiresAt } from '../expiry';
import {
  TaskOptions,
  type CostSource,
  type TaskMode,
  type TaskStatus,
  type TaskView,
  type UsageView,
} from '../../contract/schemas';

interface TaskRow {
  id: string;
  prompt: string;
  starting_url: string | null;
  status: TaskStatus;
  session_id: string | null;
  remote_task_id: string | null;
  poll_url: string | null;
  result_message: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  completion_time: number | null;
  cost: number | null;
  cost_source: CostSource | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  ended_at: number | null;
  mode: TaskMode;
  priority: number;
  queue_order: number | null;
  tags: string;
  retry_of: string | null;
  options: string;
  cost_cap: number | null;
  keep_session_open: number;
  last_activity: string | null;
  question: string | null;
  current_url: string | null;
  network_total: number | null;
  credential_sites: string;
  waiting_since: number | null;
  environment_id: string | null;
  trigger_id: string | null;
}

/** A task as the runner needs it: the view plus the remote poll URL. */
export interface StoredTask extends TaskView {
  pollUrl: string | null;
}

export interface NewTask {
  id: string;
  prompt: string;
  startingUrl: string | null;
  createdAt: number;
  mode?: TaskMode;
  priority?: number;
  tags?: string[];
  retryOf?: string | null;
  options?: Partial<TaskOptions>;
  costCap?: number | null;
  keepSessionOpen?: boolean;
  /** A follow-up joins an existing session. */
  sessionId?: string | null;
  /** Saved site credentials to send with it, by site name (the values stay in the keychain). */
  credentialSites?: string[];
  /** The WebRun environment to run it in. */
  environmentId?: string | null;
}

/** Fields the runner may change; undefined means "leave as is". */
export interface TaskPatch {
  status?: TaskStatus;
  sessionId?: string | null;
  remoteTaskId?: string | null;
  pollUrl?: string | null;
  resultMessage?: string | null;
  usage?: UsageView | null;
  costSource?: CostSource | null;
  error?: { code: string | null; message: string } | null;
  startedAt?: number | null;
  endedAt?: number | null;
  priority?: number;
  queueOrder?: number | null;
  lastActivity?: string | null;
  question?: string | null;
  currentUrl?: string | null;
  /** How many URLs WebRun reported, of which the stored log may keep only the first part. */
  networkTotal?: number;
}

export type TaskEventKind = 'transition' | 'remote' | 'error';

function toView(row: TaskRow, inactivityMs: number): StoredTask {
  const hasUsage = [
    row.prompt_tokens,
    row.completion_tokens,
    row.total_tokens,
    row.completion_time,
    row.cost,
  ].some((v) => v !== null);
  return {
    id: row.id,
    prompt: row.prompt,
    startingUrl: row.starting_url,
    status: row.status,
    sessionId: row.session_id,
    remoteTaskId: row.remote_task_id,
    pollUrl: row.poll_url,
    resultMessage: row.result_message,
    usage: hasUsage
      ? {
          promptTokens: row.prompt_tokens,
          completionTokens: row.completion_tokens,
          totalTokens: row.total_tokens,
          completionTime: row.completion_time,
          cost: row.cost,
        }
      : null,
    costSource: row.cost_source,
    error: row.error_message === null ? null : { code: row.error_code, message: row.error_message },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    mode: row.mode,
    priority: row.priority,
    tags: parseJson(row.tags, [] as string[]),
    retryOf: row.retry_of,
    costCap: row.cost_cap,
    keepSessionOpen: row.keep_session_open === 1,
    lastActivity: row.last_activity,
    question: row.question,
    currentUrl: row.current_url,
    credentialSites: parseJson<string[]>(row.credential_sites, []),
    queueOrder: row.queue_order ?? row.created_at,
    options: optionsOf(row.options),
    expiresAt: taskExpiresAt(row.status, row.waiting_since, inactivityMs),
    environmentId: row.environment_id ?? null,
    triggerId: row.trigger_id ?? null,
  };
}

const DEFAULT_OPTIONS: TaskOptions = TaskOptions.parse({});

/**
 * Options were validated when the task was created; reading them back only fills defaults
 * (a full schema parse per row was most of the cost of listing the queue).
 */
function optionsOf(text: string): TaskOptions {
  const stored = parseJson<Partial<TaskOptions>>(text, {});
  return { ...DEFAULT_OPTIONS, ...(stored && typeof stored === 'object' ? stored : {}) };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Column assignments for a patch; only the fields present in it are written. */
function patchColumns(patch: TaskPatch): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (patch.status !== undefined) columns.status = patch.status;
  if (patch.sessionId !== undefined) columns.session_id = patch.sessionId;
  if (patch.remoteTaskId !== undefined) columns.remote_task_id = patch.remoteTaskId;
  if (patch.pollUrl !== undefined) columns.poll_url = patch.pollUrl;
  if (patch.resultMessage !== undefined) columns.result_message = patch.resultMessage;
  if (patch.usage !== undefined) {
    columns.prompt_tokens = patch.usage?.promptTokens ?? null;
    columns.completion_tokens = patch.usage?.completionTokens ?? null;
    columns.total_tokens = patch.usage?.totalTokens ?? null;
    columns.completion_time = patch.usage?.completionTime ?? null;
    columns.cost = patch.usage?.cost ?? null;
  }
  if (patch.costSource !== undefined) columns.cost_source = patch.costSource;
  if (patch.error !== undefined) {
    columns.error_code = patch.error?.code ?? null;
    columns.error_message = patch.error?.message ?? null;
  }
  if (patch.startedAt !== undefined) columns.started_at = patch.startedAt;
  if (patch.endedAt !== undefined) columns.ended_at = patch.endedAt;
  if (patch.priority !== undefined) columns.priority = patch.priority;
  if (patch.queueOrder !== undefined) columns.queue_order = patch.queueOrder;
  if (patch.lastActivity !== undefined) columns.last_activity = patch.lastActivity;
  if (patch.question !== undefined) columns.question = patch.question;
  if (patch.currentUrl !== undefined) columns.current_url = patch.currentUrl;
  if (patch.networkTotal !== undefined) columns.network_total = patch.networkTotal;
  return columns;
}

export class TaskStore {
  private readonly sql: (text: string) => Database.Statement;
  private readonly insertTask: Database.Statement;
  private readonly selectTask: Database.Statement;
  private readonly insertEvent: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
    /** The backend's inactivity expiry, for each waiting task's expiresAt. */
    private readonly inactivityMs: number = INACTIVITY_MS,
  ) {
    this.sql = statementCache(this.db);
    this.insertTask = db.prepare(
      `INSERT INTO tasks (id, prompt, starting_url, status, created_at, updated_at, mode, priority, queue_order, tags,
                          retry_of, options, cost_cap, keep_session_open, session_id, credential_sites, environment_id)
       VALUES (@id, @prompt, @startingUrl, 'queued', @createdAt, @createdAt, @mode, @priority, @createdAt, @tags,
               @retryOf, @options, @costCap, @keepSessionOpen, @sessionId, @credentialSites, @environmentId)`,
    );
    this.selectTask = db.prepare('SELECT * FROM tasks WHERE id = ?');
    this.insertEvent = db.prepare(
      `INSERT INTO task_events (task_id, at, kind, from_status, to_status, payload)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  create(task: NewTask): StoredTask {
    this.db.transaction(() => {
      this.insertTask.run({
        id: task.id,
        prompt: task.prompt,
        startingUrl: task.startingUrl,
        createdAt: task.createdAt,
        mode: task.mode ?? 'oneshot',
        priority: task.priority ?? 0,
        tags: JSON.stringify(task.tags ?? []),
        retryOf: task.retryOf ?? null,
        options: JSON.stringify(TaskOptions.parse(task.options ?? {})),
        costCap: task.costCap ?? null,
        keepSessionOpen: task.keepSessionOpen ? 1 : 0,
        sessionId: task.sessionId ?? null,
        credentialSites: JSON.stringify(task.credentialSites ?? []),
        environmentId: task.environmentId ?? null,
      });
      this.insertEvent.run(task.id, task.createdAt, 'transition', null, 'queued', null);
    })();
    return this.get(task.id)!;
  }

  get(id: string): StoredTask | null {
    const row = this.selectTask.get(id) as TaskRow | undefined;
    return row ? toView(row, this.inactivityMs) : null;
  }

  /**
   * Applies a patch and, in the same transaction, appends what caused it to the event log:
   * a status change is recorded as a transition, anything else under `eventKind`.
   */
  update(
    id: string,
    patch: TaskPatch,
    event?: { kind: TaskEventKind; payload?: unknown },
  ): StoredTask {
    const at = this.now();
    this.db
      .transaction(() => {
        const before = this.selectTask.get(id) as TaskRow | undefined;
        if (!before) throw new Error(`task ${id} does not exist`);
        // Every end passes here, so this is where an expired wait gets its reason.
        const error = explainExpiry(
          { status: before.status, waitingSince: before.waiting_since },
          patch,
          at,
          this.inactivityMs,
        );
        const columns = patchColumns(error === patch.error ? patch : { ...patch, error });
        const names = Object.keys(columns);
        const assignments = [...names.map((n) => `${n} = @${n}`), 'updated_at = @updated_at'].join(
          ', ',
        );
        // One cached statement per set of columns changed.
        this.sql(`UPDATE tasks SET ${assignments} WHERE id = @id`).run({
          ...columns,
          updated_at: at,
          id,
        });
        const payload = event?.payload === undefined ? null : JSON.stringify(event.payload);
        if (patch.status !== undefined && patch.status !== before.status) {
          this.insertEvent.run(id, at, 'transition', before.status, patch.status, payload);
        } else if (event) {
          this.insertEvent.run(id, at, event.kind, null, null, payload);
        }
        // IMMEDIATE: it reads before it writes, and a deferred transaction whose snapshot another
        // process (the MCP server, the CLI) has written past fails at once with SQLITE_BUSY
        // instead of waiting out the busy timeout.
      })
      .immediate();
    return this.get(id)!;
  }

  /**
   * Takes a queued task for submission, atomically: another process sharing the database
   * (the CLI beside the app) that got there first wins, and this one gets null.
   */
  claim(id: string, at: number): StoredTask | null {
    const claimed = this.db.transaction(() => {
      const changed = this.sql(
        "UPDATE tasks SET status = 'submitting', started_at = ?, updated_at = ?, error_code = NULL, error_message = NULL WHERE id = ? AND status = 'queued'",
      ).run(at, at, id).changes;
      if (changed === 1) this.insertEvent.run(id, at, 'transition', 'queued', 'submitting', null);
      return changed === 1;
    })();
    return claimed ? this.get(id) : null;
  }

  /** Removes a task and everything recorded about it (events, samples, network, files rows). */
  delete(id: string): void {
    this.sql('DELETE FROM tasks WHERE id = ?').run(id);
  }

  appendEvent(id: string, kind: TaskEventKind, payload: unknown): void {
    this.insertEvent.run(id, this.now(), kind, null, null, JSON.stringify(payload));
  }

  events(id: string): {
    at: number;
    kind: TaskEventKind;
    fromStatus: string | null;
    toStatus: string | null;
    payload: unknown;
  }[] {
    const rows = this.sql(
      'SELECT at, kind, from_status, to_status, payload FROM task_events WHERE task_id = ? ORDER BY id',
    ).all(id) as {
      at: number;
      kind: TaskEventKind;
      from_status: string | null;
      to_status: string | null;
      payload: string | null;
    }[];
    return rows.map((r) => ({
      at: r.at,
      kind: r.kind,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
    }));
  }

  /** Queued tasks in dispatch order: highest priority first, then queue position. */
  queued(limit = -1, offset = 0): StoredTask[] {
    // queue_order is set for every task created since schema 2, so the partial queue index
    // yields rows already in order.
    const rows = this.sql(
      `SELECT * FROM tasks WHERE status = 'queued' ORDER BY priority DESC, queue_order, rowid LIMIT ? OFFSET ?`,
    ).all(limit, offset) as TaskRow[];
    return rows.map((r) => toView(r, this.inactivityMs));
  }

  queueOrder(id: string): number {
    const row = this.sql(
      'SELECT coalesce(queue_order, created_at) AS o FROM tasks WHERE id = ?',
    ).get(id) as { o: number } | undefined;
    return row?.o ?? 0;
  }

  networkTotal(id: string): number | null {
    return (
      (
        this.sql('SELECT network_total AS n FROM tasks WHERE id = ?').get(id) as
          { n: number | null } | undefined
      )?.n ?? null
    );
  }

  countQueued(): number {
    return (
      this.sql("SELECT count(*) AS n FROM tasks WHERE status = 'queued'").get() as { n: number }
    ).n;
  }

  /** Tasks a previous run left unfinished, oldest first, for crash recovery. */
  unfinished(): StoredTask[] {
    const rows = this.sql(
      `SELECT * FROM tasks WHERE status IN (${sqlList(UNFINISHED)})
         ORDER BY created_at, id`,
    ).all() as TaskRow[];
    return rows.map((r) => toView(r, this.inactivityMs));
  }
}
