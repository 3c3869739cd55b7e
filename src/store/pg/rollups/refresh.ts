// Counts an organisation's sealed weeks into the rollups on PostgreSQL, exactly, by running the
// scorecard's own raw statements over each week (Monday..Sunday in every leader's zone), and keeps
// them fresh: a week missing, marked stale by a trigger (triggers.ts, installed by migration 0011;
// the marks are folded in here) or counted with another default zone is counted again before
// anything reads it.
//
// Several instances share the database. Every write to the rollups — the fold of the marks and the
// counting of a week — runs in a transaction holding one advisory lock (ROLLUP_LOCK), so they never
// interleave: a fold waits while a week is being counted. That is what keeps a week true: a write
// committed while a week is counted leaves its mark in the table (no fold can take it meanwhile),
// and the next fold, after the count has committed its rows, marks the fresh week stale again. A
// fold deletes the marks it turns into flags in the same statement, so two instances never fold a
// mark twice, and one waiting on the other sees its flags once it goes on. Within one process the
// counting is also queued, so concurrent reads never hold two pool connections waiting on the lock.
import type { PeriodQuery, ScoredLeader } from '../../../core/scorecard/repo';
import { addDays } from '../../../core/time';
import { distinctWins, lastSealedMonday, segmentQuery, zonesOf } from '../../rollups-shared/plan';
import { mergeLevelRows, type LevelRow } from '../../shared/scorecard-rows';
import type { Query } from '../db';
import { bind, type Params, queryParams } from '../scorecard-bind';
import { LEADERS_SQL } from '../scorecard-sql';
import { CALENDAR_FACTS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL, WINS_SQL } from '../scorecard-sql-facts';
import { CUSTOM_SQL } from '../scorecard-sql-history';
import { ANY_MARK_SQL, CLEAR_WEEK_SQL, FOLD_SQL, FRESH_WEEKS_SQL, INSERT_WEEK_SQL, ROLLUP_LOCK, RESPONSES_SQL } from './sql';

type Row = Record<string, unknown>;
export type Transaction = <T>(fn: (query: Query) => Promise<T>) => Promise<T>;

/** A scorecard statement with named parameters on `query`. */
export function runOn(query: Query, sql: string, params: Params): Promise<Row[]> {
  const { text, values } = bind(sql, params);
  return query<Row>(text, values);
}

/**
 * Wins counted both in [left, boundary − 1] and in [boundary, right] (a win crediting leaders in
 * zones a day or two apart), per site key and '' for the scope: wins(left) + wins(right) − wins(both).
 */
export async function sharedWins(query: Query, q: PeriodQuery, boundary: string, left: string, right: string): Promise<Map<string, number>> {
  const wins = async (from: string, to: string) => distinctWins(await runOn(query, WINS_SQL, queryParams({ ...segmentQuery(q, from, to), totals: true })));
  const before = await wins(left, addDays(boundary, -1));
  const after = await wins(boundary, right);
  const both = await wins(left, right);
  const out = new Map<string, number>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const n = (before.get(key) ?? 0) + (after.get(key) ?? 0) - (both.get(key) ?? 0);
    if (n !== 0) out.set(key, n);
  }
  return out;
}

type WeekRow = { level: string; key: string } & Record<string, string | number | null>;

