// `scorecard_medians(person_id, site_id, ms)`: an aggregate SQLite lacks. It collects the response
// times of the answered prompts in one pass and returns the medians per leader, per site (pooled
// over the site's leaders) and overall as one JSON text. An even count takes the mean of the two
// middle values, as AVG() of the two middle rows did.
import type Database from 'better-sqlite3';

export interface MedianLevels {
  byLeader: Array<[string, number]>;
  /** Site id, or null for leaders with no site. */
  bySite: Array<[number | null, number]>;
  overall: number | null;
}

function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface State {
  leaders: Map<string, number[]>;
  sites: Map<number | null, number[]>;
  all: number[];
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The typings allow one argument per step; SQLite passes every argument of the call. */
type Step = (state: State, personId: string, siteId: number | null, ms: number | null) => void;

export function registerScorecardFunctions(db: Database.Database): void {
  const step: Step = (state, personId, siteId, ms) => {
    if (ms === null) return;
    push(state.leaders, personId, ms);
    push(state.sites, siteId, ms);
    state.all.push(ms);
  };
  db.aggregate('scorecard_medians', {
    start: (): State => ({ leaders: new Map(), sites: new Map(), all: [] }),
    step: step as unknown as (state: State, next: unknown) => void,
    result: (state: State): string => {
      const levels: MedianLevels = {
        byLeader: [...state.leaders].map(([id, values]) => [id, median(values)]),
        bySite: [...state.sites].map(([id, values]) => [id, median(values)]),
        overall: state.all.length ? median(state.all) : null,
      };
      return JSON.stringify(levels);
    },
  });
}
