// Feeds a batch's rows into the runner's queue as ordinary tasks, a few at a time, and reacts
// to their changes. It keeps at most `concurrency` rows in flight, so pausing or a budget stop
// takes effect at once, and each row is marked sent in the same transaction that creates its
// task: after a crash, the next start continues with the rows never handed over, and a row
// whose task's fate is unknown stays unknown (the runner's rule for any task).
import type Database from 'better-sqlite3';
import type { BatchView } from '../../contract/batches';
import { formatUsd } from '../../contract/money-format';
import type { CreateTaskInput, TaskView } from '../../contract/schemas';
import type { SessionStore } from '../sessions/session-store';
import { IN_FLIGHT, type BatchRecord, type BatchStore, type RowRecord } from './batch-store';
import { viewOf } from './batch-view';
import { quantile } from '../money/cost-figures';
import type { RateLimit } from './estimate';
import { renderTask } from './template';
import { storageProblem } from '../store/storage-errors';

export interface DriverOptions {
  store: BatchStore;
  db: Database.Database;
  sessions: Pick<SessionStore, 'get' | 'setKeepOpen'>;
  /** The task service's create: checks, stores `queued` and enqueues. */
  createTask: (input: CreateTaskInput) => TaskView;
  /** Takes a still-queued task back (false: it was claimed meanwhile and goes ahead). */
  unqueue: (taskId: string) => boolean;
  stopTask: (taskId: string) => Promise<void>;
  terminateSession: (sessionId: string) => Promise<void>;
  onChanged: (view: BatchView) => void;
  now?: () => number;
  rateLimit: RateLimit | null;
  log?: (line: string) => void;
  /**
   * The history could not be written (a full disk): said to the desk's owner like the runner's
   * own storage failures, so a command following the batch ends with the reason, not a wait.
   */
  onStorageFailure?: (message: string) => void;
  /** Coalesces the bursts of task events into one pass per batch (tests may run it at once). */
  defer?: (fn: () => void) => void;
}

const isInFlight = (row: RowRecord): boolean =>
  row.state === 'sent' && row.task !== null && IN_FLIGHT.includes(row.task.status);

export class BatchDriver {
  private readonly pending = new Set<string>();
  private flushing = false;
  private closed = false;
  /** Batches this process drives (the CLI drives only its own). */
  private readonly owned = new Set<string>();
  private readonly now: () => number;
  private readonly defer: (fn: () => void) => void;

  constructor(private readonly o: DriverOptions) {
    this.now = o.now ?? Date.now;
    this.defer = o.defer ?? ((fn) => setImmediate(fn));
  }

  view(id: string): BatchView | null {
    const record = this.o.store.get(id);
    return record ? viewOf(record, this.o.store, this.now(), this.o.rateLimit) : null;
  }

  /** Starts (or continues) driving a batch in this process. */
  drive(id: string): void {
    this.owned.add(id);
    this.schedule(id);
  }

  /** Continues every batch a previous run left running. */
  recover(): void {
    for (const id of this.o.store.inState('running')) this.drive(id);
  }

  onTaskChanged(taskId: string): void {
    const batchId = this.o.store.batchOfTask(taskId);
    if (batchId) this.schedule(batchId);
  }

  close(): void {
    this.closed = true;
  }

  private schedule(id: string): void {
    if (this.closed) return;
    this.pending.add(id);
    if (this.flushing) return;
    this.flushing = true;
    this.defer(() => {
      this.flushing = false;
      const ids = [...this.pending];
      this.pending.clear();
      for (const batchId of ids) {
        if (this.closed) return;
        try {
          this.tick(batchId);
        } catch (error) {
          this.failed(`batch ${batchId}`, error);
        }
      }
    });
  }

  private failed(where: string, error: unknown): void {
    this.o.log?.(`${where}: ${(error as Error).message}`);
    const problem = storageProblem(error);
    if (problem) this.o.onStorageFailure?.(problem);
  }

  private emit(id: string): void {
    const view = this.view(id);
    if (view) this.o.onChanged(view);
  }

