// Tasks: creating them, reading them, and steering them while they run (including the
// guardrail inbox and the files a task takes along).
import { TaskCostCap } from './bounds';
import { Failures, Ok, type MethodSpec, None } from './common';
import type { MethodName } from './names';
import { TaskActivity, TaskMode, TaskOptions, TaskPage, TaskView, UsageView } from './task-view';
import { z } from './zod';

/** A URL the agent should open first: http(s) only, so nothing odd reaches WebRun. */
export const StartingUrl = z
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

export const Prompt = z
  .string()
  .trim()
  .min(1, 'Describe the task: the prompt is empty.')
  .max(100_000, 'The prompt is too long (100,000 characters at most).');

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\s,]+$/, 'Tags are single words (no spaces or commas).');

export const CreateTaskInput = z
  .strictObject({
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
    costCap: TaskCostCap.nullable().optional(),
    /** Saved site credentials to send as the task's `secrets`, by site; values stay in the keychain. */
    credentials: z.array(z.string().max(253)).max(20).optional(),
    environmentId: z.string().min(1).max(64).optional(),
    /** The saved template it was made from, by name (spend by template). */
    template: z.string().trim().min(1).max(100).optional(),
  })
  .refine(
    (v) => !(v.options?.outputType && v.options.outputType !== 'text' && !v.options.outputSchema),
    {
      message:
        'Structured output needs a schema: a JSON Schema object for structured_json, column names for structured_csv.',
      path: ['options', 'outputSchema'],
    },
  )
  .refine(
    (v) =>
      !(
        v.options?.outputType === 'structured_csv' &&
        v.options.outputSchema &&
        !Array.isArray(v.options.outputSchema)
      ),
    {
      message: 'For structured_csv the schema is a list of column names.',
      path: ['options', 'outputSchema'],
    },
  )
  .refine(
    (v) => !(v.options?.outputType === 'structured_json' && Array.isArray(v.options.outputSchema)),
    {
      message: 'For structured_json the schema is a JSON Schema object.',
      path: ['options', 'outputSchema'],
    },
  );
export type CreateTaskInput = z.input<typeof CreateTaskInput>;

/** Every method about one task names it the same way; the others extend this. */
export const TaskIdInput = z.strictObject({ id: z.string().min(1).max(64) });

export const MoveTaskInput = TaskIdInput.extend({
  priority: z.number().int().min(-10).max(10).optional(),
  /** Put it just before this queued task (null: at the end of its priority). */
  before: z.string().max(64).nullable().optional(),
});

export const AnswerInput = TaskIdInput.extend({
  answer: z.string().min(1, 'Type an answer, or stop the task instead.').max(10_000),
  /** Where the answer was typed, for the task's story (never the answer itself). */
  by: z.enum(['app', 'cli']).default('app'),
});

export const TaskDetails = z.object({
  samples: z.array(UsageView.extend({ at: z.number() })),
  network: z.array(
    z.object({ url: z.string(), host: z.string().nullable(), at: z.number().nullable() }),
  ),
  /** URLs WebRun reported; `network` holds at most the first 5,000 of the stored ones. */
  networkTotal: z.number().int(),
  /** URLs kept in the history (the first 100,000 at most). */
  networkStored: z.number().int(),
  files: z.array(
    z.object({
      filename: z.string(),
      source: z.string().nullable(),
      downloadUrl: z.string(),
      localPath: z.string().nullable(),
      size: z.number().nullable(),
    }),
  ),
  guardrails: z.array(
    z.object({
      question: z.string(),
      askedAt: z.number(),
      answeredAt: z.number().nullable(),
      outcome: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      at: z.number(),
      kind: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      payload: z.unknown(),
    }),
  ),
});
export type TaskDetails = z.infer<typeof TaskDetails>;

/** A task's browser as WebRun streams it (webrun-api.md §5.8), and who is driving it. */
export const LiveView = z.object({
  webViewUrl: z.string().nullable(),
  /** The page allows it in a frame (the CSP admits the backend's own origin only). */
  embeddable: z.boolean(),
  /** The user took over and has not released: the agent is waiting. */
  userHasControl: z.boolean(),
  /** Why there is no live view, for a person. */
  reason: z.string().nullable(),
});
export type LiveView = z.infer<typeof LiveView>;

