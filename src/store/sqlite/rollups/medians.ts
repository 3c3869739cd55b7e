// Exact pooled medians (each leader, each site, the organisation) from the leaders' histories
// (history.ts) without touching every value: per leader and bucket, the values of the period's
// weeks are one slice (binary search on the weeks), so the counts per bucket are sums of slice
// lengths; the k-th value of a group lies in the bucket where its running count passes k, and only
// that bucket's values are gathered and selected. The edge days' values (raw) join by bucket.
// Equal to the raw median: the same values, the same k-th elements, (lower + upper) / 2 for an even count.
import type { ResponseMedians, ScoredLeader } from '../../../core/scorecard/repo';
import { BUCKETS, BOUNDS, bucketOf } from './buckets';
import type { LeaderHistory } from './history';
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

/** First index in [lo, hi) whose value satisfies `atLeast` (the arrays are ordered for it). */
function firstAtLeast(values: ArrayLike<number>, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function slicesOf(h: LeaderHistory | undefined, firstWeek: number, lastWeek: number, edges: number[]): Slices {
  const counts = new Int32Array(BUCKETS);
  const slices: number[] = [];
  let total = 0;
  if (h) {
    const n = h.ms.length;
    for (let start = 0; start < n; ) {
      const b = bucketOf(h.ms[start]!);
      const end = b < BOUNDS.length ? firstAtLeast(h.ms, BOUNDS[b]!, start, n) : n;
      const from = firstAtLeast(h.weeks, firstWeek, start, end);
      const to = firstAtLeast(h.weeks, lastWeek + 1, from, end);
      if (to > from) {
        slices.push(b, from, to);
        counts[b]! += to - from;
        total += to - from;
      }
      start = end;
    }
  }
  for (const v of edges) counts[bucketOf(v)]!++;
  return { ms: h?.ms ?? new Float64Array(0), slices, edges, counts, total: total + edges.length };
}

/** The k-th smallest (0-based) of the members' values together, given their summed counts. */
function kth(members: Slices[], counts: Int32Array, k: number): number {
  let b = 0;
  let below = 0;
  while (below + counts[b]! <= k) below += counts[b++]!;
  const values = new Float64Array(counts[b]!);
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
  return select(values, k - below);
}

function medianOf(members: Slices[], counts: Int32Array, n: number): number {
  const upper = kth(members, counts, n >> 1);
  return Math.round(n % 2 === 1 ? upper : (kth(members, counts, (n >> 1) - 1) + upper) / 2);
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
  histories: Map<string, LeaderHistory>,
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
