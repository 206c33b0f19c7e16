// The one way an amount in USD is written for a person, shared by the core's messages and the
// UI (a batch's stop message and its header must show the same figure the same way). Zod-free.

/** $0.00 for nothing, four decimals below a cent (so small sandbox costs are not $0.00), else two. */
export function formatUsd(cost: number): string {
  if (cost === 0) return '$0.00';
  return cost < 0.01 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}
