// Batches: one task template, many rows, one table of results. The shapes that cross the
// boundary and this domain's slice of the method table (merged into the contract's index).
import { TaskCostCap } from './bounds';
import { Preflight } from './money';
import type { MethodSpec } from './common';
import { ExportOutput } from './history';
import type { MethodName } from './names';
import { TaskMode, TaskOptions, TaskStatus } from './task-view';
import { z } from './zod';

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\s,]+$/, 'Tags are single words (no spaces or commas).');

/** The task every row runs: `{{column}}` placeholders in the prompt, starting URL and schema descriptions. */
export const BatchTemplate = z.strictObject({
  prompt: z.string().trim().min(1, 'Write the prompt template: it is empty.').max(100_000),
  startingUrl: z.string().trim().max(2048).nullable().default(null),
  options: TaskOptions.partial().default({}),
  mode: TaskMode.default('oneshot'),
  /** In session mode, how many rows share one browser session (one after the other). */
  rowsPerSession: z.number().int().min(1).max(100).default(1),
  costCap: TaskCostCap.nullable().default(null),
  environmentId: z.string().min(1).max(64).nullable().default(null),
  tags: z.array(Tag).max(19).default([]),
  priority: z.number().int().min(-10).max(10).default(0),
});
export type BatchTemplate = z.output<typeof BatchTemplate>;

/** Rows as the person gave them: pasted or read from a file. */
export const BatchSource = z.strictObject({
  text: z
    .string()
    .min(1, 'Paste or choose the rows: there are none.')
    .max(20_000_000, 'The file is too large (20 MB at most).'),
  format: z.enum(['auto', 'csv', 'json']).default('auto'),
});

export const BatchSettings = z.strictObject({
  /** Rows in flight at once (the app's own concurrency still applies on top). */
  concurrency: z.number().int().min(1).max(100).default(5),
  /** USD for the whole batch; null: no batch budget (the daily and monthly budgets still apply). */
  budget: z.number().positive().max(1_000_000).nullable().default(null),
});

export const RowProblem = z.object({
  line: z.number().int(),
  missing: z.array(z.string()),
  message: z.string(),
});
export type RowProblem = z.infer<typeof RowProblem>;

export const BatchEstimate = z.object({
  rows: z.number().int(),
  submissions: z.number().int(),
  cost: z.object({
    /** Per task, from tasks run from the same template; null: no history yet. */
    median: z.number().nullable(),
    p90: z.number().nullable(),
    samples: z.number().int(),
    totalLow: z.number().nullable(),
    totalHigh: z.number().nullable(),
  }),
  time: z.object({
    lowMs: z.number(),
    highMs: z.number(),
    /** The fastest WebRun's submission limit allows, whatever the concurrency. */
    rateFloorMs: z.number(),
    limitedBy: z.enum(['rate', 'concurrency']),
    fromHistory: z.boolean(),
  }),
  text: z.string(),
});
export type BatchEstimate = z.infer<typeof BatchEstimate>;

export const BatchPreparation = z.object({
  columns: z.array(z.string()),
  rowCount: z.number().int(),
  /** Placeholders naming a column the rows do not have: nothing can run until they are fixed. */
  unknownColumns: z.array(z.string()),
  problems: z.array(RowProblem),
  preview: z.array(
    z.object({ line: z.number().int(), prompt: z.string(), startingUrl: z.string().nullable() }),
  ),
  estimate: BatchEstimate,
  /** The estimate against the balance last seen and the budget left: refused, or why not checked. */
  preflight: Preflight,
  delimiter: z.string().nullable(),
});
export type BatchPreparation = z.infer<typeof BatchPreparation>;

export const BatchState = z.enum(['running', 'paused', 'budget_stopped', 'cancelled', 'finished']);
export type BatchState = z.infer<typeof BatchState>;

export const BatchCounts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  running: z.number().int(),
  waiting: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
});
export type BatchCounts = z.infer<typeof BatchCounts>;

export const BatchView = z.object({
  id: z.string(),
  name: z.string(),
  /** Tasks of this batch carry this tag, so history filters by it. */
  tag: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  state: BatchState,
  /** Why it is in that state, for a person (e.g. what the budget stop left unsent). */
  reason: z.string().nullable(),
  template: BatchTemplate,
  columns: z.array(z.string()),
  concurrency: z.number().int(),
  budget: z.number().nullable(),
  spent: z.number(),
  /** Rows whose cost is not known (yet). */
  unknownCost: z.number().int(),
  counts: BatchCounts,
  etaMs: z.number().nullable(),
  retryOf: z.string().nullable(),
});
export type BatchView = z.infer<typeof BatchView>;

export const RowStatus = z.union([TaskStatus, z.enum(['waiting', 'skipped', 'deleted'])]);

export const BatchResults = z.object({
  batchId: z.string(),
  columns: z.array(z.string()),
  /** Top-level fields of the structured JSON schema, one column each. */
  fields: z.array(z.string()),
  rows: z.array(
    z.object({
      line: z.number().int(),
      input: z.record(z.string(), z.string()),
      taskId: z.string().nullable(),
      status: RowStatus,
      cost: z.number().nullable(),
      durationMs: z.number().nullable(),
      answer: z.string().nullable(),
      error: z.string().nullable(),
      fields: z.record(z.string(), z.string()),
    }),
  ),
});
export type BatchResults = z.infer<typeof BatchResults>;

const BatchId = z.strictObject({ id: z.string().min(1).max(64) });

export const batchMethods = {
  // Parses and checks the rows against the template, renders a preview and estimates; sends nothing.
  'batches.prepare': {
    input: z.strictObject({
      template: BatchTemplate,
      source: BatchSource,
      settings: BatchSettings.default({ concurrency: 5, budget: null }),
    }),
    output: BatchPreparation,
  },
  'batches.create': {
    input: z.strictObject({
      name: z.string().trim().max(100).default(''),
      template: BatchTemplate,
      source: BatchSource,
      settings: BatchSettings.default({ concurrency: 5, budget: null }),
      /** Line numbers of rows the person chose to skip (rows with missing values must be fixed or skipped). */
      skipLines: z.array(z.number().int().min(0).max(1_000_000)).max(100_000).default([]),
      /** Run it although pre-flight refused it (the person confirmed the amounts). */
      override: z.boolean().optional(),
    }),
    output: BatchView,
  },
  'batches.list': { input: z.strictObject({}), output: z.array(BatchView) },
  'batches.get': { input: BatchId, output: BatchView },
  'batches.results': { input: BatchId, output: BatchResults },
  'batches.pause': { input: BatchId, output: BatchView },
  'batches.resume': { input: BatchId, output: BatchView },
  'batches.cancel': { input: BatchId, output: BatchView },
  'batches.setBudget': {
    input: BatchId.extend({ budget: z.number().positive().max(1_000_000).nullable() }),
    output: BatchView,
  },
  // Rows in flight at once, from now on (a lower figure lets running rows finish).
  'batches.setConcurrency': {
    input: BatchId.extend({ concurrency: z.number().int().min(1).max(100) }),
    output: BatchView,
  },
  'batches.export': {
    input: BatchId.extend({ format: z.enum(['csv', 'json']) }),
    output: ExportOutput,
  },
  // A new run of the rows that failed or were stopped, linked to this one; for a batch stopped
  // at its budget, its unsent rows move to the new run too (with a budget of its own).
  'batches.retryFailed': { input: BatchId, output: BatchView },
} satisfies Partial<Record<MethodName, MethodSpec>>;

export type BatchMethodName = keyof typeof batchMethods;
