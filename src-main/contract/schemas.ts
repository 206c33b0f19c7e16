// Shapes that cross the boundary between the core and the UI. zod gives both the runtime
// check (every input is parsed before the core sees it) and the static types.
import { z } from 'zod';

// zod compiles fast parsers with `new Function`; the app's CSP forbids string evaluation and
// the desktop app's main process should not need it either, so it runs its plain parsers.
z.config({ jitless: true });

export const TaskStatus = z.enum([
  'queued',
  'submitting',
  'running',
  'needs_input',
  'paused',
  'completed',
  'failed',
  'stopped',
  'cancelled',
  'unknown',
]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TERMINAL_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'stopped', 'cancelled'];

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
  outputSchema: z.union([z.record(z.string(), z.unknown()), z.array(z.string())]).nullable().default(null),
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
});
export type TaskView = z.infer<typeof TaskView>;

export const BackendKind = z.enum(['sandbox', 'cloud', 'custom']);

export const AppInfo = z.object({
  version: z.string(),
  backend: z.object({
    kind: BackendKind,
    baseUrl: z.string(),
    /** True when results come from the built-in sandbox and are not real. */
    simulated: z.boolean(),
  }),
  dbPath: z.string(),
  host: z.enum(['electron', 'browser']),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The history database's last integrity check (PRAGMA quick_check, run in a worker when idle). */
export const IntegrityStatus = z.object({
  /** never: not checked yet; error: the check itself could not run. */
  state: z.enum(['never', 'ok', 'damaged', 'error']),
  running: z.boolean(),
  lastCheckAt: z.number().nullable(),
  durationMs: z.number().nullable(),
  /** What quick_check reported (at most 20 lines), or why it could not run. */
  problems: z.array(z.string()),
  /** Why a check is due (a day since the last, or the app did not close cleanly); null: not due. */
  due: z.string().nullable(),
});
export type IntegrityStatus = z.infer<typeof IntegrityStatus>;

/** A URL the agent should open first: http(s) only, so nothing odd reaches WebRun. */
const StartingUrl = z
  .string()
  .trim()
  .max(2048, 'Starting URL is too long (2048 characters at most).')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Starting URL must be a full http:// or https:// address.');

const Prompt = z
  .string()
  .trim()
  .min(1, 'Describe the task: the prompt is empty.')
  .max(100_000, 'The prompt is too long (100,000 characters at most).');

const Tag = z.string().trim().min(1).max(40).regex(/^[^\s,]+$/, 'Tags are single words (no spaces or commas).');

export const CreateTaskInput = z.strictObject({
  prompt: Prompt,
  startingUrl: z.union([StartingUrl, z.literal('').transform(() => null), z.null()]).optional(),
  options: TaskOptions.partial().optional(),
  /** One-shot (run-task) or inside a session (start-session, then newTask follow-ups). */
  mode: TaskMode.default('oneshot'),
  /** A follow-up: run inside this open session, after its current task. */
  sessionId: z.string().min(1).max(100).nullable().optional(),
  keepSessionOpen: z.boolean().default(false),
  priority: z.number().int().min(-10).max(10).default(0),
  tags: z.array(Tag).max(20).default([]),
  costCap: z.number().positive().max(10_000).nullable().optional(),
  /** Saved site credentials to send as the task's `secrets`, by site; values stay in the keychain. */
  credentials: z.array(z.string().max(253)).max(20).optional(),
}).refine((v) => !(v.options?.outputType && v.options.outputType !== 'text' && !v.options.outputSchema), {
  message: 'Structured output needs a schema: a JSON Schema object for structured_json, column names for structured_csv.',
  path: ['options', 'outputSchema'],
}).refine((v) => !(v.options?.outputType === 'structured_csv' && v.options.outputSchema && !Array.isArray(v.options.outputSchema)), {
  message: 'For structured_csv the schema is a list of column names.',
  path: ['options', 'outputSchema'],
}).refine((v) => !(v.options?.outputType === 'structured_json' && Array.isArray(v.options.outputSchema)), {
  message: 'For structured_json the schema is a JSON Schema object.',
  path: ['options', 'outputSchema'],
});
export type CreateTaskInput = z.input<typeof CreateTaskInput>;

export const HistoryFilter = z.strictObject({
  status: z.array(TaskStatus).max(10).optional(),
  from: z.number().nullable().optional(),
  to: z.number().nullable().optional(),
  text: z.string().max(500).nullable().optional(),
  tag: z.string().max(40).nullable().optional(),
  sessionId: z.string().max(100).nullable().optional(),
});
export type HistoryFilter = z.infer<typeof HistoryFilter>;

export const HistoryListInput = z.strictObject({
  filter: HistoryFilter.default({}),
  limit: z.number().int().min(1).max(500).default(50),
  before: z.string().max(64).nullable().optional(),
});

export const ExportInput = z.strictObject({ format: z.enum(['csv', 'json']), filter: HistoryFilter.default({}) });
export const ExportOutput = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });

