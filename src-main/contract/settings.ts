// The user's preferences kept in the history database: how the runner works, the budget,
// the backend, and saved task templates.
import { BudgetCap, QuestionTimeoutMs, TaskCostCap } from './bounds';
import { type MethodSpec, None } from './common';
import type { MethodName } from './names';
import { patchOf } from './patch';
import { TaskMode, TaskOptions } from './task-view';
import { RunVerdict, WatchCheck, WatchRates } from './watches';
import { z } from './zod';

/** Runner preferences, stored in the history database. */
export const RunnerSettings = z.object({
  /** Tasks running at once (WebRun's default concurrent-session limit is 5). */
  concurrency: z.number().int().min(1).max(100).default(5),
  /** Polling while no healthy socket is attached; WebRun asks for 2–3 s. */
  pollIntervalMs: z.number().int().min(500).max(60_000).default(2_500),
  /**
   * Stop a task whose question waits longer than this; null waits until WebRun ends the session
   * (5 minutes without activity), which is also this setting's maximum.
   */
  guardrailTimeoutMs: QuestionTimeoutMs.nullable().default(null),
  queuePaused: z.boolean().default(false),
  /** Desktop notification when a task ends (questions always notify). */
  notifyOnTaskEnd: z.boolean().default(false),
});
export type RunnerSettings = z.infer<typeof RunnerSettings>;

export const BudgetSettings = z.object({
  dailyCap: BudgetCap.nullable().default(null),
  monthlyCap: BudgetCap.nullable().default(null),
  /** When a cap is reached, also stop the tasks already running (not only new dispatch). */
  stopRunningAtCap: z.boolean().default(false),
  /** Warn when the balance's runway (days left at the recent pace) falls under this. */
  runwayWarningDays: z.number().int().min(1).max(365).default(7),
});
export type BudgetSettings = z.infer<typeof BudgetSettings>;

/** Where the app sends tasks; read at start (the environment wins), so a change needs a restart. */
export const BackendSettings = z.object({
  /** null: WebRun's own address, or the sandbox when there is no key. */
  baseUrl: z
    .string()
    .trim()
    .max(2048, 'The address is too long (2048 characters at most).')
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

/** Every preference at once, and whether a saved change waits for the next start. */
export const AllSettings = z.object({
  runner: RunnerSettings,
  budget: BudgetSettings,
  backend: BackendSettings,
  restartRequired: z.boolean(),
});
export type AllSettings = z.infer<typeof AllSettings>;

export const SettingsPatch = z.strictObject({
  runner: patchOf(RunnerSettings).optional(),
  budget: patchOf(BudgetSettings).optional(),
  backend: patchOf(BackendSettings).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** A saved task to start from: the composer's inputs, never credentials' values. */
export const Template = z.object({
  name: z.string().trim().min(1, 'Name the template.').max(100),
  prompt: z.string().max(100_000),
  startingUrl: z.string().max(2048).nullable(),
  options: TaskOptions.partial(),
  mode: TaskMode,
  tags: z.array(z.string().max(40)).max(20),
  costCap: TaskCostCap.nullable(),
  priority: z.number().int().min(-10).max(10),
  /** Sites whose saved credentials the task uses (names only). */
  credentials: z.array(z.string().max(253)).max(20),
  /** The environment the task runs in (its id at WebRun). */
  environmentId: z.string().max(64).nullable().optional(),
  /**
   * Checks every completed run started from it is judged by (the watch's rules). Absent when
   * saved from the composer: the template's stored checks are kept.
   */
  checks: z.array(WatchCheck).max(50).optional(),
});
export type Template = z.infer<typeof Template>;

const TemplateNameInput = z.strictObject({ name: z.string().min(1).max(100) });

export const settingsMethods = {
  'settings.get': { input: None, output: AllSettings },
  'settings.update': { input: SettingsPatch, output: AllSettings },
  'templates.list': { input: None, output: z.array(Template) },
  'templates.save': { input: Template.strict(), output: z.array(Template) },
  'templates.delete': { input: TemplateNameInput, output: z.array(Template) },
  /** Each template's checks count and pass and flap rate over its last 20 judged runs. */
  'templates.rates': {
    input: None,
    output: z.array(z.object({ name: z.string(), checks: z.number().int(), rates: WatchRates })),
  },
  /** A run's verdict by the checks of the template it was started from; null: not judged. */
  'templates.verdict': {
    input: z.strictObject({ taskId: z.string().min(1).max(64) }),
    output: RunVerdict.nullable(),
  },
} satisfies Partial<Record<MethodName, MethodSpec>>;