  /** One pass: finish, stop at the budget, or hand the next rows to the queue. */
  private tick(id: string): void {
    const batch = this.o.store.get(id);
    if (!batch) return;
    if (batch.state === 'cancelled' && this.owned.has(id)) this.stopLive(this.o.store.rows(id));
    if (batch.state !== 'running' || !this.owned.has(id)) {
      this.emit(id);
      return;
    }
    const rows = this.o.store.rows(id);
    const inFlight = rows.filter(isInFlight);
    const waiting = rows.filter((r) => r.state === 'waiting');
    if (waiting.length === 0 && inFlight.length === 0) {
      this.o.store.setState(id, 'finished', null);
      this.closeIdleSessions(batch, rows);
      this.emit(id);
      return;
    }
    const budget = this.budgetCheck(batch, rows, inFlight);
    let slots = batch.concurrency - inFlight.length;
    let sent = 0;
    for (const row of this.candidates(batch, rows)) {
      if (slots <= 0) break;
      const refusal = budget.next();
      if (refusal) {
        // Counted after this pass's sends, so the message agrees with the table's "Waiting".
        const unsent = waiting.length - sent;
        this.o.store.setState(
          id,
          'budget_stopped',
          `${refusal} ${unsent} row${unsent === 1 ? '' : 's'} not sent; raise the budget and resume to send them.`,
        );
        this.closeIdleSessions(batch, this.o.store.rows(id));
        break;
      }
      if (this.send(batch, rows, row)) {
        slots -= 1;
        sent += 1;
      }
    }
    this.emit(id);
  }

  /** Rows that may go next, in order. In session mode a chunk of rows runs one after another. */
  private candidates(batch: BatchRecord, rows: RowRecord[]): RowRecord[] {
    const waiting = rows.filter((r) => r.state === 'waiting');
    if (batch.template.mode !== 'session') return waiting;
    const size = batch.template.rowsPerSession;
    const busy = new Set(rows.filter(isInFlight).map((r) => Math.floor(r.idx / size)));
    const picked = new Map<number, RowRecord>();
    for (const row of waiting) {
      const chunk = Math.floor(row.idx / size);
      if (!busy.has(chunk) && !picked.has(chunk)) picked.set(chunk, row);
    }
    // Chunks whose session is already open go first: their browser is waiting (and billing).
    const open = (row: RowRecord): boolean => this.sessionToContinue(rows, row, size) !== null;
    return [...picked.values()].sort((a, b) => Number(open(b)) - Number(open(a)) || a.idx - b.idx);
  }

  private sessionToContinue(rows: RowRecord[], row: RowRecord, size: number): string | null {
    const chunkStart = Math.floor(row.idx / size) * size;
    const previous = rows
      .slice(chunkStart, row.idx)
      .reverse()
      .find((r) => r.task?.sessionId);
    const sessionId = previous?.task?.sessionId ?? null;
    return sessionId && this.o.sessions.get(sessionId)?.status === 'open' ? sessionId : null;
  }

  /**
   * Whether one more row fits the budget: what is spent, plus what the rows in flight will
   * likely still cost, plus one more row. A row is reckoned at its cost cap, or else at the
   * 90th percentile of this batch's completed rows, or of earlier runs of the same template;
   * with none of these, only what is spent counts.
   */
  private budgetCheck(
    batch: BatchRecord,
    rows: RowRecord[],
    inFlight: RowRecord[],
  ): { next(): string | null } {
    const completed = rows.flatMap((r) =>
      r.task?.status === 'completed' && r.task.cost !== null ? [r.task.cost] : [],
    );
    const perRow =
      batch.template.costCap ??
      quantile(completed, 0.9) ??
      quantile(this.o.store.history(batch.templateKey, 500).costs, 0.9);
    const spent = rows.reduce((sum, r) => sum + (r.task?.cost ?? 0), 0);
    let reserve = inFlight.reduce(
      (sum, r) => sum + Math.max(0, (perRow ?? 0) - (r.task?.cost ?? 0)),
      0,
    );
    return {
      next: () => {
        if (batch.budget === null) return null;
        const projected = spent + reserve + (perRow ?? 0);
        const over = perRow === null ? spent >= batch.budget : projected > batch.budget;
        if (over) {
          const running =
            inFlight.length > 0
              ? `, ${inFlight.length} row${inFlight.length === 1 ? '' : 's'} still running`
              : '';
          const each = perRow === null ? '' : `, about ${formatUsd(perRow)} a row`;
          return `Stopped sending: the next row would take the batch over its budget of ${formatUsd(batch.budget)} (spent ${formatUsd(spent)}${running}${each}).`;
        }
        reserve += perRow ?? 0;
        return null;
      },
    };
  }

