// Watches: a task template run again and again on a schedule, every run checked and compared
// with the one before, and an alert only when something material changes. The shapes shared by
// the core (watches/), the CLI, the MCP server and, later, the UI.
import { TaskCostCap } from './bounds';
import { None, Ok, type MethodSpec } from './common';
import type { MethodName } from './names';
import { TaskMode, TaskOptions } from './task-view';
import {
  compiles,
  DOMAIN,
  DOMAIN_MAX,
  KEY_PATH_MAX,
  PATTERN_MAX,
  TIME_OF_DAY,
  WORDS,
} from './watch-rules';
import { z } from './zod';

/** A key path into structured output: `price`, `items[0].name`, `items[*].price`, `**.updatedAt`. */
export const KeyPath = z
  .string()
  .trim()
  .min(1, WORDS.keyPathEmpty)
  .max(KEY_PATH_MAX, WORDS.keyPathLong);

/** A regular expression a person wrote; checked to compile so a run never fails on it later. */
export const Pattern = z
  .string()
  .min(1, WORDS.patternEmpty)
  .max(PATTERN_MAX, WORDS.patternLong)
  .refine(compiles, WORDS.patternBad);

const Domain = z.string().trim().toLowerCase().min(1).max(DOMAIN_MAX).regex(DOMAIN, WORDS.domain);

/** One rule a completed run is checked against. */
export const WatchCheck = z.discriminatedUnion('kind', [
  /** The structured output validates against this JSON Schema (null: the template's schema). */
  z.strictObject({
    kind: z.literal('schema'),
    schema: z.record(z.string(), z.unknown()).nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('number'),
    path: KeyPath,
    min: z.number().min(-1e15).max(1e15).nullable().default(null),
    max: z.number().min(-1e15).max(1e15).nullable().default(null),
  }),
  z.strictObject({ kind: z.literal('pattern'), path: KeyPath, pattern: Pattern }),
  z.strictObject({
    kind: z.literal('length'),
    path: KeyPath,
    atLeast: z.number().int().min(0).max(1_000_000).nullable().default(null),
    atMost: z.number().int().min(0).max(1_000_000).nullable().default(null),
  }),
  z.strictObject({ kind: z.literal('present'), path: KeyPath }),
  /** Every visited URL's host is one of these domains or below one (`example.com` admits `www.example.com`). */
  z.strictObject({ kind: z.literal('domains'), allow: z.array(Domain).min(1).max(100) }),
  z.strictObject({ kind: z.literal('cost'), atMost: z.number().min(0).max(10_000) }),
]);
export type WatchCheck = z.output<typeof WatchCheck>;
export type WatchCheckInput = z.input<typeof WatchCheck>;

export const Verdict = z.enum(['pass', 'fail', 'unverified']);
export type Verdict = z.infer<typeof Verdict>;

export const CheckResult = z.object({
  /** The check in words: "price between 10 and 20". */
  check: z.string(),
  outcome: Verdict,
  /** Why, for a person: "price is 25, above 20". */
  detail: z.string(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const RunVerdict = z.object({ verdict: Verdict, results: z.array(CheckResult) });
export type RunVerdict = z.infer<typeof RunVerdict>;

/** What counts as a material change between two runs of a watch. */
export const ChangeSettings = z.strictObject({
  /** Key paths that matter (a path covers everything below it); empty: every path, or the whole text. */
  watch: z.array(KeyPath).max(100).default([]),
  /** Key paths whose changes are noise (timestamps, counters, ad slots). */
  ignorePaths: z.array(KeyPath).max(100).default([]),
  /** Values to ignore: a change whose old and new values both match one of these is noise. */
  ignorePatterns: z.array(Pattern).max(50).default([]),
  /** A number moving by at most this much (absolute) is not a change. */
  tolerance: z.number().min(0).max(1e12).default(0),
  /** …or by at most this share of its old value, in percent. */
  tolerancePercent: z.number().min(0).max(1000).default(0),
  /** Alert when nothing material changed for this many days (null: never). */
  unchangedDays: z.number().int().min(1).max(365).nullable().default(null),
});
export type ChangeSettings = z.output<typeof ChangeSettings>;
export type ChangeSettingsInput = z.input<typeof ChangeSettings>;

export const SCHEDULE_PRESETS = ['hourly', 'daily', 'weekdays', 'weekly'] as const;

/** When a watch runs: a preset, a cron expression or an interval, in a time zone. */
export const WatchSchedule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('preset'),
    preset: z.enum(SCHEDULE_PRESETS),
    /** "09:00": the time of day for daily, weekdays and weekly; the minute for hourly. */
    at: z.string().max(5).regex(TIME_OF_DAY, WORDS.timeOfDay).default('09:00'),
    timezone: z.string().min(1).max(64).default('UTC'),
  }),
  z.strictObject({
    kind: z.literal('cron'),
    cron: z.string().trim().min(1).max(200),
    timezone: z.string().min(1).max(64).default('UTC'),
  }),
  z.strictObject({
    kind: z.literal('every'),
    /** "30m", "2h", "1d", as WebRun's triggers write it. */
    interval: z.string().trim().min(2).max(10),
    timezone: z.string().min(1).max(64).default('UTC'),
  }),
]);
export type WatchSchedule = z.output<typeof WatchSchedule>;
export type WatchScheduleInput = z.input<typeof WatchSchedule>;

