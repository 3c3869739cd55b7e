// Running totals of the weekly rollups, so that a run of whole weeks is two lookups per leader (the
// total up to its last week minus the total before its first) instead of a sum over every week row:
// two years of an organisation read 1,000 numbers per field, not 52,000 rows.
//
// The totals live in memory, built from the organisation's leader, site and organisation rows in one
// pass, and are valid while the organisation's token is the same: the refresher gives it a new token
// (a value never used before) in the transaction that counts a week, so a week counted by any
// connection, a rollback, or `rollups rebuild` shows as another token and the totals are built again.
// A token row is level 'prefix', key '', week '' (its value in `streak`, as the histories' token).
// Weeks outside the rows' range add nothing: a total before the first row is 0, after the last the
// grand total. Each series also counts the weeks that have a row, so "has a row in the weeks" (a
// site or a custom prompt appearing at all, as the summing statements reported them) stays exact.
import type Database from 'better-sqlite3';
import { TokenedCache } from './tokens';
import { weekNumber } from './history';

/** Summed columns of a leader's week row, in storage order. */
export const LEADER_FIELDS = [
  'owed_days',
  'meetings_yes',
  'meetings_due',
  'walk_done',
  'walk_due',
  'wins',
  'follow_ups_on_time',
  'follow_ups_due',
  'prompts_in_time',
  'prompts_counted',
] as const;
/** Summed columns of a site's or the organisation's week row. */
export const GROUP_FIELDS = ['wins', 'wins_shared', 'follow_ups_on_time', 'follow_ups_due'] as const;

/** One key's weeks: running totals of its fields (plus a count of weeks with a row) and each week's overdue snapshot. */
export interface Series {
  /** Row i (i = 0 … n), width fields + 1: the totals of the weeks before base + i; the last column counts rows. */
  totals: Float64Array;
  /** The follow-ups overdue snapshot of week base + i. */
  overdue: Float64Array;
}

export interface Prefixes {
  /** weekNumber of the first week with a row. */
  base: number;
  /** Weeks from base to the last week with a row. */
  n: number;
  leaders: Map<string, Series>;
  /** By `${level}:${key}` ('site:3', 'org:'). */
  groups: Map<string, Series>;
  /** By leader, then custom prompt: running [done, due, weeks with a line]. */
  custom: Map<string, Map<number, Float64Array>>;
}

// Row arrays (raw mode): level, key, week, follow_ups_overdue, custom, then the level's fields.
const rowsOf = (level: 'leader' | 'group', fields: readonly string[]) =>
  `SELECT level, key, week, follow_ups_overdue, ${level === 'leader' ? 'custom' : 'NULL'}, ${fields.join(', ')} FROM scorecard_rollups
   WHERE org_id = ? AND level ${level === 'leader' ? "= 'leader'" : "IN ('site', 'org')"}`;
const LEADER_ROWS = rowsOf('leader', LEADER_FIELDS);
const GROUP_ROWS = rowsOf('group', GROUP_FIELDS);
const RANGE = `SELECT MIN(week) AS lo, MAX(week) AS hi FROM scorecard_rollups WHERE org_id = ? AND level IN ('leader', 'site', 'org')`;

export class WeekPrefixes extends TokenedCache {
  private readonly cache = new Map<string, { token: string; prefixes: Prefixes }>();

  constructor(client: Database.Database) {
    super(client, 'prefix');
  }

  /** Called in the transaction that changes the organisation's week rows. */
  changed(orgId: string): string {
    return this.newToken(orgId);
  }

  /** The organisation's running totals (read the weeks' rows only after refreshing them). */
  read(orgId: string): Prefixes {
    // Without a token (none counted yet, or forgotten) one is written first, so that what is built is named by it.
    const token = this.token(orgId) ?? this.changed(orgId);
    const cached = this.cache.get(orgId);
    if (cached?.token === token) return cached.prefixes;
    const prefixes = this.build(orgId);
    this.cache.set(orgId, { token, prefixes });
    return prefixes;
  }

