// The watches' side of the inbox: alerts a person has not dismissed yet, across watches, with
// the watch's name so each reads alone. Dismissing one sets its `seen_at` (migration 16 made
// the column for this); the alert stays in its watch's list and in `watch list`.
import type Database from 'better-sqlite3';
import type { InboxAlert } from '../../contract/watches';
import { statementCache } from '../store/statement-cache';
import { alertOf, type AlertRow } from './watch-store';

/** Alerts shown in the inbox at most: the newest; older ones wait in their watch's list. */
export const INBOX_ALERTS = 100;

export class AlertInbox {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  unseen(limit = INBOX_ALERTS): InboxAlert[] {
    const rows = this.sql(
      `SELECT a.id, a.watch_id, a.task_id, a.kind, a.message, a.at, w.name AS watch_name
         FROM watch_alerts a JOIN watches w ON w.id = a.watch_id
        WHERE a.seen_at IS NULL ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    ).all(limit) as (AlertRow & { watch_name: string })[];
    return rows.map((r) => ({ ...alertOf(r), watchName: r.watch_name }));
  }

  /** False when there is no such alert (deleted with its watch); dismissing twice is fine. */
  dismiss(id: number, now: number): boolean {
    const found = this.sql(
      'UPDATE watch_alerts SET seen_at = coalesce(seen_at, ?) WHERE id = ?',
    ).run(now, id);
    return found.changes > 0;
  }
}