/** The task a watch runs: `{{placeholders}}` in the prompt, starting URL and schema descriptions. */
export const WatchTemplate = z.strictObject({
  prompt: z.string().trim().min(1, 'Write the prompt: it is empty.').max(100_000),
  startingUrl: z.string().trim().max(2048).nullable().default(null),
  options: TaskOptions.partial().default({}),
  mode: TaskMode.default('oneshot'),
  costCap: TaskCostCap.nullable().default(null),
  environmentId: z.string().min(1).max(64).nullable().default(null),
});
export type WatchTemplate = z.output<typeof WatchTemplate>;

/** What to do with the runs missed while no desk was running. */
export const CatchUp = z.enum(['once', 'skip']);
export type CatchUp = z.infer<typeof CatchUp>;

export const WatchInput = z.strictObject({
  name: z.string().trim().min(1, 'Name the watch.').max(200),
  template: WatchTemplate,
  values: z.record(z.string().max(200), z.string().max(10_000)).default({}),
  schedule: WatchSchedule,
  checks: z.array(WatchCheck).max(50).default([]),
  change: ChangeSettings.default(ChangeSettings.parse({})),
  catchUp: CatchUp.default('once'),
});
export type WatchInput = z.input<typeof WatchInput>;
export type WatchSpec = z.output<typeof WatchInput>;

export const WatchState = z.enum(['active', 'paused', 'budget_paused']);
export type WatchState = z.infer<typeof WatchState>;

export const AlertKind = z.enum(['material_change', 'check_failed', 'run_failed', 'unchanged']);
export type AlertKind = z.infer<typeof AlertKind>;

export const WatchAlert = z.object({
  id: z.number().int(),
  watchId: z.string(),
  taskId: z.string().nullable(),
  kind: AlertKind,
  message: z.string(),
  at: z.number(),
});
export type WatchAlert = z.infer<typeof WatchAlert>;

/** One change on a key path (or one row, or the whole text). */
export const ValueChange = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type ValueChange = z.infer<typeof ValueChange>;

export const WordPart = z.object({
  kind: z.enum(['same', 'added', 'removed']),
  text: z.string(),
});
export type WordPart = z.infer<typeof WordPart>;

const Delta = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
  /** after - before; null when either is unknown. */
  change: z.number().nullable(),
});

/** Two runs side by side: what changed in the output and in what the run did and cost. */
export const RunComparison = z.object({
  before: z.object({ id: z.string(), status: z.string(), createdAt: z.number() }),
  after: z.object({ id: z.string(), status: z.string(), createdAt: z.number() }),
  output: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('keys'), changes: z.array(ValueChange) }),
    z.object({
      kind: z.literal('rows'),
      columns: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
      added: z.array(z.record(z.string(), z.string())),
      removed: z.array(z.record(z.string(), z.string())),
      unchanged: z.number().int(),
    }),
    z.object({ kind: z.literal('words'), parts: z.array(WordPart), changed: z.boolean() }),
    /** No output on one side, or output of different kinds: said, not guessed. */
    z.object({ kind: z.literal('unreadable'), reason: z.string() }),
  ]),
  cost: Delta,
  tokens: Delta,
  durationMs: Delta,
  steps: Delta,
  domains: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  files: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  questions: z.object({ before: z.array(z.string()), after: z.array(z.string()) }),
  /** Nothing at all differs (output, domains, files, questions). */
  same: z.boolean(),
});
export type RunComparison = z.infer<typeof RunComparison>;

