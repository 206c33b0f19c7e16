// What the app reports about itself: which backend it talks to, the queue, the budget and
// the spend behind it, and the menu commands pushed to the window.
import { type MethodSpec, None } from './common';
import type { MethodName } from './names';
import { BalanceReading, Runway } from './money';
import { CostSource } from './task-view';
import { z } from './zod';

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

export const QueueStatus = z.object({
  paused: z.boolean(),
  queued: z.number().int(),
  active: z.number().int(),
  concurrency: z.number().int(),
  /** Dispatch waits until then (Retry-After or backoff), ms since epoch. */
  blockedUntil: z.number().nullable(),
  blockedReason: z.string().nullable(),
  /**
   * Since when every send was refused as "not now" or went unanswered (WebRun unreachable, 429,
   * 5xx), with the latest reason; null once WebRun answers. Unlike blockedReason it does not
   * blink off between retries, so the CLI's bound and MCP progress can rely on it.
   */
  refused: z.object({ since: z.number(), reason: z.string() }).nullable(),
});
export type QueueStatus = z.infer<typeof QueueStatus>;

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

/** How the month-end forecast is computed, or why there is none yet. */
export const SpendForecast = z.object({
  value: z.number().nullable(),
  /** The named average it uses ("7-day trailing average"); null while there is no forecast. */
  method: z.string().nullable(),
  /** Days with spend in the period looked at. */
  daysOfData: z.number().int(),
  explanation: z.string(),
});
export type SpendForecast = z.infer<typeof SpendForecast>;

// unknownCost: how many tasks in a total have no known cost. They are not in `cost` and
// never count as $0: a total with unknown costs is a lower bound, and the UI says so.
const SpendBucket = z.object({
  period: z.string(),
  cost: z.number(),
  tasks: z.number(),
  unknownCost: z.number().int(),
});

/** How spend can be grouped for invoicing a client or a project. */
export const SpendGroupBy = z.enum(['environment', 'batch', 'tag', 'template']);
export type SpendGroupBy = z.infer<typeof SpendGroupBy>;

// One group of tasks for an invoice. key null: the tasks outside any group of that kind (no
// environment, not in a batch, untagged, no template). cost null: no cost in it is known, so
// it is unknown, not $0; unknownCost counts the tasks left out of a known cost.
export const SpendGroup = z.object({
  key: z.string().nullable(),
  /** A batch's name or a template's text; an environment's name is the UI's to find (WebRun has it). */
  label: z.string().nullable(),
  cost: z.number().nullable(),
  tasks: z.number().int(),
  unknownCost: z.number().int(),
});
export type SpendGroup = z.infer<typeof SpendGroup>;

export const SpendSummary = z.object({
  budget: BudgetStatus,
  week: z.number(),
  weekUnknownCost: z.number().int(),
  /** Tasks over the summary's days (those in byDay) whose cost is unknown. */
  unknownCost: z.number().int(),
  byDay: z.array(SpendBucket),
  /** The last 12 weeks (YYYY-Www, Monday first) and 12 months (YYYY-MM), local time. */
  byWeek: z.array(SpendBucket),
  byMonth: z.array(SpendBucket),
  /** This month's spend by where each cost came from; tasks whose cost is unknown are counted. */
  monthSources: z.object({
    reported: z.number(),
    estimated: z.number(),
    unknownTasks: z.number().int(),
  }),
  topTasks: z.array(
    z.object({
      id: z.string(),
      prompt: z.string(),
      cost: z.number(),
      costSource: CostSource.nullable(),
    }),
  ),
  // unknownCost: how many tasks of a row were sent but have no known cost. They are not in
  // `cost` and never count as $0: a row with unknown costs is a lower bound, and the UI says so.
  byStatus: z.array(
    z.object({
      status: z.string(),
      cost: z.number(),
      tasks: z.number(),
      unknownCost: z.number().int(),
    }),
  ),
  byTag: z.array(
    z.object({
      tag: z.string(),
      cost: z.number(),
      tasks: z.number(),
      unknownCost: z.number().int(),
    }),
  ),
  /** The summary's days grouped by each SpendGroupBy, for invoicing. */
  groups: z.object({
    environment: z.array(SpendGroup),
    batch: z.array(SpendGroup),
    tag: z.array(SpendGroup),
    template: z.array(SpendGroup),
  }),
  forecast: SpendForecast,
  /** The balance as WebRun last reported it, and how long it lasts at the recent pace. */
  balance: BalanceReading.nullable(),
  runway: Runway,
});
export type SpendSummary = z.infer<typeof SpendSummary>;

export const SpendInput = z.strictObject({
  /** Minutes east of UTC of the user's clock (new Date().getTimezoneOffset() negated). */
  tzOffsetMinutes: z
    .number()
    .int()
    .min(-840)
    .max(840)
    .multipleOf(15, 'a time-zone offset is a whole number of quarter hours')
    .default(0),
  days: z.number().int().min(1).max(366).default(30),
});

/** Commands from the desktop app's menu, for the renderer to carry out. */
export const AppCommand = z.enum(['new-task', 'search', 'inbox', 'settings', 'shortcuts']);
export type AppCommand = z.infer<typeof AppCommand>;

export const statusMethods = {
  'app.info': { input: None, output: AppInfo },
  'app.integrity': { input: None, output: IntegrityStatus },
  'queue.status': { input: None, output: QueueStatus },
  'queue.pause': { input: None, output: QueueStatus },
  'queue.resume': { input: None, output: QueueStatus },
  'spend.summary': { input: SpendInput, output: SpendSummary },
} satisfies Partial<Record<MethodName, MethodSpec>>;
