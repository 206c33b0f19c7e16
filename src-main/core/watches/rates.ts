// A template's health over its last runs: how often it passes, and how often its verdict flips
// between pass and fail from one run to the next (a flaky page or agent flaps; a broken one
// fails steadily). Unverified runs neither pass nor flip: they are counted, not guessed.
import type { Verdict } from '../../contract/watches';

export const RATE_WINDOW = 20;

export interface Rates {
  /** Runs with a verdict in the window (at most 20). */
  runs: number;
  passed: number;
  failed: number;
  unverified: number;
  /** passed / runs, or null with no runs. */
  passRate: number | null;
  /** Flips between pass and fail among consecutive pass/fail verdicts, over their pairs; null under 2. */
  flapRate: number | null;
}

/** `verdicts` newest first, as the store lists them; only the first 20 count. */
export function ratesOf(verdicts: readonly Verdict[]): Rates {
  const window = verdicts.slice(0, RATE_WINDOW);
  const passed = window.filter((v) => v === 'pass').length;
  const failed = window.filter((v) => v === 'fail').length;
  const decided = window.filter((v) => v !== 'unverified');
  let flips = 0;
  for (let i = 1; i < decided.length; i += 1) if (decided[i] !== decided[i - 1]) flips += 1;
  return {
    runs: window.length,
    passed,
    failed,
    unverified: window.length - passed - failed,
    passRate: window.length === 0 ? null : passed / window.length,
    flapRate: decided.length < 2 ? null : flips / (decided.length - 1),
  };
}
