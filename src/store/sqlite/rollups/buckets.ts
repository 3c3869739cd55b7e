// Response-time buckets for exact medians by counting: a leader's history keeps its values grouped
// by bucket (history.ts), so the k-th value of any group and period is found from per-bucket counts
// and one bucket's values. Four buckets per doubling from one second: a bucket holds a few per cent
// of a spread of response times, and its bounds never change (stored values stay grouped).
const PER_DOUBLING = 4;
const COUNT = 120;

/** BOUNDS[b] is the first value of bucket b + 1 (bucket 0: below one second, negatives included). */
export const BOUNDS = Float64Array.from({ length: COUNT }, (_, i) => Math.round(1000 * 2 ** (i / PER_DOUBLING)));

/** Number of buckets (the last one is unbounded). */
export const BUCKETS = COUNT + 1;

/** The bucket of a value: how many bounds are ≤ it. */
export function bucketOf(ms: number): number {
  let lo = 0;
  let hi = COUNT;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (BOUNDS[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
