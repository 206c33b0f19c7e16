// Display formatting shared by every view.
import type { TaskStatus } from '../src-main/contract/index';

export const STATUS_LABEL: Record<TaskStatus, string> = {
  queued: 'Queued',
  submitting: 'Submitting',
  running: 'Running',
  needs_input: 'Needs input',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
};

// Amounts in USD: the one money writer (unknown says "unknown", never $0.00 or a dash).
export { formatUsd } from '../src-main/contract/money-format';

export function formatTokens(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

export { formatDuration } from '../src-main/contract/duration-format';

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString();
}

/** A countdown as m:ss (or h:mm:ss), never negative. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${pad(m % 60)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