export const InboxItem = z.object({
  taskId: z.string(),
  prompt: z.string(),
  question: z.string(),
  askedAt: z.number(),
  sessionId: z.string().nullable(),
  /** The AI assistant that started the task over MCP (its handshake name), if one did. */
  startedBy: z.string().nullable().optional(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const ListTasksInput = z.strictObject({
  limit: z.number().int().min(1).max(500).default(100),
  /** Keyset cursor: the id of the last task of the previous page. */
  before: z.string().max(64).nullable().optional(),
});

/** The task's story so far (core/tasks/story.ts), oldest first: `limit` steps from step `from`; a
 *  page shorter than `limit` is the last one. A long story is paged, never cut at its start. */
const ActivityInput = TaskIdInput.extend({
  limit: z.number().int().min(1).max(5_000).default(500),
  /** A step number; a billion steps is far beyond any task's story. */
  from: z.number().int().min(0).max(1_000_000_000).default(0),
});
export const TaskIdsInput = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).min(1).max(10_000),
});
const CancelManyOutput = z.object({ cancelled: z.number().int(), failed: Failures });
const TakeOverOutput = z.object({ webViewUrl: z.string().nullable() });

/** Files to attach to a task, sent to WebRun's /files/upload; the answer is their file ids. */
const UploadInput = z.strictObject({
  files: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(255),
        type: z.string().max(100).optional(),
        base64: z.string().max(2_000_000, 'A file over about 1.4 MB cannot be attached here.'),
      }),
    )
    .min(1)
    .max(10),
});
const UploadedFiles = z.array(
  z.object({ fileId: z.string(), originalName: z.string(), size: z.number() }),
);
/** Opens a task's local copy of a downloaded file with the OS (desktop app only; browser mode
 *  serves it at GET /files/<task>/<name> instead). */
const OpenFileInput = z.strictObject({
  taskId: z.string().min(1).max(64),
  filename: z.string().min(1).max(255),
});

export const taskMethods = {
  'tasks.create': { input: CreateTaskInput, output: TaskView },
  'tasks.list': { input: ListTasksInput, output: TaskPage },
  'tasks.get': { input: TaskIdInput, output: TaskView },
  'tasks.details': { input: TaskIdInput, output: TaskDetails },
  'tasks.activity': { input: ActivityInput, output: z.array(TaskActivity) },
  'tasks.cancel': { input: TaskIdInput, output: TaskView },
  'tasks.cancelMany': { input: TaskIdsInput, output: CancelManyOutput },
  /** The undo of a cancel: a task cancelled before it was sent goes back to its place in the queue. */
  'tasks.restore': { input: TaskIdInput, output: TaskView },
  'tasks.stop': { input: TaskIdInput, output: TaskView },
  'tasks.pause': { input: TaskIdInput, output: TaskView },
  'tasks.resume': { input: TaskIdInput, output: TaskView },
  // Run again with the same inputs, optionally in another environment (null: none).
  'tasks.retry': {
    input: TaskIdInput.extend({ environmentId: z.string().min(1).max(64).nullable().optional() }),
    output: TaskView,
  },
  'tasks.answer': { input: AnswerInput, output: TaskView },
  'tasks.check': { input: TaskIdInput, output: TaskView },
  'tasks.resubmit': { input: TaskIdInput, output: TaskView },
  'tasks.takeOver': { input: TaskIdInput, output: TakeOverOutput },
  'tasks.release': { input: TaskIdInput, output: Ok },
  'tasks.liveView': { input: TaskIdInput, output: LiveView },
  'tasks.move': { input: MoveTaskInput, output: TaskView },
  'inbox.list': { input: None, output: z.array(InboxItem) },
  'files.upload': { input: UploadInput, output: UploadedFiles },
  'files.open': { input: OpenFileInput, output: Ok },
} satisfies Partial<Record<MethodName, MethodSpec>>;
