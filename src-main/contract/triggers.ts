// Triggers (WebRun's /cron-jobs): a prompt WebRun runs on a schedule, on its side, while the
// laptop is closed. Their runs come into the history as tasks marked with their trigger.
import { None, Ok, type MethodSpec } from './common';
import type { MethodName } from './names';
import { z } from './zod';

export const ScheduleInput = z.strictObject({
  scheduleType: z.enum(['at', 'every', 'cron']),
  scheduleAt: z.string().max(64).optional(),
  scheduleInterval: z.string().max(16).optional(),
  scheduleCron: z.string().max(200).optional(),
  timezone: z.string().max(64).optional(),
});

export const TriggerView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  environmentId: z.string().nullable(),
  prompt: z.string(),
  startingUrl: z.string().nullable(),
  scheduleType: z.enum(['at', 'every', 'cron']),
  scheduleAt: z.string().nullable(),
  scheduleInterval: z.string().nullable(),
  scheduleCron: z.string().nullable(),
  timezone: z.string(),
  /** The schedule in words, e.g. "every day at 09:00 Europe/Paris". */
  scheduleText: z.string(),
  status: z.string(),
  nextRunAt: z.number().nullable(),
  consecutiveFailures: z.number(),
  maxConsecutiveFailures: z.number(),
  /** Why it is paused, when it paused itself or the app paused it (null otherwise). */
  pausedReason: z.string().nullable(),
  /** Paused by the app when a budget cap is reached (the user's choice). */
  budgetCapped: z.boolean(),
});
export type TriggerView = z.infer<typeof TriggerView>;

export const TriggerRunView = z.object({
  id: z.string(),
  status: z.string(),
  createdAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  /** The local task it was imported as, with its cost (null until imported). */
  taskId: z.string().nullable(),
  cost: z.number().nullable(),
  error: z.string().nullable(),
  /**
   * WebRun named the task behind the run (sessionId and taskId), so its result can be read. A
   * run as documented carries only its status: its result went to the webhook or bot.
   */
  hasTask: z.boolean(),
});
export type TriggerRunView = z.infer<typeof TriggerRunView>;

/** Every method about one trigger names it the same way; the others extend this. */
const Id = z.strictObject({ id: z.string().trim().min(1).max(64) });

const TriggerFields = z.strictObject({
  name: z.string().trim().min(1, 'Name the schedule.').max(100),
  description: z.string().max(500).optional(),
  environmentId: z
    .string()
    .trim()
    .min(1, 'Pick an environment: WebRun runs every trigger in one.')
    .max(64),
  prompt: z.string().trim().min(1, 'Describe the task: the prompt is empty.').max(100_000),
  startingUrl: z
    .string()
    .trim()
    .url('The starting URL must be a full http:// or https:// address.')
    .max(2048)
    .nullable()
    .optional(),
  maxConsecutiveFailures: z.number().int().min(1).max(100).optional(),
  ...ScheduleInput.shape,
});

export const triggerMethods = {
  'triggers.list': { input: None, output: z.array(TriggerView) },
  'triggers.get': {
    input: Id,
    output: z.object({ trigger: TriggerView, runs: z.array(TriggerRunView) }),
  },
  'triggers.create': { input: TriggerFields, output: TriggerView },
  'triggers.update': {
    input: Id.extend({ patch: TriggerFields.partial() }),
    output: TriggerView,
  },
  'triggers.delete': { input: Id, output: Ok },
  'triggers.pause': { input: Id, output: TriggerView },
  'triggers.resume': { input: Id, output: TriggerView },
  'triggers.run': { input: Id, output: z.object({ message: z.string() }) },
  'triggers.runs': {
    input: Id.extend({ page: z.number().int().min(1).max(10_000).default(1) }),
    output: z.object({
      runs: z.array(TriggerRunView),
      page: z.number(),
      totalPages: z.number(),
      total: z.number(),
    }),
  },
  // Checks a schedule and says it in words, with its next runs, before it is saved.
  'triggers.preview': {
    input: ScheduleInput,
    output: z.object({
      text: z.string(),
      nextRuns: z.array(z.number()),
      error: z.string().nullable(),
    }),
  },
  'triggers.importRuns': {
    input: None,
    output: z.object({
      imported: z.number().int(),
      failed: z.array(z.object({ triggerId: z.string(), message: z.string() })),
    }),
  },
  // Which triggers the app pauses (through WebRun) when a budget cap is reached.
  'triggers.setBudgetCap': {
    input: Id.extend({ capped: z.boolean() }),
    output: TriggerView,
  },
} satisfies Partial<Record<MethodName, MethodSpec>>;

export type TriggerMethodName = keyof typeof triggerMethods;
