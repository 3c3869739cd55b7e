// Counts one organisation's week into the rollups, exactly, by running the scorecard's own raw
// statements over that week (Monday..Sunday in every leader's zone), and keeps the counted weeks
// fresh: a week missing, marked stale (a trigger's mark, schema-triggers.ts, folded in) or counted with another
// default zone is counted again before anything reads it. Only sealed weeks are counted: weeks that
// can no longer change with time alone (see lastSealedMonday); later days stay on the raw path.
import type Database from 'better-sqlite3';
import type { PeriodQuery, ScoredLeader } from '../../../core/scorecard/repo';
import { addDays } from '../../../core/time';
import { customFacts } from '../scorecard-custom';
import { queryParams } from '../scorecard-params';
import type { Params, Row, ScorecardQueries } from '../scorecard-queries';
import { EdgeRows } from './edges';
import { LeaderHistories, type WeekEntry } from './history';
import { basisOf, weekIndex } from './leader-index';
import { LiveResults } from './live';
import { WeekPrefixes } from './prefix';
import { distinctWins, segmentQuery, zonesOf } from '../../rollups-shared/plan';

/** A mark's bound moved by `days`; '' and '9999' (every week) and null stay as they are. */
const widen = (bound: string | null, days: number) => (bound && /^\d{4}-\d\d-\d\d$/.test(bound) ? addDays(bound, days) : bound);

interface LeaderWeek {
  owed_days: number;
  meetings_yes: number;
  meetings_due: number;
  walk_done: number;
  walk_due: number;
  wins: number;
  follow_ups_on_time: number;
  follow_ups_due: number;
  follow_ups_overdue: number;
  prompts_in_time: number;
  prompts_counted: number;
  streak: string;
  responses: Buffer | null;
  custom: string | null;
  leader_index: number | null;
  index_count: number | null;
}

const ZERO: LeaderWeek = {
  owed_days: 0,
  meetings_yes: 0,
  meetings_due: 0,
  walk_done: 0,
  walk_due: 0,
  wins: 0,
  follow_ups_on_time: 0,
  follow_ups_due: 0,
  follow_ups_overdue: 0,
  prompts_in_time: 0,
  prompts_counted: 0,
  streak: '',
  responses: null,
  custom: null,
  leader_index: null,
  index_count: null,
};

const COLUMNS = [...Object.keys(ZERO), 'wins_shared'];

export class RollupRefresher {
  private readonly insert: Database.Statement;
  /** Deletes a week's rows and its edges. */
  private readonly clear: (orgId: string, monday: string) => void;
  /** Each leader's weeks in one row (medians and streaks); kept in step with every week counted. */
  readonly histories: LeaderHistories;
  /** Running totals of the weeks (whole-week spans); told of every week counted. */
  readonly prefixes: WeekPrefixes;
  /** Periods' edge days in sealed weeks (edges.ts); a week's go when it is counted again. */
  readonly edges: EdgeRows;
  /** Raw results of days the rollups do not hold, until a mark is folded (live.ts). */
  readonly live: LiveResults;

  constructor(
    private readonly client: Database.Database,
    private readonly queries: ScorecardQueries,
  ) {
    this.insert = client.prepare(
      `INSERT INTO scorecard_rollups (org_id, level, key, week, ${COLUMNS.join(', ')}, stale, zone)
       VALUES (@org, @level, @key, @week, ${COLUMNS.map((c) => `@${c}`).join(', ')}, 0, @zone)`,
    );
    const clearWeek = client.prepare('DELETE FROM scorecard_rollups WHERE org_id = ? AND week = ?');
    const clearEdges = client.prepare('DELETE FROM scorecard_rollup_edges WHERE org_id = ? AND week = ?');
    this.clear = (orgId, monday) => {
      clearWeek.run(orgId, monday);
      clearEdges.run(orgId, monday);
    };
    this.histories = new LeaderHistories(client);
    this.prefixes = new WeekPrefixes(client);
    this.edges = new EdgeRows(client, queries);
    this.live = new LiveResults(client);
  }

