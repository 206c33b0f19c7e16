// WebRun sessions the app opened. They bill by the minute while open, so the app remembers
// each one until it ends; one still open from an earlier run (a crash) is "stray".
import type Database from 'better-sqlite3';
import { INACTIVITY_MS, sessionExpiresAt } from '../webrun/expiry';
import { statementCache } from '../store/statement-cache';

export interface SessionRow {
  id: string;
  status: 'open' | 'ended';
  createdAt: number;
  endedAt: number | null;
  endReason: string | null;
  socketUrl: string | null;
  webViewUrl: string | null;
  keepOpen: boolean;
  runId: string;
}

interface Row {
  id: string;
  status: 'open' | 'ended';
  created_at: number;
  ended_at: number | null;
  end_reason: string | null;
  socket_url: string | null;
  web_view_url: string | null;
  keep_open: number;
  run_id: string;
}

const toSession = (r: Row): SessionRow => ({
  id: r.id,
  status: r.status,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  socketUrl: r.socket_url,
  webViewUrl: r.web_view_url,
  keepOpen: r.keep_open === 1,
  runId: r.run_id,
});

export class SessionStore {
  private readonly sql: (text: string) => Database.Statement;
  constructor(
    private readonly db: Database.Database,
    /** This app run; sessions opened by another run and still open are stray. */
    readonly runId: string,
    /** The backend's inactivity expiry, for an open session's expiresAt. */
    private readonly inactivityMs: number = INACTIVITY_MS,
  ) {
    this.sql = statementCache(this.db);
  }

  /** When WebRun will end this session for lack of activity; null while a task runs in it or once ended. */
  expiresAt(session: SessionRow): number | null {
    if (session.status !== 'open') return null;
    const row = this.sql(
      "SELECT max(status IN ('submitting', 'running')) AS running, max(coalesce(ended_at, updated_at)) AS last FROM tasks WHERE session_id = ?",
    ).get(session.id) as { running: number | null; last: number | null };
    return sessionExpiresAt(
      session,
      { running: row.running === 1, lastActivityAt: row.last },
      this.inactivityMs,
    );
  }

  open(session: {
    id: string;
    createdAt: number;
    socketUrl: string | null;
    webViewUrl: string | null;
    keepOpen: boolean;
  }): SessionRow {
    this.sql(
      `INSERT INTO sessions (id, status, created_at, socket_url, web_view_url, keep_open, run_id)
         VALUES (@id, 'open', @createdAt, @socketUrl, @webViewUrl, @keepOpen, @runId)
         ON CONFLICT (id) DO UPDATE SET socket_url = coalesce(excluded.socket_url, socket_url),
           web_view_url = coalesce(excluded.web_view_url, web_view_url), run_id = excluded.run_id`,
    ).run({ ...session, keepOpen: session.keepOpen ? 1 : 0, runId: this.runId });
    return this.get(session.id)!;
  }

  /** Adopts a session from an earlier run (when the runner picks its task up again). */
  adopt(id: string): void {
    this.sql("UPDATE sessions SET run_id = ? WHERE id = ? AND status = 'open'").run(this.runId, id);
  }

  end(id: string, reason: string, at: number): void {
    this.sql(
      "UPDATE sessions SET status = 'ended', ended_at = ?, end_reason = ? WHERE id = ? AND status = 'open'",
    ).run(at, reason, id);
  }

  setKeepOpen(id: string, keepOpen: boolean): void {
    this.sql('UPDATE sessions SET keep_open = ? WHERE id = ?').run(keepOpen ? 1 : 0, id);
  }

  get(id: string): SessionRow | null {
    const row = this.sql('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    return row ? toSession(row) : null;
  }

  listOpen(): SessionRow[] {
    return (
      this.sql("SELECT * FROM sessions WHERE status = 'open' ORDER BY created_at").all() as Row[]
    ).map(toSession);
  }

  /** Open sessions first, then the most recently ended. */
  listRecent(limit: number): SessionRow[] {
    return (
      this.sql(
        "SELECT * FROM sessions ORDER BY status = 'open' DESC, coalesce(ended_at, created_at) DESC LIMIT ?",
      ).all(limit) as Row[]
    ).map(toSession);
  }

  stray(): SessionRow[] {
    return (
      this.sql(
        "SELECT * FROM sessions WHERE status = 'open' AND run_id != ? ORDER BY created_at",
      ).all(this.runId) as Row[]
    ).map(toSession);
  }
}
