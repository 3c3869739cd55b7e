// How a period is cut for the weekly scorecard rollups, the same on both engines: which weeks are
// sealed (no longer change with time alone), the whole sealed weeks of a period and the days around
// them (head, tail), each part's query with its zones' bounds, and the days around a part's
// boundary whose wins may fall on both sides.
import { zoneWindow } from '../../core/scorecard/period';
import type { DistinctCounts, PeriodFacts, PeriodQuery, ScoredLeader } from '../../core/scorecard/repo';
import { addDays, weekStart } from '../../core/time';
import { emptyDistinct } from '../shared/scorecard-rows';

const HOUR = 3_600_000;

/**
 * The last Monday whose week no longer changes with time alone: the week is over in every zone
 * (the latest, UTC−12, ends it at Monday + 7 days 12:00 UTC), its last prompts are 48 h old (open
 * ones count from then on), and so "today", the current week and the 48 h window no longer enter
 * its figures. One hour of margin.
 */
export function lastSealedMonday(nowMs: number): string {
  const limit = nowMs - (7 * 24 + 12 + 48 + 1) * HOUR;
  return weekStart(new Date(limit).toISOString().slice(0, 10));
}

/** A query's zones before their windows are set (segmentQuery sets them). */
export const zonesOf = (leaders: ScoredLeader[]): PeriodQuery['zones'] =>
  [...new Set(leaders.map((l) => l.zone))].map((zone) => ({ zone, startMs: 0, endMs: 0, today: '', through: '', currentWeek: '' }));

/** The query for days [from, to] of a query's leaders, with each zone's bounds for those days. */
export function segmentQuery(base: PeriodQuery, from: string, to: string): PeriodQuery {
  return { ...base, from, to, zones: base.zones.map((z) => zoneWindow({ from, to }, z.zone, base.nowMs, base.defaultZone)) };
}

export interface Plan {
  /** Mondays of the first and last whole sealed week. */
  first: string;
  last: string;
  head?: PeriodQuery;
  tail?: PeriodQuery;
}

/** The period's parts, or null when it holds no whole sealed week (then it is all raw). */
export function planOf(q: PeriodQuery): Plan | null {
  const first = weekStart(q.from) === q.from ? q.from : addDays(weekStart(q.from), 7);
  const lastWhole = weekStart(addDays(q.to, -6));
  const sealed = lastSealedMonday(q.nowMs);
  const last = lastWhole < sealed ? lastWhole : sealed;
  if (last < first) return null;
  const plan: Plan = { first, last };
  if (q.from < first) plan.head = segmentQuery(q, q.from, addDays(first, -1));
  if (addDays(last, 7) <= q.to) plan.tail = segmentQuery(q, addDays(last, 7), q.to);
  return plan;
}

/** Whether the query is one whole week the rollups hold. */
export function isSealedWeek(q: PeriodQuery): boolean {
  return weekStart(q.from) === q.from && q.to === addDays(q.from, 6) && q.from <= lastSealedMonday(q.nowMs);
}

export type EdgePart = 'head' | 'tail';

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * An edge's boundary with the whole weeks (a head's: the Monday after it; a tail's: its own Monday)
 * and the days around it whose wins may be counted on both sides: up to two days each side, within
 * the period (a head starts the period, a tail ends it).
 */
export function sharedWindow(part: EdgePart, from: string, to: string): [string, string, string] {
  if (part === 'head') {
    const first = addDays(to, 1);
    return [first, maxDate(from, addDays(first, -2)), addDays(first, 1)];
  }
  return [from, addDays(from, -2), minDate(to, addDays(from, 1))];
}

/** Leaders the raw statements would score: in scope and in one of the query's zones. */
export function inZones(q: PeriodQuery, leaders: ScoredLeader[]): ScoredLeader[] {
  const zones = new Set(q.zones.map((z) => z.zone));
  return leaders.filter((l) => zones.has(l.zone));
}

/** Distinct wins per site key and for the scope ('') from a wins statement's rows. */
export function distinctWins(rows: Array<Record<string, unknown>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.level === 'site') out.set(String(r.siteKey), Number(r.wins));
    if (r.level === 'all') out.set('', Number(r.wins));
  }
  return out;
}

/**
 * A period's counts per site (key '0': leaders without a site) and for the scope, as the parts of a
 * period are added in; what both engines' rollup readers assemble before handing them to the core.
 */
export class SiteTotals {
  readonly sites = new Map<string, DistinctCounts>();
  readonly all = emptyDistinct();

  site(key: string): DistinctCounts {
    let s = this.sites.get(key);
    if (!s) this.sites.set(key, (s = emptyDistinct()));
    return s;
  }

  /** Takes off the wins counted in two neighbouring parts (distinctWins' keys: '' the scope, else a site). */
  takeShared(shares: Iterable<Map<string, number>>): void {
    for (const shared of shares) {
      for (const [key, n] of shared) {
        if (key === '') this.all.wins -= n;
        else this.site(key).wins -= n;
      }
    }
  }

  /** The sites as PeriodFacts lists them. */
  siteList(): PeriodFacts['sites'] {
    return [...this.sites].map(([key, counts]) => ({ siteId: key === '0' ? null : Number(key), ...counts }));
  }
}
