// Task-level error codes and their documented messages (webrun-api.md §6.3), used by the
// [fail:CODE] directive and by the simulated maxDuration timeout.

export interface TaskFailure {
  code: string;
  error: string;
  details?: Record<string, unknown>;
}

const MESSAGES: Record<string, string> = {
  NAVIGATION_TIMEOUT: 'Navigation timeout after 30 seconds',
  PAGE_CRASH: 'Browser page crashed during execution',
  ELEMENT_NOT_FOUND: 'Could not locate element matching criteria',
  INSTANCE_UNAVAILABLE: 'No browser instances available',
  NO_INSTANCES_AVAILABLE: 'No available instances.',
  SESSION_EXPIRED: 'Session expired after 300 seconds of inactivity',
  INVALID_TASK_DETAILS: 'taskDetails cannot be empty',
  INSUFFICIENT_BALANCE: 'Insufficient balance.',
  PAYMENT_FAILED: 'Payment method declined',
  SPENDING_LIMIT_REACHED: 'Spending limit reached ($100.00). Increase limit or wait for reset.',
};

export const DOCUMENTED_TASK_CODES = [
  'NAVIGATION_TIMEOUT',
  'PAGE_CRASH',
  'ELEMENT_NOT_FOUND',
  'TASK_TIMEOUT',
] as const;

/** The failure WebRun would report for `code`; unknown codes still fail, with a generic text. */
export function taskFailure(
  code: string,
  context: { url: string; maxDurationMs: number },
): TaskFailure {
  if (code === 'TASK_TIMEOUT') {
    return { code, error: `Task exceeded maximum duration of ${context.maxDurationMs}ms` };
  }
  if (code === 'NAVIGATION_TIMEOUT') {
    return { code, error: MESSAGES[code] ?? '', details: { url: context.url, timeout: 30000 } };
  }
  return { code, error: MESSAGES[code] ?? `Task failed (${code})` };
}