  private build(orgId: string): Prefixes {
    const range = this.st(RANGE).get(orgId) as { lo: string | null; hi: string | null };
    const base = range.lo ? weekNumber(range.lo) : 0;
    const n = range.hi ? weekNumber(range.hi) - base + 1 : 0;
    const out: Prefixes = { base, n, leaders: new Map(), groups: new Map(), custom: new Map() };
    const weekIndex = new Map<string, number>();
    const indexOf = (week: string) => {
      let i = weekIndex.get(week);
      if (i === undefined) weekIndex.set(week, (i = weekNumber(week) - base));
      return i;
    };
    const leaderWidth = LEADER_FIELDS.length + 1;
    const groupWidth = GROUP_FIELDS.length + 1;
    // Each week's values go into the row after it; the running sums are taken at the end.
    for (const [sql, map, width] of [
      [LEADER_ROWS, out.leaders, leaderWidth],
      [GROUP_ROWS, out.groups, groupWidth],
    ] as const) {
      for (const r of this.st(sql).raw().iterate(orgId) as Iterable<unknown[]>) {
        const [level, key, week, overdue, custom] = r as [string, string, string, number, string | null];
        const i = indexOf(week);
        const name = level === 'leader' ? key : `${level}:${key}`;
        let s = map.get(name);
        if (!s) map.set(name, (s = { totals: new Float64Array((n + 1) * width), overdue: new Float64Array(n) }));
        const at = (i + 1) * width;
        for (let f = 0; f < width - 1; f++) s.totals[at + f] = r[5 + f] as number;
        s.totals[at + width - 1] = 1;
        s.overdue[i] = overdue;
        if (custom) this.addCustom(out, n, key, i, custom);
      }
    }
    for (const s of out.leaders.values()) accumulate(s.totals, leaderWidth);
    for (const s of out.groups.values()) accumulate(s.totals, groupWidth);
    for (const prompts of out.custom.values()) for (const c of prompts.values()) accumulate(c, 3);
    return out;
  }

  private addCustom(out: Prefixes, n: number, personId: string, i: number, custom: string): void {
    let prompts = out.custom.get(personId);
    if (!prompts) out.custom.set(personId, (prompts = new Map()));
    for (const [promptId, done, due] of JSON.parse(custom) as Array<[number, number, number]>) {
      let c = prompts.get(promptId);
      if (!c) prompts.set(promptId, (c = new Float64Array((n + 1) * 3)));
      c[(i + 1) * 3] = c[(i + 1) * 3]! + done;
      c[(i + 1) * 3 + 1] = c[(i + 1) * 3 + 1]! + due;
      c[(i + 1) * 3 + 2] = 1;
    }
  }
}

function accumulate(totals: Float64Array, width: number): void {
  for (let at = width; at < totals.length; at++) totals[at] = totals[at]! + totals[at - width]!;
}

/** A span of whole weeks [first, last] (Mondays) as the rows of running totals to subtract. */
export interface Span {
  /** Row of the totals before the first week. */
  before: number;
  /** Row of the totals through the last week. */
  through: number;
  /** Index of the last week in the overdue snapshots (−1 or n when outside). */
  last: number;
}

export function spanOf(p: Prefixes, first: string, last: string): Span {
  const clamp = (x: number) => Math.min(Math.max(x, 0), p.n);
  const lastIndex = weekNumber(last) - p.base;
  return { before: clamp(weekNumber(first) - p.base), through: clamp(lastIndex + 1), last: lastIndex };
}

/** Field f summed over the span (width: the series' fields + 1). */
export function spanSum(totals: Float64Array, width: number, span: Span, f: number): number {
  return totals[span.through * width + f]! - totals[span.before * width + f]!;
}

/** The snapshot of the span's last week (0 when it has no row there). */
export function lastOverdue(s: Series, span: Span): number {
  return span.last >= 0 && span.last < s.overdue.length ? s.overdue[span.last]! : 0;
}
