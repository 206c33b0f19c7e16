// The cost chart's samples. Thousands of them cost far more to draw than they show: at most a
// few hundred points fit across the inspector. Keep the first and last samples and, per bucket, the
// extremes of each series, so spikes and plateaus survive while the point count is bounded.

export const CHART_MAX_POINTS = 500;

/** Indices of `points` to draw, in order, at most `max` of them. */
export function downsampleIndices<T>(
  points: readonly T[],
  series: readonly ((p: T) => number | null)[],
  max = CHART_MAX_POINTS,
): number[] {
  const n = points.length;
  if (n <= max) return points.map((_, i) => i);
  // Each bucket may keep a minimum and a maximum per series.
  const perBucket = Math.max(1, 2 * series.length);
  const buckets = Math.max(1, Math.floor((max - 2) / perBucket));
  const interior = n - 2;
  const keep = new Set<number>([0, n - 1]);
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * interior) / buckets);
    const to = 1 + Math.floor(((b + 1) * interior) / buckets);
    if (from >= to) continue;
    for (const value of series) {
      let lo = -1;
      let hi = -1;
      for (let i = from; i < to; i++) {
        const v = value(points[i]!);
        if (v === null || Number.isNaN(v)) continue;
        if (lo < 0 || v < value(points[lo]!)!) lo = i;
        if (hi < 0 || v > value(points[hi]!)!) hi = i;
      }
      if (lo >= 0) keep.add(lo);
      if (hi >= 0) keep.add(hi);
      // A bucket with no values at all still marks its place, so gaps stay visible.
      if (lo < 0) keep.add(from);
    }
  }
  return [...keep].sort((a, b) => a - b).slice(0, max);
}

export function downsample<T>(
  points: readonly T[],
  series: readonly ((p: T) => number | null)[],
  max = CHART_MAX_POINTS,
): T[] {
  return downsampleIndices(points, series, max).map((i) => points[i]!);
}