  /**
   * Turns the triggers' marks (schema-triggers.ts) into `stale` flags on the counted weeks they
   * name, and deletes them, in one write transaction: to call before reading which weeks are fresh.
   * The edges of those weeks and of the week on either side go (edges.ts: an edge reads two days
   * beyond its week). Each table marked gets a new 'recent' token for the organisation (live.ts).
   */
  fold(): void {
    const top = this.client.prepare('SELECT MAX(id) FROM scorecard_rollup_marks').pluck().get() as number | null;
    if (top === null) return;
    this.client
      .transaction(() => {
        const marks = this.client.prepare('SELECT DISTINCT org_id, lo, hi, source FROM scorecard_rollup_marks WHERE id <= ?').all(top) as Array<{
          org_id: string | null;
          lo: string;
          hi: string;
          source: string | null;
        }>;
        const stale = this.client.prepare(
          "UPDATE scorecard_rollups SET stale = 1 WHERE org_id = ? AND level = 'week' AND key = '' AND week BETWEEN ? AND ? AND stale = 0",
        );
        const edges = this.client.prepare('DELETE FROM scorecard_rollup_edges WHERE org_id = ? AND week BETWEEN ? AND ?');
        for (const m of marks) {
          stale.run(m.org_id, m.lo, m.hi);
          edges.run(m.org_id, widen(m.lo, -7), widen(m.hi, 7));
        }
        // One new token per organisation and table marked, however many weeks the marks name.
        const changed = new Map<string, [string, string | null]>();
        for (const m of marks) if (m.org_id !== null) changed.set(`${m.org_id}\u0000${m.source ?? ''}`, [m.org_id, m.source]);
        for (const [orgId, table] of changed.values()) this.live.changed(orgId, table);
        this.client.prepare('DELETE FROM scorecard_rollup_marks WHERE id <= ?').run(top);
      })
      .immediate();
  }

  /** The Mondays in [firstMonday, lastMonday] whose week is missing or stale, newest first. */
  private due(orgId: string, defaultZone: string, firstMonday: string, lastMonday: string, maxWeeks: number): string[] {
    this.fold();
    if (firstMonday > lastMonday) return [];
    const fresh = new Set(
      this.client
        .prepare(`SELECT week FROM scorecard_rollups WHERE org_id = ? AND level = 'week' AND key = '' AND week BETWEEN ? AND ? AND stale = 0 AND zone = ?`)
        .pluck()
        .all(orgId, firstMonday, lastMonday, defaultZone) as string[],
    );
    const out: string[] = [];
    for (let monday = lastMonday; monday >= firstMonday && out.length < maxWeeks; monday = addDays(monday, -7)) if (!fresh.has(monday)) out.push(monday);
    return out;
  }

  private countOne(orgId: string, defaultZone: string, nowMs: number, monday: string): void {
    // IMMEDIATE: the week's reads and its rows are one step no other writer can come between.
    this.client.transaction(() => this.countWeek(orgId, defaultZone, nowMs, monday)).immediate();
  }

  /** Counts the weeks in [firstMonday, lastMonday] that are missing or stale (the caller passes sealed weeks only). */
  refresh(orgId: string, defaultZone: string, nowMs: number, firstMonday: string, lastMonday: string, maxWeeks = Infinity): number {
    const due = this.due(orgId, defaultZone, firstMonday, lastMonday, maxWeeks);
    for (const monday of due) this.countOne(orgId, defaultZone, nowMs, monday);
    return due.length;
  }