export class PgRollupRefresher {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly query: Query,
    private readonly transaction: Transaction,
  ) {}

  /** Turns the triggers' marks into stale flags (and deletes them): call before reading which weeks are fresh. */
  async fold(): Promise<void> {
    const [row] = await this.query<{ any: boolean }>(ANY_MARK_SQL);
    if (!row?.any) return;
    await this.transaction(async (tx) => {
      await tx('SELECT pg_advisory_xact_lock($1::bigint)', [ROLLUP_LOCK]);
      await tx(FOLD_SQL);
    });
  }

  /** Counts the weeks in [firstMonday, lastMonday] (sealed ones only) that are missing or stale, newest first; how many. */
  async refresh(orgId: string, defaultZone: string, nowMs: number, firstMonday: string, lastMonday: string, maxWeeks = Infinity): Promise<number> {
    return (await this.countDue(orgId, defaultZone, nowMs, firstMonday, lastMonday, maxWeeks)).counted;
  }

  /** The same, counting at most `maxWeeks`: whether every week of the range is counted then. */
  async counted(orgId: string, defaultZone: string, nowMs: number, firstMonday: string, lastMonday: string, maxWeeks: number): Promise<boolean> {
    const { counted, due } = await this.countDue(orgId, defaultZone, nowMs, firstMonday, lastMonday, maxWeeks);
    return counted === due;
  }

  private countDue(orgId: string, defaultZone: string, nowMs: number, firstMonday: string, lastMonday: string, maxWeeks: number) {
    const run = this.queue.then(async () => {
      await this.fold();
      const last = lastMonday < lastSealedMonday(nowMs) ? lastMonday : lastSealedMonday(nowMs);
      const fresh = new Set((await this.query<{ week: string }>(FRESH_WEEKS_SQL, [orgId, firstMonday, last, defaultZone])).map((r) => r.week));
      const due: string[] = [];
      for (let monday = last; monday >= firstMonday; monday = addDays(monday, -7)) if (!fresh.has(monday)) due.push(monday);
      let counted = 0;
      for (const monday of due.slice(0, maxWeeks)) {
        await this.transaction((tx) => this.countWeek(tx, orgId, defaultZone, nowMs, monday));
        counted++;
      }
      return { counted, due: due.length };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forgets an organisation's rollups (they are counted again as they are read). */
  async forget(orgId: string): Promise<void> {
    await this.transaction(async (tx) => {
      await tx('SELECT pg_advisory_xact_lock($1::bigint)', [ROLLUP_LOCK]);
      await tx('DELETE FROM scorecard_rollups WHERE org_id = $1', [orgId]);
    });
  }

  private async countWeek(tx: Query, orgId: string, defaultZone: string, nowMs: number, monday: string): Promise<void> {
    await tx('SELECT pg_advisory_xact_lock($1::bigint)', [ROLLUP_LOCK]);
    // Another instance may have counted it while this one waited for the lock.
    if ((await tx(FRESH_WEEKS_SQL, [orgId, monday, monday, defaultZone])).length > 0) return;
    await tx(CLEAR_WEEK_SQL, [orgId, monday]);
    const leaders = (await runOn(tx, LEADERS_SQL, { org: orgId, site: null, person: null, defaultZone })) as unknown as ScoredLeader[];
    const rows: WeekRow[] = [{ level: 'week', key: '', zone: defaultZone }];
    if (leaders.length > 0) {
      const base: PeriodQuery = { orgId, scope: { kind: 'all' }, defaultZone, from: monday, to: addDays(monday, 6), nowMs, zones: zonesOf(leaders) };
      rows.push(...(await this.weekRows(tx, segmentQuery(base, base.from, base.to))));
    }
    await tx(INSERT_WEEK_SQL, [orgId, monday, JSON.stringify(rows)]);
  }

  private async weekRows(tx: Query, q: PeriodQuery): Promise<WeekRow[]> {
    const params = queryParams(q);
    const parts: Row[][] = [];
    for (const sql of [CALENDAR_FACTS_SQL, WINS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL]) parts.push(await runOn(tx, sql, params));
    const facts = mergeLevelRows(parts as LevelRow[][]);
    const custom = new Map<string, Array<[number, number, number]>>();
    for (const r of await runOn(tx, CUSTOM_SQL, params)) {
      const id = String(r.personId);
      custom.set(id, [...(custom.get(id) ?? []), [Number(r.promptId), Number(r.done), Number(r.due)]]);
    }
    const responses = new Map<string, number[]>();
    for (const r of await runOn(tx, RESPONSES_SQL, params)) {
      const id = String(r.personId);
      responses.set(id, [...(responses.get(id) ?? []), Number(r.ms)]);
    }
    const shared = await sharedWins(tx, q, q.from, addDays(q.from, -2), addDays(q.from, 1));
    const rows: WeekRow[] = [];
    for (const l of facts.leaders) {
      const ms = responses.get(l.personId);
      const lines = custom.get(l.personId);
      const counts = [l.owedDays, l.meetingsYes, l.meetingsDue, l.walkWeeksDone, l.walkWeeksDue, l.wins, l.followUpsOnTime, l.followUpsDue, l.followUpsOverdue];
      if (!ms && !lines && counts.every((n) => n === 0) && l.promptsCounted === 0 && l.promptsAnsweredInTime === 0) continue;
      rows.push({
        level: 'leader',
        key: l.personId,
        owed_days: l.owedDays,
        meetings_yes: l.meetingsYes,
        meetings_due: l.meetingsDue,
        walk_done: l.walkWeeksDone,
        walk_due: l.walkWeeksDue,
        wins: l.wins,
        follow_ups_on_time: l.followUpsOnTime,
        follow_ups_due: l.followUpsDue,
        follow_ups_overdue: l.followUpsOverdue,
        prompts_in_time: l.promptsAnsweredInTime,
        prompts_counted: l.promptsCounted,
        custom: lines ? JSON.stringify(lines) : null,
        responses: ms ? Buffer.from(Float64Array.from(ms).buffer).toString('hex') : null,
      });
    }
    const groups = new Map<string, WeekRow>();
    const group = (key: string): WeekRow => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { level: key === '' ? 'org' : 'site', key }));
      return g;
    };
    for (const [key, counts] of [...facts.sites.map((s) => [String(s.siteId ?? 0), s] as const), ['', facts.all] as const]) {
      Object.assign(group(key), {
        wins: counts.wins,
        follow_ups_on_time: counts.followUpsOnTime,
        follow_ups_due: counts.followUpsDue,
        follow_ups_overdue: counts.followUpsOverdue,
      });
    }
    for (const [key, n] of shared) group(key).wins_shared = n;
    return [...rows, ...groups.values()];
  }
}
