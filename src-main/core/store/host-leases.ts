// Which process runs which task, when several desks share one history file. A host that runs
// its own tasks beside the app (the MCP server) registers, keeps a heartbeat, and holds each
// task it queues; every other desk leaves a task held by a live host alone: it neither sends it
// (two processes must never submit one task twice) nor adopts it at start-up recovery (which
// would mark a task caught mid-submission as unknown while its host is still sending it).
import type Database from 'better-sqlite3';
import { statementCache } from './statement-cache';
import { pidAlive } from '../shared-sandbox/pid';

/** A host whose heartbeat is older than this has died (or hung); its tasks are fair game. */
export const HOST_STALE_MS = 10_000;
export const HEARTBEAT_MS = 2_000;

export class HostLeases {
  private readonly sql: (text: string) => Database.Statement;
  private hostId: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.sql = statementCache(db);
  }

  /**
   * Forgets hosts whose process is gone from this machine (a SIGKILL leaves its row and a fresh
   * heartbeat for up to HOST_STALE_MS): `resume` right after a killed `batch` may then take its
   * tasks over at once. The history is a local file, so its hosts' pids are this machine's.
   */
  reapDead(): void {
    const hosts = this.sql('SELECT id, pid FROM desk_hosts').all() as { id: string; pid: number }[];
    for (const host of hosts)
      if (host.id !== this.hostId && host.pid !== process.pid && !pidAlive(host.pid))
        this.sql('DELETE FROM desk_hosts WHERE id = ?').run(host.id);
  }

  /** Starts holding tasks as `hostId`, with a heartbeat until close(). */
  register(hostId: string, kind: string): void {
    this.reapDead();
    this.hostId = hostId;
    this.sql(
      'INSERT OR REPLACE INTO desk_hosts (id, kind, pid, heartbeat_at) VALUES (?, ?, ?, ?)',
    ).run(hostId, kind, process.pid, this.now());
    this.timer = setInterval(() => {
      try {
        this.sql('UPDATE desk_hosts SET heartbeat_at = ? WHERE id = ?').run(this.now(), hostId);
      } catch {
        // A full disk or a closed database: the next beat tries again; staleness is the fallback.
      }
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  get id(): string | null {
    return this.hostId;
  }

  /** Runs `create` (which writes the task) and holds what it returns, in one transaction. */
  holding<T extends { id: string }>(create: () => T): T {
    const hostId = this.hostId;
    if (!hostId) return create();
    return this.db.transaction(() => {
      const created = create();
      this.sql('INSERT OR REPLACE INTO task_holders (task_id, host_id) VALUES (?, ?)').run(
        created.id,
        hostId,
      );
      return created;
    })();
  }

  /**
   * Holds a task this host follows (adopted at recovery or taken over), unless another live
   * host holds it: the hold moves only from a dead host or none.
   */
  hold(taskId: string): void {
    if (!this.hostId) return;
    this.sql(
      `INSERT INTO task_holders (task_id, host_id) VALUES (?, ?)
       ON CONFLICT (task_id) DO UPDATE SET host_id = excluded.host_id
       WHERE NOT EXISTS (SELECT 1 FROM desk_hosts h WHERE h.id = task_holders.host_id AND h.heartbeat_at >= ?)`,
    ).run(taskId, this.hostId, this.now() - HOST_STALE_MS);
  }

  isAlive(hostId: string): boolean {
    const row = this.sql('SELECT heartbeat_at AS at FROM desk_hosts WHERE id = ?').get(hostId) as
      { at: number } | undefined;
    return row !== undefined && this.now() - row.at < HOST_STALE_MS;
  }

  /** True when another live host holds the task. */
  heldElsewhere(taskId: string): boolean {
    const row = this.sql(
      `SELECT h.heartbeat_at AS at FROM task_holders t JOIN desk_hosts h ON h.id = t.host_id WHERE t.task_id = ? AND t.host_id IS NOT ?`,
    ).get(taskId, this.hostId) as { at: number } | undefined;
    return row !== undefined && this.now() - row.at < HOST_STALE_MS;
  }

  /** Unfinished tasks whose holder closed or died: the app may take them over now. */
  orphaned(): string[] {
    return this.sql(
      `SELECT t.task_id FROM task_holders t JOIN tasks k ON k.id = t.task_id LEFT JOIN desk_hosts h ON h.id = t.host_id
       WHERE k.status IN ('queued', 'submitting', 'running', 'needs_input', 'paused') AND (h.id IS NULL OR h.heartbeat_at < ?)`,
    )
      .pluck()
      .all(this.now() - HOST_STALE_MS) as string[];
  }

  /**
   * Lets go of a dead host's hold on a task, so this desk follows it. Atomic: of several desks
   * looking at once, only the one whose delete removed the hold gets true (one follower).
   */
  takeOver(taskId: string): boolean {
    return (
      this.sql(
        `DELETE FROM task_holders WHERE task_id = ? AND NOT EXISTS
           (SELECT 1 FROM desk_hosts h WHERE h.id = task_holders.host_id AND h.heartbeat_at >= ?)`,
      ).run(taskId, this.now() - HOST_STALE_MS).changes === 1
    );
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.hostId) return;
    try {
      // Gone at once: the app may pick up what this host left unfinished at its next start.
      this.sql('DELETE FROM desk_hosts WHERE id = ?').run(this.hostId);
    } catch {
      // Closing over a broken database: the heartbeat goes stale on its own.
    }
  }
}