export const MoveTaskInput = z.strictObject({
  id: z.string().min(1).max(64),
  priority: z.number().int().min(-10).max(10).optional(),
  /** Put it just before this queued task (null: at the end of its priority). */
  before: z.string().max(64).nullable().optional(),
});

export const AnswerInput = z.strictObject({
  id: z.string().min(1).max(64),
  answer: z.string().min(1, 'Type an answer, or stop the task instead.').max(10_000),
});

export const TaskDetails = z.object({
  samples: z.array(UsageView.extend({ at: z.number() })),
  network: z.array(z.object({ url: z.string(), host: z.string().nullable(), at: z.number().nullable() })),
  /** URLs WebRun reported; `network` holds at most the first 5,000 of the stored ones. */
  networkTotal: z.number().int(),
  /** URLs kept in the history (the first 100,000 at most). */
  networkStored: z.number().int(),
  files: z.array(z.object({ filename: z.string(), source: z.string().nullable(), downloadUrl: z.string(), localPath: z.string().nullable(), size: z.number().nullable() })),
  guardrails: z.array(z.object({ question: z.string(), askedAt: z.number(), answeredAt: z.number().nullable(), outcome: z.string().nullable() })),
  events: z.array(z.object({ at: z.number(), kind: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), payload: z.unknown() })),
});
export type TaskDetails = z.infer<typeof TaskDetails>;

export const InboxItem = z.object({ taskId: z.string(), prompt: z.string(), question: z.string(), askedAt: z.number(), sessionId: z.string().nullable() });
export type InboxItem = z.infer<typeof InboxItem>;

export const SessionView = z.object({
  id: z.string(),
  status: z.enum(['open', 'ended']),
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  endReason: z.string().nullable(),
  keepOpen: z.boolean(),
  stray: z.boolean(),
  webViewUrl: z.string().nullable(),
  /** Compute billed by the minute while open ($0.02/min), as far as the app can tell. */
  estimatedComputeCost: z.number(),
});
export type SessionView = z.infer<typeof SessionView>;

export const SpendSummary = z.object({
  budget: z.lazy(() => BudgetStatus),
  week: z.number(),
  // unknownCost: how many tasks in a total have no known cost. They are not in `cost` and
  // never count as $0: a total with unknown costs is a lower bound, and the UI says so.
  weekUnknownCost: z.number().int(),
  /** Tasks over the summary's days (those in byDay) whose cost is unknown. */
  unknownCost: z.number().int(),
  byDay: z.array(z.object({ period: z.string(), cost: z.number(), tasks: z.number(), unknownCost: z.number().int() })),
  topTasks: z.array(z.object({ id: z.string(), prompt: z.string(), cost: z.number() })),
  byStatus: z.array(z.object({ status: z.string(), cost: z.number(), tasks: z.number(), unknownCost: z.number().int() })),
  byTag: z.array(z.object({ tag: z.string(), cost: z.number(), tasks: z.number(), unknownCost: z.number().int() })),
  /** This month's spend projected to its last day at the pace so far. */
  monthForecast: z.number(),
});
export type SpendSummary = z.infer<typeof SpendSummary>;

export const SpendInput = z.strictObject({
  /** Minutes east of UTC of the user's clock (new Date().getTimezoneOffset() negated). */
  tzOffsetMinutes: z.number().int().min(-840).max(840).multipleOf(15, 'a time-zone offset is a whole number of quarter hours').default(0),
  days: z.number().int().min(1).max(366).default(30),
});

export const ListTasksInput = z.strictObject({
  limit: z.number().int().min(1).max(500).default(100),
  /** Keyset cursor: the id of the last task of the previous page. */
  before: z.string().nullable().optional(),
});

export const TaskPage = z.object({ tasks: z.array(TaskView), nextCursor: z.string().nullable() });
export type TaskPage = z.infer<typeof TaskPage>;

export const TaskIdInput = z.strictObject({ id: z.string().min(1).max(64) });