  private send(batch: BatchRecord, rows: RowRecord[], row: RowRecord): boolean {
    const size = batch.template.rowsPerSession;
    const session = batch.template.mode === 'session';
    const sessionId = session ? this.sessionToContinue(rows, row, size) : null;
    const chunkEnd = Math.floor(row.idx / size) * size + size;
    const more = session && rows.slice(row.idx + 1, chunkEnd).some((r) => r.state === 'waiting');
    const input: CreateTaskInput = {
      ...renderTask(batch.template, row.input, batch.id),
      sessionId,
      keepSessionOpen: more,
    };
    const at = this.now();
    try {
      return this.o.db.transaction(() => {
        // Claimed first: if another process sent this row already, nothing is created.
        if (!this.o.store.markSent(batch.id, row.idx, null, at)) return false;
        const task = this.o.createTask(input);
        this.o.store.setTask(batch.id, row.idx, task.id);
        // The last row of a chunk lets its session close when it ends.
        if (sessionId && !more) this.o.sessions.setKeepOpen(sessionId, false);
        return true;
      })();
    } catch (error) {
      this.failed(`batch ${batch.id}, line ${row.line}`, error);
      return false;
    }
  }

  /** A session kept open for the next row of its chunk bills by the minute: end it when no row follows. */
  private closeIdleSessions(batch: BatchRecord, rows: RowRecord[]): void {
    if (batch.template.mode !== 'session') return;
    const busy = new Set(rows.filter(isInFlight).map((r) => r.task!.sessionId));
    const ids = new Set(
      rows.flatMap((r) => (r.task?.sessionId && r.task.keepSessionOpen ? [r.task.sessionId] : [])),
    );
    for (const sessionId of ids) {
      if (busy.has(sessionId) || this.o.sessions.get(sessionId)?.status !== 'open') continue;
      void this.o
        .terminateSession(sessionId)
        .catch((error: unknown) =>
          this.o.log?.(`closing session ${sessionId}: ${(error as Error).message}`),
        );
    }
  }

  pause(id: string, state: 'paused' | 'cancelled' = 'paused'): void {
    const rows = this.o.store.rows(id);
    // Rows handed to the queue but not yet sent come back (paused) or end (cancelled).
    for (const row of rows.filter((r) => r.task?.status === 'queued')) {
      if (this.o.unqueue(row.taskId!) && state === 'paused') this.o.store.unsend(id, row.idx);
    }
    if (state === 'cancelled') {
      const cancelled = this.o.store.cancelWaiting(id);
      this.owned.add(id);
      this.stopLive(rows);
      this.o.store.setState(
        id,
        'cancelled',
        `Cancelled: ${cancelled} row${cancelled === 1 ? '' : 's'} not sent; rows already at WebRun were stopped.`,
      );
    } else {
      this.o.store.setState(
        id,
        'paused',
        'Paused: no new rows are sent; rows already at WebRun finish.',
      );
    }
    const batch = this.o.store.get(id);
    if (batch) this.closeIdleSessions(batch, this.o.store.rows(id));
    this.emit(id);
  }

  /** Stops the rows running at WebRun; one still being submitted is stopped once it has a session. */
  private stopLive(rows: RowRecord[]): void {
    for (const row of rows.filter(
      (r) => isInFlight(r) && r.task!.sessionId !== null && r.task!.status !== 'submitting',
    )) {
      void this.o
        .stopTask(row.taskId!)
        .catch((error: unknown) =>
          this.o.log?.(`cancelling ${row.taskId}: ${(error as Error).message}`),
        );
    }
  }

  resume(id: string): void {
    this.o.store.setState(id, 'running', null);
    this.drive(id);
  }
}
