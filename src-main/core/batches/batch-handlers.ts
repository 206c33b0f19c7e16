// The batches slice of the contract: starting a batch (batch-starts.ts: prepare, create, retry
// what failed), and following and steering one (here: read, results, pause, resume, cancel,
// budget, concurrency, export). Feeding rows to the queue is the driver's job.
import type { BatchMethodName, BatchView } from '../../contract/batches';
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers } from '../../contract/index';
import { batchStarts, batchView, type BatchContext } from './batch-starts';
import { exportResults, resultsOf } from './results';

export type BatchHandlers = Pick<DeskHandlers, BatchMethodName>;
export type { BatchContext } from './batch-starts';

export function batchHandlers(ctx: BatchContext): BatchHandlers {
  return { ...batchStarts(ctx), ...batchFollowing(ctx) };
}

/** Following and steering a batch: list, read, results, pause, resume, cancel, budget, export. */
function batchFollowing(ctx: BatchContext) {
  const { store, driver } = ctx;
  const view = (id: string): BatchView => batchView(driver, id);
  const control = (
    id: string,
    allowed: BatchView['state'][],
    act: () => void,
    what: string,
  ): BatchView => {
    ctx.writable();
    const batch = view(id);
    if (!allowed.includes(batch.state))
      throw new DeskError(
        'conflict',
        `This batch is ${batch.state.replace('_', ' ')}; it cannot be ${what}.`,
      );
    act();
    return view(id);
  };

  return {
    'batches.list': () => store.list().map((b) => view(b.id)),
    'batches.get': (input) => view(input.id),
    'batches.results': (input) => {
      const record = store.get(input.id);
      if (!record) throw new DeskError('not_found', `No batch with id ${input.id}.`);
      return resultsOf(record, store.rows(input.id));
    },
    'batches.pause': (input) =>
      control(input.id, ['running'], () => driver.pause(input.id), 'paused'),
    'batches.resume': (input) =>
      control(input.id, ['paused', 'budget_stopped'], () => driver.resume(input.id), 'resumed'),
    'batches.cancel': (input) =>
      control(
        input.id,
        ['running', 'paused', 'budget_stopped'],
        () => driver.pause(input.id, 'cancelled'),
        'cancelled',
      ),
    'batches.setBudget': (input) => {
      ctx.writable();
      view(input.id);
      store.setBudget(input.id, input.budget);
      driver.drive(input.id);
      return view(input.id);
    },
    'batches.setConcurrency': (input) => {
      ctx.writable();
      view(input.id);
      store.setConcurrency(input.id, input.concurrency);
      driver.drive(input.id);
      return view(input.id);
    },
    'batches.export': (input) => {
      const record = store.get(input.id);
      if (!record) throw new DeskError('not_found', `No batch with id ${input.id}.`);
      const content = exportResults(resultsOf(record, store.rows(input.id)), input.format);
      return {
        filename: `batch-${input.id}-results.${input.format}`,
        mimeType: input.format === 'csv' ? 'text/csv' : 'application/json',
        content,
      };
    },
  } satisfies Partial<BatchHandlers>;
}