  /**
   * The same, letting the event loop run between weeks (the scheduler's pass); stops when the
   * connection closes meanwhile. Reads count synchronously: what they count is what they then read.
   */
  async refreshYielding(orgId: string, defaultZone: string, nowMs: number, firstMonday: string, lastMonday: string, maxWeeks = Infinity): Promise<number> {
    const due = this.due(orgId, defaultZone, firstMonday, lastMonday, maxWeeks);
    for (const [i, monday] of due.entries()) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      if (!this.client.open) return i;
      this.countOne(orgId, defaultZone, nowMs, monday);
    }
    return due.length;
  }

  /** Forgets an organisation's rollups (they are counted again as they are read). */
  forget(orgId: string): void {
    this.client.prepare('DELETE FROM scorecard_rollups WHERE org_id = ?').run(orgId);
    this.client.prepare('DELETE FROM scorecard_rollup_edges WHERE org_id = ?').run(orgId);
  }

  /** Every leader of the organisation (what a week or an edge is counted for). */
  leaders(orgId: string, defaultZone: string): ScoredLeader[] {
    return this.queries.run('leaders', { org: orgId, site: null, person: null, defaultZone }) as unknown as ScoredLeader[];
  }

  private countWeek(orgId: string, defaultZone: string, nowMs: number, monday: string): void {
    this.clear(orgId, monday);
    const leaders = this.leaders(orgId, defaultZone);
    const base: PeriodQuery = {
      orgId,
      scope: { kind: 'all' },
      defaultZone,
      from: monday,
      to: addDays(monday, 6),
      nowMs,
      zones: zonesOf(leaders),
    };
    const written = new Map<string, WeekEntry>();
    const write = (level: string, key: string, values: Partial<LeaderWeek> & { wins_shared?: number }) => {
      if (level === 'leader') written.set(key, { streak: values.streak ?? '', responses: values.responses ?? null });
      this.insert.run({ ...ZERO, wins_shared: 0, ...values, org: orgId, level, key, week: monday, zone: level === 'week' ? defaultZone : null });
    };
    if (leaders.length > 0) this.countLeaders(segmentQuery(base, base.from, base.to), leaders, write);
    write('week', '', {});
    this.histories.replaceWeek(orgId, monday, written);
    this.prefixes.changed(orgId);
  }

  private countLeaders(
    q: PeriodQuery,
    leaders: ScoredLeader[],
    write: (level: string, key: string, values: Partial<LeaderWeek> & { wins_shared?: number }) => void,
  ): void {
    const params = queryParams(q);
    const byLeader = new Map<string, LeaderWeek>(leaders.map((l) => [l.id, { ...ZERO }]));
    const groups = new Map<string, { wins: number; follow_ups_on_time: number; follow_ups_due: number; follow_ups_overdue: number; wins_shared: number }>();
    const group = (key: string) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { wins: 0, follow_ups_on_time: 0, follow_ups_due: 0, follow_ups_overdue: 0, wins_shared: 0 }));
      return g;
    };
    const leader = (id: unknown) => byLeader.get(String(id));
    for (const r of this.queries.run('calendar', params)) {
      const l = leader(r.personId);
      if (!l) continue;
      l.owed_days = Number(r.owedDays);
      l.meetings_yes = Number(r.meetingsYes);
      l.meetings_due = Number(r.meetingsDue);
      l.walk_done = Number(r.walkWeeksDone);
      l.walk_due = Number(r.walkWeeksDue);
      // The streak's character for this week (STREAKS_SQL): weeks owing no day are not in it.
      l.streak = l.owed_days > 0 ? (l.walk_done > 0 ? '1' : '0') : '';
    }
    for (const r of this.queries.run('lateWeek', params)) {
      const l = leader(r.personId);
      if (l && !r.walked) l.streak = '';
    }
    for (const r of this.queries.run('winsNear', params)) {
      if (r.level === 'leader') leader(r.personId)!.wins = Number(r.wins);
      else group(r.level === 'site' ? String(r.siteKey) : '').wins = Number(r.wins);
    }
    for (const r of this.queries.run('followUps', params)) {
      const target = r.level === 'leader' ? leader(r.personId)! : group(r.level === 'site' ? String(r.siteKey) : '');
      target.follow_ups_on_time = Number(r.followUpsOnTime);
      target.follow_ups_due = Number(r.followUpsDue);
      target.follow_ups_overdue = Number(r.followUpsOverdue);
    }
    for (const r of this.queries.run('prompts', params)) {
      const l = leader(r.personId)!;
      l.prompts_in_time = Number(r.promptsAnsweredInTime);
      l.prompts_counted = Number(r.promptsCounted);
    }
    const responses = new Map<string, number[]>();
    for (const r of this.queries.run('responses', params)) {
      const id = String(r.personId);
      responses.set(id, [...(responses.get(id) ?? []), Number(r.ms)]);
    }
    for (const [id, ms] of responses) leader(id)!.responses = Buffer.from(Float64Array.from(ms).buffer);
    const custom = new Map<string, Array<[number, number, number]>>();
    for (const f of customFacts(this.client, q, leaders)) custom.set(f.personId, [...(custom.get(f.personId) ?? []), [f.promptId, f.done, f.due]]);
    for (const [id, lines] of custom) leader(id)!.custom = JSON.stringify(lines);
    const basis = basisOf(this.client, q.orgId);
    for (const [id, l] of byLeader) l.leader_index = weekIndex(factsOf(l), custom.get(id) ?? [], basis);
    for (const [key, shared] of this.sharedWithWeekBefore(q)) group(key).wins_shared = shared;

    for (const [id, values] of byLeader) if (!isEmpty(values)) write('leader', id, values);
    for (const [key, values] of leaderSums(leaders, byLeader)) write('sums', key, values);
    for (const [key, values] of groups) write(key === '' ? 'org' : 'site', key, values);
  }

  /**
   * Wins counted both in this week and the week before, per site and for the organisation: a win
   * crediting leaders in different zones can fall on Sunday for one and Monday for another. Such a
   * win falls within two days of the Monday on either side (zones are at most 26 h apart), so it is
   * in both windows: shared = wins(S1) + wins(S2) − wins(S1 ∪ S2).
   */
  private sharedWithWeekBefore(q: PeriodQuery): Map<string, number> {
    return sharedAcross(this.queries, q, q.from, addDays(q.from, -2), addDays(q.from, 1));
  }
}

