// The CLI's view of a running batch: the bar, the plain progress line and the exit code.
import { describe, expect, it } from 'vitest';
import type { BatchResults, BatchView } from '../../src-main/contract/batches';
import { bar, batchExitCode, progressLine, settled } from '../../src-main/cli/batch-progress';

const view = (
  patch: Partial<Omit<BatchView, 'counts'>> & { counts?: Partial<BatchView['counts']> },
): BatchView =>
  ({
    id: 'b1',
    name: 'n',
    tag: 'batch-b1',
    createdAt: 0,
    updatedAt: 0,
    state: 'running',
    reason: null,
    columns: [],
    concurrency: 2,
    budget: 1,
    spent: 0.25,
    unknownCost: 0,
    etaMs: 120_000,
    retryOf: null,
    template: {} as BatchView['template'],
    ...patch,
    counts: {
      total: 10,
      done: 4,
      running: 2,
      waiting: 3,
      failed: 1,
      unknown: 0,
      skipped: 0,
      cancelled: 0,
      ...patch.counts,
    },
  }) as BatchView;

const results = (...statuses: BatchResults['rows'][number]['status'][]): BatchResults => ({
  batchId: 'b1',
  columns: [],
  fields: [],
  rows: statuses.map((status, i) => ({
    line: i + 2,
    input: {},
    taskId: null,
    status,
    cost: null,
    durationMs: null,
    answer: null,
    error: null,
    fields: {},
  })),
});

describe('batch progress on the command line', () => {
  it('says done / running / waiting / failed, spend against the budget and the ETA', () => {
    expect(progressLine(view({}))).toBe(
      '5/10: 4 done, 2 running, 3 waiting, 1 failed; $0.25 of $1.00, ETA 2 min',
    );
    expect(bar(view({}))).toMatch(/^\[#{12}-{12}\] 5\/10/);
    expect(progressLine(view({ state: 'budget_stopped', counts: { running: 0 } }))).toMatch(
      /\[budget stopped\]$/,
    );
  });

  it('is settled only when nothing runs and nothing more will be sent on its own', () => {
    expect(settled(view({ counts: { running: 0 } }))).toBe(false);
    expect(settled(view({ state: 'paused', counts: { running: 1 } }))).toBe(false);
    expect(settled(view({ state: 'finished', counts: { running: 0 } }))).toBe(true);
  });

  it('exits 0 when every row completed, 1 when any did not, 4 when any is unknown', () => {
    expect(batchExitCode(results('completed', 'completed'))).toBe(0);
    expect(batchExitCode(results('completed', 'failed'))).toBe(1);
    expect(batchExitCode(results('completed', 'waiting'))).toBe(1);
    expect(batchExitCode(results('failed', 'unknown'))).toBe(4);
  });
});
