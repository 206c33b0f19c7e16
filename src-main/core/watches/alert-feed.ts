// Every alert recorded in the history reaches this desk's UI and notifications once, whichever
// process raised it: this desk's own scheduler, or `webrun-desk watch run` (or another app) on
// the same history file. Alerts are read back from the store by id (ids only grow), after this
// desk judged a run and whenever another process committed (other-processes.ts says when), so
// both paths are one and an alert is neither shown twice nor missed. The watches table is
// fingerprinted too, so a watch added, edited or paused elsewhere refreshes the Watches view.
import type Database from 'better-sqlite3';
import type { WatchAlert } from '../../contract/watches';
import { statementCache } from '../store/statement-cache';
import { alertOf, type AlertRow } from './watch-store';

/** At most this many alerts are pushed per look; older ones wait in the inbox's own read. */
const PER_LOOK = 100;

export interface AlertFeedOptions {
  db: Database.Database;
  onAlert: (alert: WatchAlert) => void;
  /** A watch changed (its alert, or its row written by another process). */
  onChanged: (watchId: string) => void;
}

export class AlertFeed {
  private readonly sql: (text: string) => Database.Statement;
  private lastId: number;
  private watchesPrint: string;

  constructor(private readonly o: AlertFeedOptions) {
    this.sql = statementCache(o.db);
    // Alerts already in the history when the desk starts are the inbox's to show, not news.
    this.lastId = (
      this.sql('SELECT coalesce(max(id), 0) AS n FROM watch_alerts').get() as { n: number }
    ).n;
    this.watchesPrint = this.printWatches();
  }

  /** Pushes alerts recorded since the last look, oldest first; returns how many. */
  check(): number {
    const rows = this.sql(
      `SELECT id, watch_id, task_id, kind, message, at FROM watch_alerts
        WHERE id > ? ORDER BY id LIMIT ?`,
    ).all(this.lastId, PER_LOOK) as AlertRow[];
    const changed = new Set<string>();
    for (const r of rows) {
      this.lastId = r.id;
      this.o.onAlert(alertOf(r));
      changed.add(r.watch_id);
    }
    for (const id of changed) this.o.onChanged(id);
    return rows.length;
  }

  /** Another process committed: its alerts, and its edits to the watches (added, paused, judged). */
  external(): void {
    this.check();
    const print = this.printWatches();
    if (print === this.watchesPrint) return;
    this.watchesPrint = print;
    const ids = this.sql('SELECT id FROM watches').pluck().all() as string[];
    // An empty id: a watch was removed, or the list as a whole changed.
    for (const id of ids.length > 0 ? ids : ['']) this.o.onChanged(id);
  }

  /** Counts, latest edit, latest judged run, alerts not dismissed: changes whenever a view would. */
  private printWatches(): string {
    const row = this.sql(
      `SELECT (SELECT count(*) FROM watches) AS n, (SELECT max(updated_at) FROM watches) AS u,
              (SELECT count(*) FROM watch_runs) AS r, (SELECT max(evaluated_at) FROM watch_runs) AS e,
              (SELECT count(*) FROM watch_alerts WHERE seen_at IS NULL) AS s`,
    ).get();
    return JSON.stringify(row);
  }
}
