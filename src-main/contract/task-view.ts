// A task as the UI sees it, and the shapes inside it. Every domain that lists tasks (the
// queue, the history, sessions, events) answers with these.
import { MAX_COLUMN_NAME, MAX_OUTPUT_COLUMNS } from './bounds';
import { TASK_STATUSES } from './task-status';
import { z } from './zod';

export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const CostSource = z.enum(['reported', 'estimated']);
export type CostSource = z.infer<typeof CostSource>;

export const UsageView = z.object({
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
  totalTokens: z.number().nullable(),
  completionTime: z.number().nullable(),
  cost: z.number().nullable(),
});
export type UsageView = z.infer<typeof UsageView>;

export const OutputType = z.enum(['text', 'structured_json', 'structured_csv']);
export type OutputType = z.infer<typeof OutputType>;

/** A task's inputs besides prompt and starting URL; stored with the task so it can be re-run. */
export const TaskOptions = z.object({
  outputType: OutputType.default('text'),
  /** JSON Schema object for structured_json; column names for structured_csv. */
  outputSchema: z
    .union([
      z.record(z.string(), z.unknown()),
      z.array(z.string().max(MAX_COLUMN_NAME)).max(MAX_OUTPUT_COLUMNS),
    ])
    .nullable()
    .default(null),
  maxDuration: z.number().int().min(1_000).max(300_000).nullable().default(null),
  maxInputTokens: z.number().int().min(0).max(100_000).nullable().default(null),
  maxOutputTokens: z.number().int().min(0).max(100_000).nullable().default(null),
  /** File ids from /files/upload. */
  files: z.array(z.string().min(1).max(200)).max(20).default([]),
});
export type TaskOptions = z.infer<typeof TaskOptions>;

export const TaskMode = z.enum(['oneshot', 'session']);
export type TaskMode = z.infer<typeof TaskMode>;

export const TaskView = z.object({
  id: z.string(),
  prompt: z.string(),
  startingUrl: z.string().nullable(),
  status: TaskStatus,
  sessionId: z.string().nullable(),
  remoteTaskId: z.string().nullable(),
  resultMessage: z.string().nullable(),
  usage: UsageView.nullable(),
  costSource: CostSource.nullable(),
  error: z.object({ code: z.string().nullable(), message: z.string() }).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  mode: TaskMode,
  priority: z.number().int(),
  tags: z.array(z.string()),
  retryOf: z.string().nullable(),
  costCap: z.number().nullable(),
  keepSessionOpen: z.boolean(),
  /** The agent's latest thought or action, for the queue. */
  lastActivity: z.string().nullable(),
  /** The agent's pending question while needs_input. */
  question: z.string().nullable(),
  /** The page the agent was last seen on (from its network log). */
  currentUrl: z.string().nullable(),
  /** Position among queued tasks of the same priority (lower goes first). */
  queueOrder: z.number(),
  /** Saved site credentials it sends (site names; the values never leave the keychain). */
  credentialSites: z.array(z.string()),
  options: TaskOptions,
  /** While a question or a pause waits: when WebRun's inactivity expiry will end the task. */
  expiresAt: z.number().nullable(),
  /** The WebRun environment (saved browser profile) it ran in. */
  environmentId: z.string().nullable(),
  /** Set on a run of a WebRun trigger, imported into the history. */
  triggerId: z.string().nullable(),
  /** Set on a run of a watch (the watch's id; its name comes from watches.list). */
  watchId: z.string().nullable(),
  /** The saved template it was made from, by name as it was then. */
  template: z.string().nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

export const TaskPage = z.object({ tasks: z.array(TaskView), nextCursor: z.string().nullable() });
export type TaskPage = z.infer<typeof TaskPage>;

export const TaskActivity = z.object({
  taskId: z.string(),
  at: z.number(),
  /** agent…session come from WebRun's socket; the rest are the app's own record of the task. */
  kind: z.enum([
    'agent',
    'action',
    'status',
    'error',
    'session',
    'transition',
    'question',
    'answer',
    'control',
    'page',
  ]),
  text: z.string(),
  /** Identity of a socket event (event-fingerprint.ts): the stored and the streamed copy match. */
  fingerprint: z.string().nullable().optional(),
  /** The task's running cost at that moment, when known. */
  cost: z.number().nullable().optional(),
  /** Who answered a question: this app (desktop or browser) or the CLI. */
  by: z.enum(['app', 'cli']).nullable().optional(),
});
export type TaskActivity = z.infer<typeof TaskActivity>;
