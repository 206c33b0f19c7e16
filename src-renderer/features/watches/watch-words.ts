// How a watch's state, verdicts and rates read in the Watches view and the inbox.
import type { AlertKind, Verdict, WatchView } from '../../../src-main/contract/watches';

export const VERDICT_CHIP: Record<Verdict, string> = {
  pass: 'chip-completed',
  fail: 'chip-failed',
  unverified: 'chip-queued',
};

export const STATE_WORDS: Record<WatchView['state'], string> = {
  active: 'active',
  paused: 'paused',
  budget_paused: 'paused by a budget cap',
};

export const ALERT_WORDS: Record<AlertKind, string> = {
  material_change: 'Changed',
  check_failed: 'Check failed',
  run_failed: 'Run failed',
  unchanged: 'Unchanged',
};

/** "85 %" or "—" when there were no judged runs. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}

/** "17 of 20 passed · 2 flips", the rates over the last runs in words. */
export function ratesText(rates: WatchView['rates']): string {
  if (rates.runs === 0) return 'no judged run yet';
  const flips = rates.flapRate === null ? '' : ` · flap ${percent(rates.flapRate)}`;
  return `${rates.passed} of ${rates.runs} passed${flips}`;
}
