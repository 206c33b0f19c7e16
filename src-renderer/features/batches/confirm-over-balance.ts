// The confirmation a batch asks when pre-flight refused it: it names the amounts (the estimate
// at p50 and p90, the balance and the budget left) and keeps the batch unsent by default.
import type { Preflight } from '../../../src-main/contract/index';
import { formatUsd } from '../../format';
import { confirmAction } from '../../stores/confirm-store';

export function confirmOverBalance(check: Preflight): Promise<boolean> {
  const left = [
    check.balance === null
      ? null
      : `the balance WebRun last reported is ${formatUsd(check.balance)}`,
    check.budgetLeft === null ? null : `the budget left is ${formatUsd(check.budgetLeft)}`,
  ].filter((s): s is string => s !== null);
  return confirmAction({
    title: 'Run this batch over what is left?',
    body: [
      `Its ${check.tasks} tasks usually cost ${formatUsd(check.p50Total)} in all (median), up to ${formatUsd(check.p90Total)} (p90); ${left.join(' and ')}.`,
      'If you run it anyway, WebRun may refuse tasks part way through: the queue then holds with the balance and what was required, and nothing already paid for is lost.',
    ],
    confirmLabel: 'Run it anyway',
    keepLabel: 'Do not run',
  });
}
