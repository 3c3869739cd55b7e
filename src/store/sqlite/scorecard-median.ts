// `scorecard_medians(leader, site, ms)`: an aggregate SQLite lacks. It collects the response times of
// the answered prompts in one pass, by leader (small integer keys: cheap to pass per row), and returns
// the medians per leader, per site (pooled over the site's leaders' values) and overall as one JSON
// text. An even count takes the mean of the two middle values, as AVG() of the two middle rows did.
// Medians are found by selection (linear on average), not by sorting every value.
import type Database from 'better-sqlite3';

export interface MedianLevels {
  /** [leader key, median ms]. */
  byLeader: Array<[number, number]>;
  /** [site key, median ms]: the site key the statement passed (0 for leaders with no site). */
  bySite: Array<[number, number]>;
  overall: number | null;
}

/** The k-th smallest value (0-based), rearranging the values (Hoare's selection). */
export function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** Median of the values (rearranges them). */
export function median(values: Float64Array): number {
  const n = values.length;
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  // After selecting the upper middle, every value before it is ≤ it: the lower middle is their max.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

interface State {
  values: Map<number, number[]>;
  siteOf: Map<number, number>;
}

function levels(state: State): MedianLevels {
  const leaders = [...state.values].map(([key, list]) => ({ key, values: Float64Array.from(list) }));
  const sites = new Map<number, Float64Array[]>();
  for (const l of leaders) {
    const site = state.siteOf.get(l.key)!;
    sites.set(site, [...(sites.get(site) ?? []), l.values]);
  }
  const pooled = (parts: Float64Array[]) => {
    const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return median(all);
  };
  const result: MedianLevels = {
    bySite: [...sites].map(([site, parts]) => [site, pooled(parts)]),
    overall: leaders.length ? pooled(leaders.map((l) => l.values)) : null,
    byLeader: [],
  };
  // Last: selection rearranges each leader's values, which the pooled copies above no longer need.
  result.byLeader = leaders.map((l) => [l.key, median(l.values)]);
  return result;
}

/** The typings allow one argument per step; SQLite passes every argument of the call. */
type Step = (state: State, leader: number, site: number, ms: number | null) => void;

export function registerScorecardFunctions(db: Database.Database): void {
  const step: Step = (state, leader, site, ms) => {
    if (ms === null) return;
    const list = state.values.get(leader);
    if (list) list.push(ms);
    else {
      state.values.set(leader, [ms]);
      state.siteOf.set(leader, site);
    }
  };
  db.aggregate('scorecard_medians', {
    start: (): State => ({ values: new Map(), siteOf: new Map() }),
    step: step as unknown as (state: State, next: unknown) => void,
    result: (state: State): string => JSON.stringify(levels(state)),
  });
}
