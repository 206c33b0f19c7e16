// Runway: how many days the balance lasts at the recent pace. The pace is the month
// forecast's named trailing daily average (spend-forecast.ts), so the two pages never disagree
// about "the recent pace". Known spend only: when the window holds tasks of unknown cost, the
// pace is a lower bound and the runway an upper one, and the sentence says "at most".
import type { BalanceReading, Runway } from '../../contract/schemas';
import { runwayText } from '../../contract/age-text';
import { formatUsd } from '../../contract/money-format';
import { trailingAverage } from './spend-forecast';

export interface RunwayInput {
  balance: BalanceReading | null;
  now: number;
  tzOffsetMinutes: number;
  /** Spend by local day (YYYY-MM-DD), with the count of unknown costs of each day. */
  byDay: readonly { period: string; cost: number; unknownCost: number }[];
  warningDays: number;
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

export function runwayOf(input: RunwayInput): Runway {
  const base = { warningDays: input.warningDays, warning: null, unknownCost: 0 };
  if (!input.balance)
    return {
      ...base,
      days: null,
      perDay: null,
      method: null,
      explanation:
        'No balance seen yet: WebRun reports it when a session starts or a task is refused for balance (one-shot tasks do not).',
    };
  const pace = trailingAverage(input);
  if (!pace || pace.perDay <= 0)
    return {
      ...base,
      unknownCost: pace?.unknownCost ?? 0,
      days: null,
      perDay: pace ? 0 : null,
      method: pace?.method ?? null,
      explanation: `No known spend recently: at ${formatUsd(input.balance.balance)} there is no pace to run it down.`,
    };
  const left = input.balance.balance / pace.perDay;
  const bound = pace.unknownCost > 0 ? 'at most ' : '';
  const unknown =
    pace.unknownCost > 0
      ? ` ${pace.unknownCost} task${pace.unknownCost === 1 ? '' : 's'} of unknown cost in the window are not counted, so the pace is higher than this.`
      : '';
  const lasts = runwayText(left);
  const warning =
    left < input.warningDays
      ? `The balance lasts ${bound}${lasts} at the recent pace, under the ${days(input.warningDays)} set in Settings.`
      : null;
  return {
    days: left,
    perDay: pace.perDay,
    method: pace.method,
    unknownCost: pace.unknownCost,
    warningDays: input.warningDays,
    warning,
    explanation: `${formatUsd(input.balance.balance)} at the ${pace.method} (${formatUsd(pace.perDay)} a day) lasts ${bound}${lasts}.${unknown}`,
  };
}
