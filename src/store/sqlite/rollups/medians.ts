// Exact pooled medians (each leader, each site, the organisation) from the leaders' histories
// (history.ts) without touching every value: per leader and bucket, the values of the period's
// weeks are one slice (binary search on the weeks), so the counts per bucket are sums of slice
// lengths; the k-th value of a group lies in the bucket where its running count passes k, and only
// that bucket's values are gathered and selected. The edge days' values (raw) join by bucket.
// Equal to the raw median: the same values, the same k-th elements, (lower + upper) / 2 for an even count.
import type { ResponseMedians, ScoredLeader } from '../../../core/scorecard/repo';
import { BUCKETS, bucketOf } from './buckets';
import type { ReadHistory } from './history';
import { select } from '../scorecard-median';

/** One leader's values in the period: a slice per non-empty bucket, plus the edge days' values. */
interface Slices {
  ms: Float64Array;
  /** [bucket, from, to) triples of the history's arrays. */
  slices: number[];
  edges: number[];
  counts: Int32Array;
  total: number;
}

/** First index in [lo, hi) whose week is ≥ x (weeks ascend within a bucket's section). */
function firstAtLeast(values: Int32Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function slicesOf(h: ReadHistory | undefined, firstWeek: number, lastWeek: number, edges: number[]): Slices {
  const counts = new Int32Array(BUCKETS);
  const slices: number[] = [];
  let total = 0;
  if (h) {
    const sections = h.sections;
    for (let i = 0; i < sections.length; i += 3) {
      const b = sections[i]!;
      const end = sections[i + 2]!;
      const from = firstAtLeast(h.weeks, firstWeek, sections[i + 1]!, end);
      const to = firstAtLeast(h.weeks, lastWeek + 1, from, end);
      if (to > from) {
        slices.push(b, from, to);
        counts[b]! += to - from;
        total += to - from;
      }
    }
  }
  for (const v of edges) counts[bucketOf(v)]!++;
  return { ms: h?.ms ?? new Float64Array(0), slices, edges, counts, total: total + edges.length };
}

/** The members' values in bucket b, in a new array. */
function gather(members: Slices[], b: number, size: number): Float64Array {
  const values = new Float64Array(size);
  let at = 0;
  for (const m of members) {
    if (m.counts[b] === 0) continue;
    for (let i = 0; i < m.slices.length; i += 3) {
      if (m.slices[i] !== b) continue;
      values.set(m.ms.subarray(m.slices[i + 1]!, m.slices[i + 2]!), at);
      at += m.slices[i + 2]! - m.slices[i + 1]!;
    }
    for (const v of m.edges) if (bucketOf(v) === b) values[at++] = v;
  }
  return values;
}

/** The bucket holding the k-th smallest value (0-based) and how many values lie in lower buckets. */
function bucketOfRank(counts: Int32Array, k: number): { b: number; below: number } {
  let b = 0;
  let below = 0;
  while (below + counts[b]! <= k) below += counts[b++]!;
  return { b, below };
}

/** The median of the members' n values together, given their summed counts per bucket. */
function medianOf(members: Slices[], counts: Int32Array, n: number): number {
  const up = bucketOfRank(counts, n >> 1);
  const values = gather(members, up.b, counts[up.b]!);
  const k = (n >> 1) - up.below;
  const upper = select(values, k);
  if (n % 2 === 1) return Math.round(upper);
  let lower = -Infinity;
  if (k > 0) {
    // After the selection every value before position k is ≤ upper: the lower middle is their largest.
    for (let i = 0; i < k; i++) if (values[i]! > lower) lower = values[i]!;
  } else {
    // The lower middle is the largest value of an earlier bucket.
    const down = bucketOfRank(counts, (n >> 1) - 1);
    for (const v of gather(members, down.b, counts[down.b]!)) if (v > lower) lower = v;
  }
  return Math.round((lower + upper) / 2);
}

function summed(members: Slices[]): { counts: Int32Array; n: number } {
  const counts = new Int32Array(BUCKETS);
  let n = 0;
  for (const m of members) {
    n += m.total;
    for (let b = 0; b < BUCKETS; b++) counts[b]! += m.counts[b]!;
  }
  return { counts, n };
}

/**
 * Medians over the weeks [firstWeek, lastWeek] (week numbers) of the histories and the edge days'
 * values, for `leaders` (those the raw statements would score).
 */
export function historyMedians(
  leaders: ScoredLeader[],
  histories: Map<string, ReadHistory>,
  firstWeek: number,
  lastWeek: number,
  edges: Map<string, number[]>,
): ResponseMedians {
  const answered: Array<{ leader: ScoredLeader; slices: Slices }> = [];
  for (const leader of leaders) {
    const slices = slicesOf(histories.get(leader.id), firstWeek, lastWeek, edges.get(leader.id) ?? []);
    if (slices.total > 0) answered.push({ leader, slices });
  }
  const bySite = new Map<number | null, Slices[]>();
  for (const { leader, slices } of answered) {
    const list = bySite.get(leader.siteId);
    if (list) list.push(slices);
    else bySite.set(leader.siteId, [slices]);
  }
  const pooled = (members: Slices[]) => {
    const { counts, n } = summed(members);
    return medianOf(members, counts, n);
  };
  return {
    byLeader: answered.map(({ leader, slices }) => ({ personId: leader.id, medianMs: medianOf([slices], slices.counts, slices.total) })),
    bySite: [...bySite].map(([siteId, members]) => ({ siteId, medianMs: pooled(members) })),
    overall: answered.length ? pooled(answered.map((a) => a.slices)) : null,
  };
}
