// What earlier costs say, shared by money foresight (baselines, anomalies) and the batch
// estimate: the quantile of a set of costs, and an amount as those messages write it.

/** The q-th quantile of `values` (linear between ranks), or null for none. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Amounts under a dollar to the hundredth of a cent: task costs are that small. */
export const money = (n: number): string => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;
