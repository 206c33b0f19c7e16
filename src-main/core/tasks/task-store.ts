// Queries over tasks and their event log. Rows are mapped to the contract's TaskView in
// task-row.ts, so nothing above the store knows column names.
import type Database from 'better-sqlite3';
import { statementCache } from '../store/statement-cache';
import { taskReadCache, type TaskReadCache } from './task-read-cache';
import {
  patchColumns,
  toView,
  type NewTask,
  type StoredTask,
  type TaskEventKind,
  type TaskPatch,
  type TaskRow,
} from './task-row';
import { sqlList, UNFINISHED } from '../../contract/task-status';
import { TaskOptions } from '../../contract/schemas';
import { explainExpiry, INACTIVITY_MS } from '../webrun/expiry';

export type { NewTask, StoredTask, TaskEventKind, TaskPatch } from './task-row';

/** A page of the queue in dispatch order (limit and offset bound last). */
const QUEUE_PAGE =
  "WHERE status = 'queued' ORDER BY priority DESC, queue_order, rowid LIMIT ? OFFSET ?";

export class TaskStore {
  private readonly sql: (text: string) => Database.Statement;
  private readonly insertTask: Database.Statement;
  private readonly selectTask: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly selectBefore: Database.Statement;
  private readonly selectWaitingSince: Database.Statement;
  private readonly cache: TaskReadCache;
  /** One transaction function serves every step and update (making one per call costs). */
  private readonly stepTransaction: Database.Transaction<(step: () => void) => void>;
  private readonly claimTransaction: Database.Transaction<
    (claim: () => (TaskRow | null)[]) => (TaskRow | null)[]
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
    /** The backend's inactivity expiry, for each waiting task's expiresAt. */
    private readonly inactivityMs: number = INACTIVITY_MS,
  ) {
    this.sql = statementCache(this.db);
    this.insertTask = db.prepare(
      `INSERT INTO tasks (id, prompt, starting_url, status, created_at, updated_at, mode, priority, queue_order, tags,
                          retry_of, options, cost_cap, keep_session_open, session_id, credential_sites, environment_id, template)
       VALUES (@id, @prompt, @startingUrl, 'queued', @createdAt, @createdAt, @mode, @priority, @createdAt, @tags,
               @retryOf, @options, @costCap, @keepSessionOpen, @sessionId, @credentialSites, @environmentId, @template)
       RETURNING *`,
    );
    this.selectTask = db.prepare('SELECT * FROM tasks WHERE id = ?');
    // What an update needs of the row before it: the transition and an expired wait's reason.
    this.selectBefore = db.prepare('SELECT status, waiting_since FROM tasks WHERE id = ?');
    this.selectWaitingSince = db.prepare('SELECT waiting_since FROM tasks WHERE id = ?').pluck();
    this.cache = taskReadCache(db);
    this.stepTransaction = db.transaction((step: () => void) => step());
    this.claimTransaction = db.transaction((claim: () => (TaskRow | null)[]) => claim());
    this.insertEvent = db.prepare(
      `INSERT INTO task_events (task_id, at, kind, from_status, to_status, payload)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  create(task: NewTask): StoredTask {
    this.cache.forget(task.id);
    // RETURNING: the row as inserted (no trigger writes back to it), without reading it again.
    const row = this.db.transaction(() => {
      const inserted = this.insertTask.get({
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
        template: task.template ?? null,
      }) as TaskRow;
      this.insertEvent.run(task.id, task.createdAt, 'transition', null, 'queued', null);
      return inserted;
    })();
    return this.cache.remember(task.id, toView(row, this.inactivityMs));
  }

  /**
   * Runs `step` in one IMMEDIATE transaction (a savepoint inside an open one): the runner
   * writes each step of a task's life at once (see runner/write-scope.ts).
   */
  transaction(step: () => void): void {
    this.stepTransaction.immediate(step);
  }

  /** True while a transaction is open on this connection (SQLite may have rolled it back). */
  inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** The task as stored (a frozen view, served from memory while it is provably current). */
  get(id: string): StoredTask | null {
    return this.cache.read(id, () => this.load(id));
  }

  /**
   * Like get, but a task not in memory is not kept there: for pages of history, which are read
   * once and would otherwise push out the tasks the runner reads at every step.
   */
  peek(id: string): StoredTask | null {
    return this.cache.peek(id, () => this.load(id));
  }

  private load(id: string): StoredTask | null {
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
    this.cache.forget(id);
    let after: TaskRow | undefined;
    this.stepTransaction.immediate(() => {
      const before = this.selectBefore.get(id) as
        Pick<TaskRow, 'status' | 'waiting_since'> | undefined;
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
      // The stamp always moves forward, even within a millisecond: the UI keeps whichever
      // snapshot of a task is newer, so two changes must never share one.
      const assignments = [
        ...names.map((n) => `${n} = @${n}`),
        'updated_at = max(@updated_at, updated_at + 1)',
      ].join(', ');
      const statusChanged = patch.status !== undefined && patch.status !== before.status;
      // One cached statement per set of columns changed. RETURNING gives the row as written,
      // except what a trigger wrote after it: a status change sets waiting_since (migration
      // 10), so that one column is read again afterwards.
      const values = { ...columns, updated_at: at, id };
      const payload = event?.payload === undefined ? null : JSON.stringify(event.payload);
      after = this.sql(`UPDATE tasks SET ${assignments} WHERE id = @id RETURNING *`).get(
        values,
      ) as TaskRow;
      if (statusChanged) {
        after.waiting_since = this.selectWaitingSince.get(id) as number | null;
        this.insertEvent.run(id, at, 'transition', before.status, patch.status, payload);
      } else if (event) this.insertEvent.run(id, at, event.kind, null, null, payload);
    });
    // IMMEDIATE (above): it reads before it writes, and a deferred transaction whose snapshot
    // another process (the MCP server, the CLI) has written past fails at once with
    // SQLITE_BUSY instead of waiting out the busy timeout.
    return this.cache.remember(id, toView(after!, this.inactivityMs));
  }

  /**
   * Takes a queued task for submission, atomically: another process sharing the database
   * (the CLI beside the app) that got there first wins, and this one gets null.
   */
  claim(id: string, at: number, holderId: string | null = null): StoredTask | null {
    return this.claimAll([id], at, holderId)[0] ?? null;
  }

  /**
   * Claims several queued tasks in one transaction, fsync'd once: each is taken as claim()
   * takes one, and the answer says, in order, which ones this process got (null: another
   * process took it first, or it left the queue). The runner claims the tasks it dispatched in
   * one turn together: one fsync for all of them instead of one each (runner/claim-batch.ts).
   */
  claimAll(
    ids: readonly string[],
    at: number,
    holderId: string | null = null,
  ): (StoredTask | null)[] {
    for (const id of ids) this.cache.forget(id);
    // On disk before the request leaves: after a power cut a claim that vanished would put the
    // task back in the queue, and the next start would send it a second time. The holder is
    // written with it, so no other process takes the task over while this one is sending it.
    const claimed = this.durably(() =>
      this.claimTransaction(() => ids.map((id) => this.claimOne(id, at, holderId))),
    );
    return claimed.map((row, i) =>
      row ? this.cache.remember(ids[i]!, toView(row, this.inactivityMs)) : null,
    );
  }

  /** One claim, inside claimAll's transaction: the row as claimed, or null if not queued. */
  private claimOne(id: string, at: number, holderId: string | null): TaskRow | null {
    const row = this.sql(
      "UPDATE tasks SET status = 'submitting', started_at = ?, updated_at = max(?, updated_at + 1), error_code = NULL, error_message = NULL WHERE id = ? AND status = 'queued' RETURNING *",
    ).get(at, at, id) as TaskRow | undefined;
    if (!row) return null;
    // The status moved, so its trigger wrote waiting_since after RETURNING read the row.
    row.waiting_since = this.selectWaitingSince.get(id) as number | null;
    this.insertEvent.run(id, at, 'transition', 'queued', 'submitting', null);
    if (holderId !== null)
      this.sql('INSERT OR REPLACE INTO task_holders (task_id, host_id) VALUES (?, ?)').run(
        id,
        holderId,
      );
    return row;
  }

  /**
   * Runs `write` with every commit fsync'd (synchronous = FULL) instead of the store's usual
   * NORMAL, which in WAL mode survives a crash of the app but not of the machine. For the few
   * writes a power cut must not undo: the claim before a submission, the remote ids after it.
   */
  durably<T>(write: () => T): T {
    if (this.db.inTransaction) return write(); // the outer transaction's commit decides
    // Prepared once (db.pragma prepares on every call); SQLite applies it at each run.
    this.sql('PRAGMA synchronous = FULL').run();
    try {
      return write();
    } finally {
      this.sql('PRAGMA synchronous = NORMAL').run();
    }
  }

  /** Removes a task and everything recorded about it (events, samples, network, files rows). */
  delete(id: string): void {
    this.cache.clear();
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
    const rows = this.sql(`SELECT * FROM tasks ${QUEUE_PAGE}`).all(limit, offset) as TaskRow[];
    return rows.map((r) => toView(r, this.inactivityMs));
  }

  /**
   * The queue's ids and sessions in dispatch order: dispatch picks from these, and reads only
   * the row it sends.
   */
  queuedIds(limit: number, offset = 0): { id: string; sessionId: string | null }[] {
    return this.sql(`SELECT id, session_id AS sessionId FROM tasks ${QUEUE_PAGE}`).all(
      limit,
      offset,
    ) as { id: string; sessionId: string | null }[];
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
