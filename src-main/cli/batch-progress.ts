// Following a batch from the command line: progress on stderr (a bar redrawn in place on a
// terminal, plain lines otherwise), waiting for its end, its exit code and final JSON.
import type { BatchResults, BatchView } from '../contract/batches';
import type { Desk } from '../core/desk';
import { formatDuration } from '../contract/duration-format';
import { formatUsd } from '../contract/money-format';
import { redrawLine, writeErr } from './terminal-text';

const WIDTH = 24;

export function progressLine(view: BatchView): string {
  const c = view.counts;
  const ended = c.done + c.failed + c.unknown + c.skipped + c.cancelled;
  const budget = view.budget === null ? '' : ` of ${formatUsd(view.budget)}`;
  const eta =
    view.etaMs === null || view.state !== 'running' ? '' : `, ETA ${formatDuration(view.etaMs)}`;
  const state = view.state === 'running' ? '' : ` [${view.state.replace('_', ' ')}]`;
  return `${ended}/${c.total}: ${c.done} done, ${c.running} running, ${c.waiting} waiting, ${c.failed} failed${c.unknown ? `, ${c.unknown} unknown` : ''}; ${formatUsd(view.spent)}${budget}${eta}${state}`;
}

export function bar(view: BatchView): string {
  const c = view.counts;
  const filled =
    c.total === 0 ? WIDTH : Math.round(((c.total - c.waiting - c.running) / c.total) * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${progressLine(view)}`;
}

/** Settled: nothing of it runs, and nothing more will be sent without a person. */
export function settled(view: BatchView): boolean {
  return view.counts.running === 0 && view.state !== 'running';
}

/** Writes progress while the batch runs and resolves with its view once it has settled. */
export function followBatch(
  desk: Desk,
  id: string,
  progress: (line: string) => void,
  tty = process.stderr.isTTY === true,
): Promise<BatchView> {
  let last = '';
  const show = (view: BatchView): void => {
    const line = tty ? bar(view) : `batch ${view.id}: ${progressLine(view)}`;
    if (line === last) return;
    last = line;
    if (tty) redrawLine(line);
    else progress(line);
  };
  return new Promise((resolve) => {
    const check = (view: BatchView): void => {
      show(view);
      if (!settled(view)) return;
      off();
      if (tty) writeErr('\n');
      if (view.reason) progress(view.reason);
      resolve(view);
    };
    const off = desk.subscribe((event) => {
      if (event.name === 'batch.updated' && event.payload.id === id) check(event.payload);
    });
    void Promise.resolve(desk.handlers['batches.get']({ id })).then(check);
  });
}

/** 0 when every row completed, 4 when any is unknown, 1 when any other did not complete. */
export function batchExitCode(results: BatchResults): number {
  if (results.rows.some((r) => r.status === 'unknown' || r.status === 'deleted')) return 4;
  return results.rows.every((r) => r.status === 'completed') ? 0 : 1;
}

export function batchJson(
  view: BatchView,
  results: BatchResults,
): { batchId: string; counts: BatchView['counts']; rows: unknown[] } {
  return {
    batchId: view.id,
    counts: view.counts,
    rows: results.rows.map((r) => ({
      line: r.line,
      input: r.input,
      status: r.status,
      cost: r.cost,
      durationMs: r.durationMs,
      answer: r.answer,
      fields: r.fields,
      error: r.error,
      taskId: r.taskId,
    })),
  };
}

/** For `resume`: follows every batch this start continued, and returns their worst exit code. */
export async function followBatches(desk: Desk, progress: (line: string) => void): Promise<number> {
  const running = (await desk.handlers['batches.list']({})).filter(
    (b) => b.state === 'running' || b.counts.running > 0,
  );
  if (running.length > 0)
    progress(`Continuing ${running.length} interrupted batch${running.length === 1 ? '' : 'es'}.`);
  const codes = await Promise.all(
    running.map(async (b) => {
      const view = await followBatch(desk, b.id, progress, false);
      const results = await desk.handlers['batches.results']({ id: b.id });
      progress(`batch ${view.id}: ${view.state.replace('_', ' ')}: ${progressLine(view)}`);
      return batchExitCode(results);
    }),
  );
  return Math.max(0, ...codes);
}
