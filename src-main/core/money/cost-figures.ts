// What earlier costs say, shared by money foresight (baselines, anomalies) and the batch
// estimate: the quantile of a set of costs (amounts are written by contract/money-format.ts).

/** The q-th quantile of `values` (linear between ranks), or null for none. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
