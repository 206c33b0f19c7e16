// WebRun's published prices (webrun-api.md §5.3, webrun-browser-pro tier). The sandbox bills
// with these and the app reuses them to estimate a cost WebRun did not report, so both
// sides agree on what a given usage costs.

export const PRICES = {
  /** USD per million prompt (input) tokens. */
  inputPerMillion: 0.6,
  /** USD per million completion (output) tokens. */
  outputPerMillion: 2.7,
  /** USD per minute of session compute. */
  sessionPerMinute: 0.02,
} as const;

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** Cost in USD, rounded to 6 decimals (sub-cent precision without float noise). */
export function costOf(usage: TokenUsage, sessionMinutes: number): number {
  const tokens =
    (usage.prompt_tokens * PRICES.inputPerMillion +
      usage.completion_tokens * PRICES.outputPerMillion) /
    1_000_000;
  const compute = Math.max(0, sessionMinutes) * PRICES.sessionPerMinute;
  return round6(tokens + compute);
}

export function round6(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
