// The one way an amount in USD is written for a person, shared by the renderer (columns, charts,
// the inbox), the CLI's lines, the MCP server's texts and the core's messages (budget, forecast,
// runway, batch and anomaly texts), so a figure reads the same wherever it is seen. Zod-free.
// Machine-readable outputs (CLI --json, MCP structuredContent, CSV exports) keep raw numbers.
//
// The rule, and why:
// - Unknown (null, undefined, NaN, ±Infinity) is "unknown": never "$0.00", which would read as
//   free, and never a dash. A dash is for what has no cost at all, as it has no duration: a
//   task never sent, a batch row skipped or still waiting (the caller writes it, not this).
// - From $1: dollars and cents, thousands grouped ("$1,234.50").
// - Under $1: at least the cents, up to four decimals with zeros past the cents dropped
//   ("$0.50", "$0.0301"), and at least two significant digits ("$0.000045"), so a non-zero cost
//   never reads "$0.00" and a cost that just passed a cap or a threshold ("$0.0612" against a
//   "$0.05" cap) never reads the same as it: task costs are that small.
// - Zero is "$0.00"; a negative amount (a delta, an overdrawn balance) gets a leading "-".
// - Rounding is half away from zero on the decimal figure ($1.005 is "$1.01"), not on the
//   binary one as toFixed rounds it ("1.00").

const options = { style: 'currency', currency: 'USD', roundingMode: 'halfExpand' } as const;
const dollars = new Intl.NumberFormat('en-US', {
  ...options,
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const cents = new Intl.NumberFormat('en-US', {
  ...options,
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
  maximumSignificantDigits: 2,
  // Whichever of "four decimals" and "two significant digits" keeps more of the figure.
  roundingPriority: 'morePrecision',
});

/** What an unknown amount reads as, wherever an amount is written. */
export const UNKNOWN_AMOUNT = 'unknown';

/** An amount in USD for a person; see the rule above. */
export function formatUsd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return UNKNOWN_AMOUNT;
  // -0 and the like: "-$0.00" would suggest a figure where there is none.
  if (amount === 0) return '$0.00';
  return Math.abs(amount) < 1 ? cents.format(amount) : dollars.format(amount);
}