/** Wins counted in both [left, boundary − 1] and [boundary, right] (at most two days each side), per site key and '' for the scope. */
export function sharedAcross(queries: Pick<ScorecardQueries, 'run'>, q: PeriodQuery, boundary: string, left: string, right: string): Map<string, number> {
  return sharedOf(queries.run('winsShared', sharedParams(q, boundary, left, right)));
}

/** The same with `run` running WINS_SHARED_SQL (in a worker thread, for a scorecard). */
export async function sharedAcrossAsync(
  run: (params: Params) => Promise<Row[]>,
  q: PeriodQuery,
  boundary: string,
  left: string,
  right: string,
): Promise<Map<string, number>> {
  return sharedOf(await run(sharedParams(q, boundary, left, right)));
}

/** WINS_SHARED_SQL's parameters: the days [left, right], split where each zone's boundary day starts. */
function sharedParams(q: PeriodQuery, boundary: string, left: string, right: string): Params {
  const mids = segmentQuery(q, boundary, right).zones.map((z) => ({ zone: z.zone, ms: z.startMs }));
  return { ...queryParams({ ...segmentQuery(q, left, right), totals: true }), mids: JSON.stringify(mids) };
}

function sharedOf(rows: Row[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of distinctWins(rows)) if (n !== 0) out.set(key, n);
  return out;
}

/**
 * Per site key and for the organisation (''), the leaders' counts of the week summed, with the sum
 * and number of their indexes: a weekly trend's point without a row per leader (trend.ts). Their
 * wins and follow-ups are not needed there (the distinct counts of the site and org rows are).
 */
function leaderSums(leaders: ScoredLeader[], byLeader: Map<string, LeaderWeek>): Map<string, Partial<LeaderWeek>> {
  const out = new Map<string, Partial<LeaderWeek> & { leader_index: number; index_count: number }>();
  const fields = ['owed_days', 'meetings_yes', 'meetings_due', 'walk_done', 'walk_due', 'prompts_in_time', 'prompts_counted'] as const;
  for (const l of leaders) {
    const v = byLeader.get(l.id)!;
    for (const key of [String(l.siteId ?? 0), '']) {
      let sum = out.get(key);
      if (!sum) out.set(key, (sum = { leader_index: 0, index_count: 0 }));
      for (const f of fields) sum[f] = (sum[f] ?? 0) + v[f];
      if (v.leader_index !== null) {
        sum.leader_index += v.leader_index;
        sum.index_count++;
      }
    }
  }
  return out;
}

const factsOf = (l: LeaderWeek) => ({
  owedDays: l.owed_days,
  meetingsYes: l.meetings_yes,
  meetingsDue: l.meetings_due,
  walkWeeksDone: l.walk_done,
  walkWeeksDue: l.walk_due,
  wins: l.wins,
  followUpsOnTime: l.follow_ups_on_time,
  followUpsDue: l.follow_ups_due,
  followUpsOverdue: l.follow_ups_overdue,
  promptsAnsweredInTime: l.prompts_in_time,
  promptsCounted: l.prompts_counted,
});

function isEmpty(v: LeaderWeek): boolean {
  return (
    v.responses === null &&
    v.custom === null &&
    v.streak === '' &&
    COLUMNS.every(
      (c) =>
        c === 'streak' ||
        c === 'responses' ||
        c === 'custom' ||
        c === 'wins_shared' ||
        c === 'leader_index' ||
        c === 'index_count' ||
        (v as unknown as Record<string, unknown>)[c] === 0,
    )
  );
}