/** Runner preferences, stored in the history database. */
export const RunnerSettings = z.object({
  /** Tasks running at once (WebRun's default concurrent-session limit is 5). */
  concurrency: z.number().int().min(1).max(100).default(5),
  /** Polling while no healthy socket is attached; WebRun asks for 2–3 s. */
  pollIntervalMs: z.number().int().min(500).max(60_000).default(2_500),
  /** Stop a task whose question waits longer than this; null waits for ever. */
  guardrailTimeoutMs: z.number().int().min(10_000).nullable().default(null),
  queuePaused: z.boolean().default(false),
  /** Desktop notification when a task ends (questions always notify). */
  notifyOnTaskEnd: z.boolean().default(false),
});
export type RunnerSettings = z.infer<typeof RunnerSettings>;

export const BudgetSettings = z.object({
  dailyCap: z.number().positive().nullable().default(null),
  monthlyCap: z.number().positive().nullable().default(null),
  /** When a cap is reached, also stop the tasks already running (not only new dispatch). */
  stopRunningAtCap: z.boolean().default(false),
});
export type BudgetSettings = z.infer<typeof BudgetSettings>;

export const BudgetStatus = z.object({
  /** Known spend; the tasks whose cost is unknown are counted beside it, never as $0. */
  today: z.number(),
  month: z.number(),
  todayUnknownCost: z.number().int(),
  monthUnknownCost: z.number().int(),
  dailyCap: z.number().nullable(),
  monthlyCap: z.number().nullable(),
  /** "warning" from 80 % of a cap, "blocked" at 100 %. */
  level: z.enum(['ok', 'warning', 'blocked']),
  message: z.string().nullable(),
});
export type BudgetStatus = z.infer<typeof BudgetStatus>;

export const QueueStatus = z.object({
  paused: z.boolean(),
  queued: z.number().int(),
  active: z.number().int(),
  concurrency: z.number().int(),
  /** Dispatch waits until then (Retry-After or backoff), ms since epoch. */
  blockedUntil: z.number().nullable(),
  blockedReason: z.string().nullable(),
});
export type QueueStatus = z.infer<typeof QueueStatus>;

export const TaskActivity = z.object({
  taskId: z.string(),
  at: z.number(),
  kind: z.enum(['agent', 'action', 'status', 'error', 'session']),
  text: z.string(),
});
export type TaskActivity = z.infer<typeof TaskActivity>;

/** What the UI may know about secrets: whether they exist, never their values. */
export const SecretStatus = z.object({
  apiKeySet: z.boolean(),
  source: z.enum(['env', 'saved']).nullable(),
  storage: z.enum(['os', 'basic_text', 'plain_file', 'unavailable']),
  /** A saved key that can no longer be decrypted: ask for it again. */
  needsReentry: z.boolean(),
  warning: z.string().nullable(),
  /** Sites with saved credentials (match patterns only). */
  credentialSites: z.array(z.string()),
});
export type SecretStatus = z.infer<typeof SecretStatus>;

export const SiteMatch = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(all|(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+)$/i, 'A site is a domain (example.com), a wildcard (*.example.com) or "all".');

/** Commands from the desktop app's menu, for the renderer to carry out. */
export const AppCommand = z.enum(['new-task', 'search', 'inbox', 'settings', 'shortcuts']);
export type AppCommand = z.infer<typeof AppCommand>;

/** A saved task to start from: the composer's inputs, never credentials' values. */
export const Template = z.object({
  name: z.string().trim().min(1, 'Name the template.').max(100),
  prompt: z.string().max(100_000),
  startingUrl: z.string().max(2048).nullable(),
  options: TaskOptions.partial(),
  mode: TaskMode,
  tags: z.array(z.string().max(40)).max(20),
  costCap: z.number().positive().nullable(),
  priority: z.number().int().min(-10).max(10),
  /** Sites whose saved credentials the task uses (names only). */
  credentials: z.array(z.string().max(253)).max(20),
});
export type Template = z.infer<typeof Template>;

/** Where the app sends tasks; read at start (the environment wins), so a change needs a restart. */
export const BackendSettings = z.object({
  /** null: WebRun's own address, or the sandbox when there is no key. */
  baseUrl: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'The address must start with http:// or https://.')
    .nullable()
    .default(null),
  /** Request shapes the deployment speaks: gen2 (newest), gen1, gen0 (connect.enigma.click). */
  generation: z.enum(['gen2', 'gen1', 'gen0']).default('gen2'),
  /** Use the built-in sandbox even when a key is set (to try things without paying). */
  forceSandbox: z.boolean().default(false),
});
export type BackendSettings = z.infer<typeof BackendSettings>;
