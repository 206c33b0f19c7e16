// Money foresight: the account balance as WebRun last reported it, how long it lasts at the
// recent pace (runway), the check made before big work is sent (pre-flight), runs that cost far
// more than their template's earlier runs (anomalies), and a queue held because WebRun refused
// a submission for balance. Unknown costs never count as $0 in any of these figures.
import type { MethodSpec } from './common';
import type { MethodName } from './names';
import { z } from './zod';

/** One balance WebRun reported: start-session answers and 402 refusals carry it. */
export const BalanceReading = z.object({
  balance: z.number(),
  /** What the refused request needed, when WebRun said (402 only). */
  required: z.number().nullable(),
  at: z.number(),
  /** `start-session`, or the refusal's status and path (`402 /start/run-task`). */
  source: z.string(),
  /** Reported by the built-in sandbox: not real money. */
  simulated: z.boolean(),
});
export type BalanceReading = z.infer<typeof BalanceReading>;

/** Days until the balance reaches zero at the named trailing burn rate, or why there is none. */
export const Runway = z.object({
  days: z.number().nullable(),
  /** Known spend a day in the window; a lower bound when `unknownCost` > 0. */
  perDay: z.number().nullable(),
  /** The named window ("7-day trailing average"); null while there is no runway. */
  method: z.string().nullable(),
  /** Tasks in the window whose cost is unknown: the runway is then at most `days`. */
  unknownCost: z.number().int(),
  /** The setting: warn under this many days. */
  warningDays: z.number().int(),
  /** Set when the runway is under warningDays. */
  warning: z.string().nullable(),
  explanation: z.string(),
});
export type Runway = z.infer<typeof Runway>;

/** Earlier runs of a template: the figures an estimate or an anomaly is judged by. */
export const CostBaseline = z.object({
  /** Earlier runs with a known cost (the only ones the figures use). */
  runs: z.number().int(),
  /** Earlier runs whose cost is unknown: left out, never counted as $0. */
  unknownRuns: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p95: z.number().nullable(),
  /** A running task is flagged past this: the larger of 3× the median and the p95. */
  threshold: z.number().nullable(),
  /** Why there is no baseline (fewer than 5 runs with a known cost), else how it is made. */
  explanation: z.string(),
});
export type CostBaseline = z.infer<typeof CostBaseline>;

/** A running task whose cost passed its template's threshold. */
export const CostAnomaly = z.object({
  taskId: z.string(),
  prompt: z.string(),
  cost: z.number(),
  threshold: z.number(),
  p50: z.number(),
  p95: z.number(),
  at: z.number(),
  /** Still running (stopping it is offered) or ended. */
  running: z.boolean(),
  text: z.string(),
});
export type CostAnomaly = z.infer<typeof CostAnomaly>;

/** The queue held because WebRun refused a submission for balance. */
export const BalanceHold = z.object({
  balance: z.number().nullable(),
  required: z.number().nullable(),
  at: z.number(),
  message: z.string(),
});
export type BalanceHold = z.infer<typeof BalanceHold>;

/** A day whose spend passed twice the trailing 7-day average (one alert per day). */
export const DaySpike = z.object({
  day: z.string(),
  spent: z.number(),
  average: z.number(),
  text: z.string(),
});
export type DaySpike = z.infer<typeof DaySpike>;

export const MoneyStatus = z.object({
  balance: BalanceReading.nullable(),
  runway: Runway,
  hold: BalanceHold.nullable(),
  anomalies: z.array(CostAnomaly),
  daySpike: DaySpike.nullable(),
});
export type MoneyStatus = z.infer<typeof MoneyStatus>;

/** The check before work is sent: refused when the typical cost exceeds what is left. */
export const Preflight = z.object({
  ok: z.boolean(),
  tasks: z.number().int(),
  baseline: CostBaseline,
  /** Estimated totals for all the tasks (p50 and p90 per task × tasks); null without a baseline. */
  p50Total: z.number().nullable(),
  p90Total: z.number().nullable(),
  balance: z.number().nullable(),
  budgetLeft: z.number().nullable(),
  /** Why it is refused (ok false) or what to watch (p90 over what is left), in one sentence. */
  text: z.string(),
});
export type Preflight = z.infer<typeof Preflight>;

/** A pushed alert: a desktop notification when the app is in the background, a toast otherwise. */
export const MoneyAlert = z.object({
  kind: z.enum(['anomaly', 'day_spike', 'runway', 'balance_hold']),
  taskId: z.string().nullable(),
  title: z.string(),
  text: z.string(),
});
export type MoneyAlert = z.infer<typeof MoneyAlert>;

export const moneyMethods = {
  'money.status': {
    input: z.strictObject({
      tzOffsetMinutes: z.number().int().min(-840).max(840).multipleOf(15).default(0),
    }),
    output: MoneyStatus,
  },
  'money.baseline': {
    input: z.strictObject({ taskId: z.string().min(1).max(64) }),
    output: CostBaseline,
  },
} satisfies Partial<Record<MethodName, MethodSpec>>;
