// Imports the runs of the user's triggers into the history: every finished run WebRun lists
// (GET /cron-jobs/:id/runs, every page), with the task behind it fetched when the run gives
// its ids, becomes one task marked with its trigger. Runs already imported are skipped, so
// looking twice imports nothing twice; runs that finished while the app was closed are simply
// the ones not yet imported at the next look. One import at a time.
import { randomUUID } from 'node:crypto';
import { toUsageView } from '../runner/usage-view';
import { readFiles, readNetwork } from '../webrun/normalise';
import type { TriggersClient, CronJob, CronRun } from '../webrun/triggers-client';
import type { TaskOutcome } from '../webrun/types';
import { parseUsage } from '../webrun/usage';
import type { ImportedRun } from '../tasks/imported-tasks';
import type { TriggerRunStore } from './run-store';

/** At most this many pages of 50 runs are read per trigger and import (2,500 runs). */
const MAX_PAGES = 50;

export interface ImportResult {
  imported: number;
  failed: { triggerId: string; message: string }[];
}

export interface RunImporterOptions {
  triggers: Pick<TriggersClient, 'list' | 'runs'>;
  /** Polls the task behind a run (GET /task/:sessionId/:taskId). */
  poll(ids: { sessionId: string; taskId: string }): Promise<TaskOutcome>;
  store: Pick<TriggerRunStore, 'known'>;
  /** Writes the run as a finished task (the task service); false when it was there already. */
  record(run: ImportedRun): boolean;
  onImported?(taskId: string, hasFiles: boolean): void;
}

type Rec = Record<string, unknown>;

function finishedStatus(status: string): 'completed' | 'failed' | null {
  const s = status.toLowerCase();
  if (s === 'completed' || s === 'complete' || s === 'success' || s === 'succeeded')
    return 'completed';
  if (s === 'failed' || s === 'error' || s === 'errored' || s === 'timeout' || s === 'cancelled')
    return 'failed';
  return null; // still running or pending: imported once it has finished
}

const time = (iso: string | null): number | null => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms;
};

export class RunImporter {
  private current: Promise<ImportResult> | null = null;

  constructor(private readonly o: RunImporterOptions) {}

  /** Imports what is new; a call while one is running waits for that one. */
  importAll(): Promise<ImportResult> {
    this.current ??= this.run().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  /** Resolves once no import is running (for a clean shutdown). */
  async idle(): Promise<void> {
    await this.current?.catch(() => {});
  }

  private async run(): Promise<ImportResult> {
    const result: ImportResult = { imported: 0, failed: [] };
    const jobs = await this.o.triggers.list();
    for (const job of jobs) {
      try {
        result.imported += await this.importJob(job);
      } catch (error) {
        result.failed.push({ triggerId: job.id, message: (error as Error).message });
      }
    }
    return result;
  }

  private async importJob(job: CronJob): Promise<number> {
    let imported = 0;
    for (let page = 1, pages = 1; page <= pages && page <= MAX_PAGES; page++) {
      const batch = await this.o.triggers.runs(job.id, page, 50);
      pages = batch.totalPages;
      const known = this.o.store.known(batch.runs.map((r) => r.id));
      for (const run of batch.runs) {
        const status = finishedStatus(run.status);
        if (!status || known.has(run.id)) continue;
        const record = await this.recordOf(job, run, status);
        if (this.o.record(record)) {
          imported += 1;
          this.o.onImported?.(record.taskId, record.files.length > 0);
        }
      }
    }
    return imported;
  }

  private async recordOf(
    job: CronJob,
    run: CronRun,
    status: 'completed' | 'failed',
  ): Promise<ImportedRun> {
    const createdAt = time(run.createdAt) ?? Date.now();
    const endedAt = time(run.completedAt);
    const raw = run.raw;
    const result = (raw.result && typeof raw.result === 'object' ? raw.result : {}) as Rec;
    let outcome: TaskOutcome | null = null;
    if (run.sessionId && run.taskId) {
      // The task behind the run has its full result; the run's own fields are the fallback.
      outcome = await this.o
        .poll({ sessionId: run.sessionId, taskId: run.taskId })
        .catch(() => null);
    }
    const usage = outcome?.usage ?? parseUsage(raw.usage, result.usage);
    const { usage: view, costSource } = toUsageView(
      usage,
      endedAt !== null ? endedAt - createdAt : null,
    );
    const message = outcome?.state === 'completed' ? outcome.message : run.message;
    const errorText = run.error ?? (outcome?.state === 'failed' ? outcome.message : null);
    return {
      taskId: randomUUID(),
      triggerId: job.id,
      runId: run.id,
      environmentId: job.environmentId,
      prompt: job.prompt,
      startingUrl: job.startingUrl,
      status,
      createdAt,
      endedAt,
      sessionId: run.sessionId,
      remoteTaskId: run.taskId,
      resultMessage: status === 'completed' ? message : null,
      usage: view,
      costSource,
      error:
        status === 'failed'
          ? {
              code: run.code ?? outcome?.code ?? null,
              message: errorText ?? 'The trigger run failed.',
            }
          : null,
      network: outcome?.network.length ? outcome.network : readNetwork(result),
      files: (outcome?.files.length ? outcome.files : readFiles(result)).map((f) => ({
        filename: f.filename,
        source: f.source,
        downloadUrl: f.downloadUrl,
        timestamp: f.timestamp,
      })),
    };
  }
}
