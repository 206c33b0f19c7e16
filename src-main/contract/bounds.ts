// The documented maximum of every number a person or a caller may give the desk, with the
// reason it is that number. A bound that means something keeps a typo (30 days where 30 s was
// meant, a cap of 1e12) from becoming a timer that fires at once or a budget that never binds;
// every refusal names its bound (see README "Limits").
import {
  MAX_BUDGET_CAP_USD,
  MAX_QUESTION_TIMEOUT_MS,
  MAX_TASK_COST_CAP_USD,
  MAX_TIMESTAMP_MS,
} from './limits';
import { formatUsd } from './money-format';
import { z } from './zod';

export * from './limits';

/** A point in time (ms since 1970) that a date can name. */
export const Timestamp = z
  .number()
  .int('A time must be whole milliseconds.')
  .min(0, 'A time must be after 1 January 1970.')
  .max(MAX_TIMESTAMP_MS, 'A time must be before the year 10000.');

/** A daily or monthly cap in US dollars, or null for none. */
export const BudgetCap = z
  .number()
  .positive('A cap must be more than $0 (leave it empty for no cap).')
  .max(MAX_BUDGET_CAP_USD, `A cap can be ${formatUsd(MAX_BUDGET_CAP_USD)} at most.`);

/** One task's cost cap in US dollars. */
export const TaskCostCap = z
  .number()
  .positive('A cost cap must be more than $0 (leave it empty for no cap).')
  .max(
    MAX_TASK_COST_CAP_USD,
    `A task's cost cap can be ${formatUsd(MAX_TASK_COST_CAP_USD)} at most.`,
  );

/** How long the runner lets a question wait before it stops the task. */
export const QuestionTimeoutMs = z
  .number()
  .int()
  .min(10_000, 'The question timeout must be at least 10 seconds.')
  .max(
    MAX_QUESTION_TIMEOUT_MS,
    'The question timeout can be 300 seconds (5 minutes) at most: WebRun ends a session after 5 minutes without activity, so a longer wait cannot help.',
  );
