// A batch as the UI and the CLI see it: state, counts, spend against the budget and ETA.
import type { BatchView } from '../../contract/batches';
import type { BatchRecord, BatchStore } from './batch-store';
import { etaMs, type RateLimit } from './estimate';
import { batchTag } from './template';

export function viewOf(
  record: BatchRecord,
  store: BatchStore,
  now: number,
  rateLimit: RateLimit | null,
): BatchView {
  const { counts, spent, unknownCost } = store.summary(record.id);
  const finished = counts.done + counts.failed + counts.unknown;
  const remaining = counts.running + (record.state === 'running' ? counts.waiting : 0);
  const eta =
    record.state === 'running' && record.firstSentAt !== null
      ? etaMs({
          finished,
          remaining,
          unsent: counts.waiting,
          elapsedMs: now - record.firstSentAt,
          concurrency: record.concurrency,
          rateLimit,
        })
      : null;
  return {
    id: record.id,
    name: record.name,
    tag: batchTag(record.id),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    state: record.state,
    reason: record.reason,
    template: record.template,
    columns: record.columns,
    concurrency: record.concurrency,
    budget: record.budget,
    spent: Math.round(spent * 1e6) / 1e6,
    unknownCost,
    counts,
    etaMs: eta,
    retryOf: record.retryOf,
  };
}