export const WatchRates = z.object({
  /** Judged runs in the window (the last 20 at most). */
  runs: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  unverified: z.number().int(),
  passRate: z.number().nullable(),
  /** Flips between pass and fail from one run to the next, over the pairs; null under 2. */
  flapRate: z.number().nullable(),
});

export const WatchView = z.object({
  id: z.string(),
  name: z.string(),
  state: WatchState,
  /** Why it is paused, for a person (a budget cap's message). */
  reason: z.string().nullable(),
  template: WatchTemplate,
  values: z.record(z.string(), z.string()),
  schedule: WatchSchedule,
  checks: z.array(WatchCheck),
  change: ChangeSettings,
  catchUp: CatchUp,
  createdAt: z.number(),
  updatedAt: z.number(),
  /** "every day at 09:00 Europe/Paris". */
  scheduleText: z.string(),
  nextRunAt: z.number().nullable(),
  rates: WatchRates,
  lastAlert: WatchAlert.nullable(),
  /** Occurrences listed as missed (no desk was running). */
  missed: z.number().int(),
  /** The latest run sent (on time, caught up or run now): its task's status and verdict. */
  lastRun: z
    .object({
      dueAt: z.number(),
      taskId: z.string().nullable(),
      taskStatus: z.string().nullable(),
      verdict: Verdict.nullable(),
      material: z.boolean().nullable(),
    })
    .nullable(),
});
export type WatchView = z.infer<typeof WatchView>;

/** One occurrence of a watch: sent on time, caught up late, or missed; judged once it ended. */
export const WatchRunView = z.object({
  dueAt: z.number(),
  state: z.enum(['sent', 'caught_up', 'missed']),
  taskId: z.string().nullable(),
  taskStatus: z.string().nullable(),
  verdict: Verdict.nullable(),
  material: z.boolean().nullable(),
  results: z.array(CheckResult),
  changes: z.array(ValueChange),
  evaluatedAt: z.number().nullable(),
});
export type WatchRunView = z.infer<typeof WatchRunView>;

/** An alert in the inbox, with its watch's name so it reads alone. */
export const InboxAlert = WatchAlert.extend({ watchName: z.string() });
export type InboxAlert = z.infer<typeof InboxAlert>;

const WatchId = z.strictObject({ id: z.string().trim().min(1).max(64) });
const RunRef = z.string().trim().min(1).max(64);

export const watchMethods = {
  'watches.list': { input: None, output: z.array(WatchView) },
  'watches.get': {
    input: WatchId,
    output: z.object({
      watch: WatchView,
      runs: z.array(WatchRunView),
      alerts: z.array(WatchAlert),
    }),
  },
  'watches.create': { input: WatchInput, output: WatchView },
  /** Replaces its settings; a changed schedule counts from now (nothing past becomes due). */
  'watches.update': { input: WatchId.extend({ watch: WatchInput }), output: WatchView },
  'watches.pause': { input: WatchId, output: WatchView },
  /** Counts again from now: the occurrences of the pause are not caught up. */
  'watches.resume': { input: WatchId, output: WatchView },
  /** The watch, its runs' verdicts and its alerts go; its tasks stay in the history. */
  'watches.delete': { input: WatchId, output: Ok },
  /** Two runs side by side; without `after`, `before` against the previous run of its watch or prompt. */
  'runs.compare': {
    input: z.strictObject({ before: RunRef, after: RunRef.nullable().default(null) }),
    output: RunComparison,
  },
  /** A schedule checked and said in words with its next runs, before the watch is saved. */
  'watches.preview': {
    input: WatchSchedule,
    output: z.object({
      text: z.string(),
      nextRuns: z.array(z.number()),
      error: z.string().nullable(),
    }),
  },
  /** One run now, outside the schedule (which goes on as before); judged like any other. */
  'watches.runNow': { input: WatchId, output: z.object({ taskId: z.string() }) },
  /** Alerts not dismissed yet, across watches, newest first: the inbox's watch items. */
  'watches.alerts': { input: None, output: z.array(InboxAlert) },
  /** The alert leaves the inbox (it stays in its watch's list). */
  'watches.dismissAlert': {
    // An alert's row id: a count of alerts ever raised, so a billion is far beyond any history.
    input: z.strictObject({ id: z.number().int().min(1).max(1_000_000_000) }),
    output: Ok,
  },
} satisfies Partial<Record<MethodName, MethodSpec>>;
