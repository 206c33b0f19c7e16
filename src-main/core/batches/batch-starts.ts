// Starting a batch: prepare (parse, check, preview, estimate; sends nothing), create (every row
// checked first, money pre-flight, nothing sent on a refusal) and retry what failed (a new batch
// of the failed rows, and of the rows a budget stop left unsent). Feeding rows to the queue is
// the driver's job; following and steering a batch is batch-handlers.ts.
import { randomBytes } from 'node:crypto';
import type { BatchPreparation, BatchTemplate, BatchView } from '../../contract/batches';
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers, ParsedInput } from '../../contract/index';
import type { Preflight } from '../../contract/schemas';
import type { BatchStore } from './batch-store';
import type { RateLimit } from './estimate';
import type { BatchDriver } from './batch-driver';
import { estimateBatch } from './estimate';
import { parseRows, RowsError, type ParsedRows } from './parse-rows';
import { checkRows, renderTask, templateKey } from './template';

export interface BatchContext {
  store: BatchStore;
  driver: BatchDriver;
  now: () => number;
  rateLimit: RateLimit | null;
  /** Throws when the history cannot be written. */
  writable: () => void;
  /** Money pre-flight: `tasks` runs of the template against the balance and the budget left. */
  preflight: (templateKey: string, tasks: number) => Preflight;
}

const PREVIEW_ROWS = 5;
const RETRYABLE = new Set(['failed', 'stopped', 'cancelled']);

/** The batch as the UI shows it, or a refusal (not_found) naming the id. */
export function batchView(driver: Pick<BatchDriver, 'view'>, id: string): BatchView {
  const batch = driver.view(id);
  if (!batch) throw new DeskError('not_found', `No batch with id ${id}.`);
  return batch;
}

function rowsOf(source: ParsedInput<'batches.prepare'>['source']): ParsedRows {
  try {
    return parseRows(source.text, source.format);
  } catch (error) {
    if (error instanceof RowsError) throw new DeskError('invalid_input', error.message);
    throw error;
  }
}

function unknownColumnsMessage(unknown: string[], columns: string[]): string {
  const names = unknown.map((c) => `{{${c}}}`).join(', ');
  return `The template names ${unknown.length === 1 ? 'a column' : 'columns'} the rows do not have: ${names}. The columns are: ${columns.join(', ') || '(none)'}.`;
}

type StartMethod = 'batches.prepare' | 'batches.create' | 'batches.retryFailed';

export function batchStarts(ctx: BatchContext): Pick<DeskHandlers, StartMethod> {
  return {
    'batches.prepare': (input) => prepare(ctx, input),
    'batches.create': (input) => create(ctx, input),
    'batches.retryFailed': (input) => retryFailed(ctx, input.id),
  };
}

/** What running the template over `rows` rows would take, from earlier runs of it. */
function estimate(ctx: BatchContext, template: BatchTemplate, rows: number, concurrency: number) {
  return estimateBatch({
    rows,
    concurrency,
    mode: template.mode,
    rowsPerSession: template.rowsPerSession,
    history: ctx.store.history(templateKey(template)),
    rateLimit: ctx.rateLimit,
  });
}

/** The rows parsed and checked, a preview, the estimate and pre-flight: nothing is sent. */
function prepare(ctx: BatchContext, input: ParsedInput<'batches.prepare'>): BatchPreparation {
  const parsed = rowsOf(input.source);
  const { unknownColumns, problems } = checkRows(input.template, parsed.columns, parsed.rows);
  const bad = new Set(problems.map((p) => p.line));
  const preview =
    unknownColumns.length > 0
      ? []
      : parsed.rows
          .filter((r) => !bad.has(r.line))
          .slice(0, PREVIEW_ROWS)
          .map((r) => {
            const task = renderTask(input.template, r.values, null);
            return { line: r.line, prompt: task.prompt, startingUrl: task.startingUrl };
          });
  return {
    columns: parsed.columns,
    rowCount: parsed.rows.length,
    unknownColumns,
    problems,
    preview,
    estimate: estimate(
      ctx,
      input.template,
      parsed.rows.length - bad.size,
      input.settings.concurrency,
    ),
    preflight: ctx.preflight(templateKey(input.template), parsed.rows.length - bad.size),
    delimiter: parsed.delimiter,
  };
}

