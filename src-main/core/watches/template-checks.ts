// A saved template's checks (the same rules as a watch's, stored with the template) judge every
// completed run started from it: pass, fail, or unverified, never a silent pass. Each template
// then shows its pass and flap rate over its last 20 judged runs. A watch's runs are judged by
// the watch's own checks (watch-scheduler.ts), which start as a copy of the template's when the
// watch is made from one; its tasks do not carry the template's name, so they are not judged
// twice. Runs are judged off the task hot path: an ended task is queued and judged on the next
// turn, once (the table's key), by whichever process on the history sees it end first.
import type Database from 'better-sqlite3';
import type { Template } from '../../contract/index';
import type { Timers, TimerHandle } from '../../contract/timers';
import type { RunVerdict, Verdict } from '../../contract/watches';
import { statementCache } from '../store/statement-cache';
import { verdictOf } from './checks';
import { ratesOf, RATE_WINDOW, type Rates } from './rates';
import type { RunSnapshots } from './run-snapshots';

export interface TemplateChecksOptions {
  db: Database.Database;
  snapshots: Pick<RunSnapshots, 'snapshot'>;
  templates: () => Template[];
  now: () => number;
  timers: Timers;
  log: (line: string) => void;
  /** False on a read-only history: nothing is judged. */
  writable: boolean;
  /** Runs of these templates were judged now. */
  onJudged?: (names: string[]) => void;
}

export interface TemplateRates {
  name: string;
  checks: number;
  rates: Rates;
}

export class TemplateChecks {
  private readonly sql: (text: string) => Database.Statement;
  private readonly pending = new Set<string>();
  private timer: TimerHandle | null = null;

  constructor(private readonly o: TemplateChecksOptions) {
    this.sql = statementCache(o.db);
  }

  /** A task changed: a completed run of a template is judged soon. */
  taskChanged(task: { id: string; status: string; template: string | null }): void {
    if (!this.o.writable || task.status !== 'completed' || !task.template) return;
    this.pending.add(task.id);
    this.timer ??= this.o.timers.setTimeout(() => {
      this.timer = null;
      this.judgePending();
    }, 0);
  }

  /** Judges the queued runs; returns how many got a verdict now. */
  judgePending(): number {
    const ids = [...this.pending];
    this.pending.clear();
    let judged = 0;
    const templates = new Map(this.o.templates().map((t) => [t.name, t]));
    const names = new Set<string>();
    for (const id of ids) {
      try {
        const name = this.judge(id, templates);
        if (name === null) continue;
        judged += 1;
        names.add(name);
      } catch (error) {
        this.o.log(`Judging task ${id.slice(0, 8)} by its template: ${(error as Error).message}`);
      }
    }
    if (names.size > 0) this.o.onJudged?.([...names]);
    return judged;
  }

  /** The template's name when the run got its verdict now, else null. */
  private judge(id: string, templates: Map<string, Template>): string | null {
    const done = this.sql('SELECT 1 FROM template_verdicts WHERE task_id = ?').get(id);
    if (done) return null;
    const run = this.o.snapshots.snapshot(id);
    const row = this.sql('SELECT template, created_at FROM tasks WHERE id = ?').get(id) as
      { template: string | null; created_at: number } | undefined;
    // A template deleted since has nobody to report to: its runs stay unjudged.
    const template = row?.template ? templates.get(row.template) : undefined;
    if (!row || !template || run.status !== 'completed') return null;
    const verdict: RunVerdict = verdictOf(template.checks ?? [], run);
    const inserted = this.sql(
      `INSERT OR IGNORE INTO template_verdicts (task_id, template, run_at, verdict, results, judged_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      template.name,
      row.created_at,
      verdict.verdict,
      JSON.stringify(verdict.results),
      this.o.now(),
    );
    return inserted.changes > 0 ? template.name : null;
  }

  /** A run's verdict by its template, or null when it has none (yet). */
  verdictOf(taskId: string): RunVerdict | null {
    const row = this.sql('SELECT verdict, results FROM template_verdicts WHERE task_id = ?').get(
      taskId,
    ) as { verdict: Verdict; results: string } | undefined;
    return row
      ? { verdict: row.verdict, results: JSON.parse(row.results) as RunVerdict['results'] }
      : null;
  }

  /** Every saved template with its checks count and its rates over its last 20 judged runs. */
  rates(): TemplateRates[] {
    return this.o.templates().map((t) => {
      const verdicts = (
        this.sql(
          'SELECT verdict FROM template_verdicts WHERE template = ? ORDER BY run_at DESC LIMIT ?',
        ).all(t.name, RATE_WINDOW) as { verdict: Verdict }[]
      ).map((r) => r.verdict);
      return { name: t.name, checks: t.checks?.length ?? 0, rates: ratesOf(verdicts) };
    });
  }

  close(): void {
    this.o.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