interface NewBatch {
  name: string;
  template: BatchTemplate;
  columns: string[];
  rows: { line: number; input: Record<string, string>; skipped: boolean }[];
  concurrency: number;
  budget: number | null;
  retryOf: string | null;
}

/** Stores a batch running and has the driver feed its rows to the queue. */
function start(ctx: BatchContext, input: NewBatch): BatchView {
  ctx.writable();
  if (input.rows.length === 0)
    throw new DeskError(
      'invalid_input',
      'There are no rows below the header line: there is nothing to run.',
    );
  if (input.rows.every((r) => r.skipped))
    throw new DeskError('invalid_input', 'Every row is skipped: there is nothing to run.');
  const id = randomBytes(6).toString('hex');
  const name = input.name || input.template.prompt.replace(/\s+/g, ' ').slice(0, 80);
  ctx.store.create(
    {
      id,
      name,
      createdAt: ctx.now(),
      state: 'running',
      reason: null,
      template: input.template,
      templateKey: templateKey(input.template),
      columns: input.columns,
      concurrency: input.concurrency,
      budget: input.budget,
      retryOf: input.retryOf,
    },
    input.rows,
  );
  ctx.driver.drive(id);
  return batchView(ctx.driver, id);
}

/** Every row checked, and money pre-flight passed (or overridden), before anything is sent. */
function create(ctx: BatchContext, input: ParsedInput<'batches.create'>): BatchView {
  const parsed = rowsOf(input.source);
  const { unknownColumns, problems } = checkRows(input.template, parsed.columns, parsed.rows);
  if (unknownColumns.length > 0)
    throw new DeskError('invalid_input', unknownColumnsMessage(unknownColumns, parsed.columns));
  const skip = new Set(input.skipLines);
  const unfixed = problems.filter((p) => !skip.has(p.line));
  if (unfixed.length > 0) {
    const listed = unfixed
      .slice(0, 10)
      .map((p) => p.message)
      .join(' ');
    throw new DeskError(
      'invalid_input',
      `Nothing was sent: ${unfixed.length} row${unfixed.length === 1 ? ' needs' : 's need'} fixing or skipping. ${listed}${unfixed.length > 10 ? ' …' : ''}`,
    );
  }
  const rows = parsed.rows.map((r) => ({
    line: r.line,
    input: r.values,
    skipped: skip.has(r.line),
  }));
  const toRun = rows.filter((r) => !r.skipped).length;
  const check = ctx.preflight(templateKey(input.template), toRun);
  if (!check.ok && !input.override)
    throw new DeskError(
      'conflict',
      `Nothing was sent. ${check.text} Confirm the amounts to run it anyway.`,
    );
  return start(ctx, {
    name: input.name,
    template: input.template,
    columns: parsed.columns,
    rows,
    concurrency: input.settings.concurrency,
    budget: input.settings.budget,
    retryOf: null,
  });
}

/** A new batch of the rows that failed or were stopped, and of those a budget stop left unsent. */
function retryFailed(ctx: BatchContext, id: string): BatchView {
  const { store, driver } = ctx;
  const record = store.get(id);
  if (!record) throw new DeskError('not_found', `No batch with id ${id}.`);
  // Unknown rows are not retried: WebRun may have run them, and a retry could pay twice.
  const all = store.rows(id);
  const failed = all.filter((r) => r.task && RETRYABLE.has(r.task.status));
  // Rows a budget stop left unsent are stranded otherwise: they move to the new run.
  const stranded =
    record.state === 'budget_stopped' ? all.filter((r) => r.state === 'waiting') : [];
  if (failed.length + stranded.length === 0)
    throw new DeskError(
      'conflict',
      'No row of this batch failed, was stopped or was left unsent, so there is nothing to retry.',
    );
  const rows = [...failed, ...stranded]
    .sort((a, b) => a.idx - b.idx)
    .map((r) => ({ line: r.line, input: r.input, skipped: false }));
  const retry = start(ctx, {
    name: `Retry of ${record.name}`.slice(0, 100),
    template: record.template,
    columns: record.columns,
    rows,
    concurrency: record.concurrency,
    budget: record.budget,
    retryOf: record.id,
  });
  if (stranded.length > 0) {
    store.cancelWaiting(id);
    store.setState(
      id,
      'budget_stopped',
      `Stopped at its budget; its ${stranded.length} unsent row${stranded.length === 1 ? '' : 's'} moved to “Retry of ${record.name}”.`,
    );
    driver.drive(id);
  }
  return retry;
}
