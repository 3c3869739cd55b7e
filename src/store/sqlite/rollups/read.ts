// Scorecard figures from the weekly rollups: a period is cut into its whole sealed weeks (from the
// running totals, prefix.ts: the totals through the last week minus those before the first) and the
// days around them (head: before the first whole week; tail: after the last sealed one, up to the
// period's end): in a sealed week from their stored edge row (edges.ts, counted once for the
// organisation), after the last sealed week through the raw statements. The parts combine
// exactly: every count is a sum over days, except
// - follow-ups overdue, a snapshot at the period's end: the last whole week's, changed by the tail's
//   follow-ups (rollups/edge-sql.ts);
// - distinct wins of a site or the organisation: a win crediting leaders in different zones can
//   fall in two neighbouring parts, so the wins shared across each boundary are taken off once;
// - medians: pooled from the response times themselves (each leader's history row: history.ts);
// - streaks: the weeks' characters in order, from each leader's history row, then the raw tail.
import type Database from 'better-sqlite3';
import type { CustomFact, DistinctCounts, LeaderFacts, PeriodFacts, PeriodQuery, ResponseMedians, ScoredLeader, Streak } from '../../../core/scorecard/repo';
import { addDays, weekStart } from '../../../core/time';
import type { Params, Row } from '../scorecard-queries';
import { weekNumber } from './history';
import { GROUP_FIELDS, LEADER_FIELDS, lastOverdue, type Prefixes, type Series, type Span, spanOf, spanSum } from './prefix';
import { type EdgeFacts, edgeIsSealed } from './edges';
import { type EdgePart, inZones, lastSealedMonday, type Plan, planOf, SiteTotals, sharedWindow, zonesOf } from '../../rollups-shared/plan';
import { historyMedians } from './medians';
import { type RollupRefresher, sharedAcrossAsync } from './refresh';
import { historyStreak } from './streaks';

/** The raw path, for the days the rollups do not cover. */
export interface RawScorecard {
  /**
   * A few days' figures ('near': a short period, all raw); an edge's follow-ups overdue: the tail's
   * change since the last week's snapshot (edge-sql.ts), the head's not wanted.
   */
  periodFacts(q: PeriodQuery, edge: 'head' | 'tail' | 'near'): Promise<PeriodFacts>;
  responses(q: PeriodQuery): Promise<Row[]>;
  streakRows(q: PeriodQuery, histFrom: string): Promise<Array<{ personId: string; weeks: string | null }>>;
  customFacts(q: PeriodQuery): Promise<CustomFact[]>;
  /** WINS_SHARED_SQL with these parameters for the query's organisation and scope (in a worker thread when there are workers). */
  winsShared(params: Params, q: PeriodQuery): Promise<Row[]>;
}

const SCOPE_IDS = `sc AS MATERIALIZED (SELECT value AS id FROM json_each(@ids))`;

/** Per leader in scope with a walk: the Monday of their first walk (where STREAKS_SQL starts). */
const FIRST_WALKS = `
WITH ${SCOPE_IDS}
SELECT id AS personId, date(fw, '-' || (strftime('%u', fw) - 1) || ' days') AS monday FROM (
  SELECT sc.id, (SELECT w.walk_date FROM floor_walks w WHERE w.person_id = sc.id AND w.withdrawn_at IS NULL ORDER BY w.week_key LIMIT 1) AS fw FROM sc
) WHERE fw IS NOT NULL`;

type Distinct = DistinctCounts;
const add = (a: Distinct, b: Partial<Distinct>, sign = 1): void => {
  a.wins += sign * (b.wins ?? 0);
  a.followUpsOnTime += sign * (b.followUpsOnTime ?? 0);
  a.followUpsDue += sign * (b.followUpsDue ?? 0);
};

export class RollupReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly client: Database.Database,
    private readonly refresher: RollupRefresher,
    private readonly raw: RawScorecard,
  ) {}

  async periodFacts(q: PeriodQuery, leaders: ScoredLeader[]): Promise<PeriodFacts> {
    const plan = planOf(q);
    if (!plan) return this.raw.periodFacts(q, 'near');
    this.refresher.refresh(q.orgId, q.defaultZone, q.nowMs, plan.first, plan.last);
    const edges = this.sealedEdges(q, leaders, plan);
    // Wins that fall on both sides of a part's boundary (leaders in different zones) count once.
    const boundaries = (['head', 'tail'] as const).flatMap((part): Array<Map<string, number> | Promise<Map<string, number>>> => {
      const days = plan[part];
      if (!days || q.totals === false) return [];
      const stored = edges[part];
      if (stored) return [new Map(stored.shared)];
      const [boundary, left, right] = sharedWindow(part, days.from, days.to);
      return [sharedAcrossAsync((p) => this.raw.winsShared(p, q), q, boundary, left, right)];
    });
    // The edges' raw statements start first (in the workers), the whole weeks are summed meanwhile.
    const pending = Promise.all([
      plan.head && (edges.head?.facts ?? this.raw.periodFacts(plan.head, 'head')),
      plan.tail && (edges.tail?.facts ?? this.raw.periodFacts(plan.tail, 'tail')),
      Promise.all(boundaries),
    ]);
    pending.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled meanwhile
    const byLeader = new Map<string, LeaderFacts>();
    const prefixes = this.refresher.prefixes.read(q.orgId);
    const span = spanOf(prefixes, plan.first, plan.last);
    for (const l of inZones(q, leaders)) {
      const s = prefixes.leaders.get(l.id);
      byLeader.set(l.id, s ? leaderSpan(l.id, s, span) : { ...zeroFacts(), personId: l.id });
    }
    const siteKey = q.scope.kind === 'site' ? String(q.scope.siteId) : null;
    const groupRows = (level: string, key: string | null): Array<[string, Distinct]> =>
      q.totals === false
        ? []
        : [...prefixes.groups].flatMap(([name, s]) => {
            const [l, k] = [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)];
            if (l !== level || (key !== null && k !== key)) return [];
            const counts = groupSpan(prefixes, s, plan.first, plan.last);
            return counts ? [[k, counts] as [string, Distinct]] : [];
          });
    const siteRows = groupRows('site', siteKey);
    const allRows = siteKey === null ? groupRows('org', null) : groupRows('site', siteKey);
    const [head, tail, shares] = await pending;
    for (const part of [head, tail]) {
      for (const f of part?.leaders ?? []) {
        const sum = byLeader.get(f.personId);
        if (!sum) continue;
        for (const k of Object.keys(f) as Array<keyof LeaderFacts>) if (k !== 'personId' && k !== 'followUpsOverdue') (sum[k] as number) += f[k] as number;
        if (part === tail) sum.followUpsOverdue += f.followUpsOverdue;
      }
    }
    const result: PeriodFacts = { leaders: [...byLeader.values()], sites: [], all: zeroDistinct() };
    if (q.totals === false) return result;

    const totals = new SiteTotals();
    const { all } = totals;
    const site = (key: string) => totals.site(key);
    for (const [key, counts] of siteRows) Object.assign(site(key), counts);
    for (const [, counts] of allRows) Object.assign(all, counts);
    for (const part of [head, tail]) {
      if (!part) continue;
      for (const s of part.sites) add(site(String(s.siteId ?? 0)), s);
      add(all, part.all);
    }
    if (tail) {
      for (const t of tail.sites) site(String(t.siteId ?? 0)).followUpsOverdue += t.followUpsOverdue;
      all.followUpsOverdue += tail.all.followUpsOverdue;
    }
    totals.takeShared(shares);
    result.sites = totals.siteList();
    result.all = all;
    return result;
  }

  async responseMedians(q: PeriodQuery, leaders: ScoredLeader[]): Promise<ResponseMedians | null> {
    const plan = planOf(q);
    if (!plan) return null;
    this.refresher.refresh(q.orgId, q.defaultZone, q.nowMs, plan.first, plan.last);
    const stored = this.sealedEdges(q, leaders, plan);
    // The edge days not stored run in the workers meanwhile.
    const edgeRows = Promise.all((['head', 'tail'] as const).map((part) => !stored[part] && plan[part] && this.raw.responses(plan[part])));
    edgeRows.catch(() => {}); // awaited below; not "unhandled" if what comes first throws
    this.refresher.histories.ensure(q.orgId);
    const scored = inZones(q, leaders);
    const histories = this.refresher.histories.read(
      q.orgId,
      scored.map((l) => l.id),
    );
    const edges = new Map<string, number[]>();
    const pool = (personId: string, ms: number) => {
      const list = edges.get(personId);
      if (list) list.push(ms);
      else edges.set(personId, [ms]);
    };
    for (const e of [stored.head, stored.tail]) for (const [personId, ms] of e?.responses ?? []) pool(personId, ms);
    for (const rows of await edgeRows) for (const r of rows || []) pool(String(r.personId), Number(r.ms));
    return historyMedians(scored, histories, weekNumber(plan.first), weekNumber(plan.last), edges);
  }

  async streaks(q: PeriodQuery, leaders: ScoredLeader[]): Promise<Streak[] | null> {
    const sealed = lastSealedMonday(q.nowMs);
    const lastWhole = weekStart(addDays(q.to, -6));
    const last = lastWhole < sealed ? lastWhole : sealed;
    const ids = idsOf(q, leaders);
    this.refresher.fold();
    const firsts = this.refresher.live.remember(q.orgId, 'firstWalks', ids, () => this.all(FIRST_WALKS, { ids })) as Array<{
      personId: string;
      monday: string;
    }>;
    const from = firsts.reduce((m, f) => (f.monday < m ? f.monday : m), '9999');
    if (from > last) return null;
    const tailFrom = addDays(last, 7);
    // Days after the last whole sealed week: a sealed week's tail is stored (edges.ts); later weeks run
    // in the workers meanwhile (none when the period ends before).
    const storedTail = tailFrom <= q.to && weekStart(q.to) === tailFrom && edgeIsSealed(tailFrom, sealed);
    const tails = tailFrom <= q.to && !storedTail ? this.raw.streakRows(q, tailFrom) : Promise.resolve([]);
    tails.catch(() => {}); // awaited below; not "unhandled" if what comes first throws
    this.refresher.refresh(q.orgId, q.defaultZone, q.nowMs, from, last);
    this.refresher.histories.ensure(q.orgId);
    const histories = this.refresher.histories.read(
      q.orgId,
      firsts.map((f) => f.personId),
    );
    const tailOf = new Map(
      storedTail ? this.sealedEdge(q, leaders, 'tail', tailFrom, q.to).streaks : (await tails).map((r) => [r.personId, r.weeks ?? ''] as const),
    );
    const lastWeek = weekNumber(last);
    return firsts.flatMap(({ personId, monday }) => {
      const streak = historyStreak(personId, histories.get(personId), weekNumber(monday), lastWeek, tailOf.get(personId) ?? '');
      return streak ? [streak] : [];
    });
  }

  async customFacts(q: PeriodQuery, leaders: ScoredLeader[]): Promise<CustomFact[] | null> {
    const plan = planOf(q);
    if (!plan) return null;
    this.refresher.refresh(q.orgId, q.defaultZone, q.nowMs, plan.first, plan.last);
    const facts = new Map<string, CustomFact>();
    const addFact = (personId: string, promptId: number, done: number, due: number) => {
      const key = `${personId}\u0000${promptId}`;
      const f = facts.get(key) ?? { personId, promptId, done: 0, due: 0 };
      f.done += done;
      f.due += due;
      facts.set(key, f);
    };
    const prefixes = this.refresher.prefixes.read(q.orgId);
    const span = spanOf(prefixes, plan.first, plan.last);
    for (const l of inZones(q, leaders)) {
      for (const [promptId, totals] of prefixes.custom.get(l.id) ?? []) {
        if (spanSum(totals, 3, span, 2) > 0) addFact(l.id, promptId, spanSum(totals, 3, span, 0), spanSum(totals, 3, span, 1));
      }
    }
    const stored = this.sealedEdges(q, leaders, plan);
    const edges = await Promise.all((['head', 'tail'] as const).map((part) => stored[part]?.custom ?? (plan[part] && this.raw.customFacts(plan[part]))));
    for (const list of edges) for (const f of list ?? []) addFact(f.personId, f.promptId, f.done, f.due);
    return [...facts.values()];
  }

  /** The plan's edges that lie in sealed weeks, for the query's scope (edges.ts; read after refreshing). */
  private sealedEdges(q: PeriodQuery, leaders: ScoredLeader[], plan: Plan): Partial<Record<EdgePart, EdgeFacts>> {
    const sealed = lastSealedMonday(q.nowMs);
    const out: Partial<Record<EdgePart, EdgeFacts>> = {};
    for (const part of ['head', 'tail'] as const) {
      const days = plan[part];
      if (days && edgeIsSealed(days.from, sealed)) out[part] = this.sealedEdge(q, leaders, part, days.from, days.to);
    }
    return out;
  }

  private sealedEdge(q: PeriodQuery, leaders: ScoredLeader[], part: EdgePart, from: string, to: string): EdgeFacts {
    const everyone = q.scope.kind === 'all' ? leaders : this.refresher.leaders(q.orgId, q.defaultZone);
    const orgQuery: PeriodQuery = { ...q, scope: { kind: 'all' }, totals: true, zones: zonesOf(everyone) };
    return scopedEdge(this.refresher.edges.read(orgQuery, everyone, part, from, to), q, leaders);
  }

  private all(sql: string, params: Record<string, unknown>): Row[] {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.client.prepare(sql)));
    return statement.all(params) as Row[];
  }
}

function idsOf(q: PeriodQuery, leaders: ScoredLeader[]): string {
  return JSON.stringify(inZones(q, leaders).map((l) => l.id));
}

const zeroDistinct = (): Distinct => ({ wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 });
const zeroFacts = (): Omit<LeaderFacts, 'personId'> => ({
  owedDays: 0,
  meetingsYes: 0,
  meetingsDue: 0,
  walkWeeksDone: 0,
  walkWeeksDue: 0,
  wins: 0,
  followUpsOnTime: 0,
  followUpsDue: 0,
  followUpsOverdue: 0,
  promptsAnsweredInTime: 0,
  promptsCounted: 0,
});

/** A leader's whole weeks of the span, from the running totals. */
function leaderSpan(personId: string, s: Series, span: Span): LeaderFacts {
  const w = LEADER_FIELDS.length + 1;
  const sum = (field: (typeof LEADER_FIELDS)[number]) => spanSum(s.totals, w, span, LEADER_FIELDS.indexOf(field));
  return {
    personId,
    owedDays: sum('owed_days'),
    meetingsYes: sum('meetings_yes'),
    meetingsDue: sum('meetings_due'),
    walkWeeksDone: sum('walk_done'),
    walkWeeksDue: sum('walk_due'),
    wins: sum('wins'),
    followUpsOnTime: sum('follow_ups_on_time'),
    followUpsDue: sum('follow_ups_due'),
    followUpsOverdue: lastOverdue(s, span),
    promptsAnsweredInTime: sum('prompts_in_time'),
    promptsCounted: sum('prompts_counted'),
  };
}

/**
 * A site's or the organisation's distinct counts over whole weeks [first, last], or null when it has
 * no row in them: wins shared with the week before are taken off for every week but the first.
 */
function groupSpan(p: Prefixes, s: Series, first: string, last: string): Distinct | null {
  const w = GROUP_FIELDS.length + 1;
  const span = spanOf(p, first, last);
  if (spanSum(s.totals, w, span, GROUP_FIELDS.length) === 0) return null;
  const field = (name: (typeof GROUP_FIELDS)[number]) => GROUP_FIELDS.indexOf(name);
  const later = first < last ? spanOf(p, addDays(first, 7), last) : null;
  return {
    wins: spanSum(s.totals, w, span, field('wins')) - (later ? spanSum(s.totals, w, later, field('wins_shared')) : 0),
    followUpsOnTime: spanSum(s.totals, w, span, field('follow_ups_on_time')),
    followUpsDue: spanSum(s.totals, w, span, field('follow_ups_due')),
    followUpsOverdue: lastOverdue(s, span),
  };
}

/** An organisation's edge narrowed to what the raw statements return for the query's scope. */
function scopedEdge(e: EdgeFacts, q: PeriodQuery, leaders: ScoredLeader[]): EdgeFacts {
  const scored = inZones(q, leaders);
  const site = q.scope.kind === 'site' ? String(q.scope.siteId) : null;
  // Every leader of the organisation: their lists as they are (no copies).
  const everyone = q.scope.kind === 'all' && scored.length === leaders.length;
  const ids = new Set(everyone ? [] : scored.map((l) => l.id));
  const mine = <T>(list: T[], id: (item: T) => string) => (everyone ? list : list.filter((item) => ids.has(id(item))));
  const inSite = e.facts.sites.filter((s) => site === null || String(s.siteId ?? 0) === site);
  const siteAll = (): Distinct => {
    const { siteId: _, ...counts } = inSite[0] ?? { siteId: null, ...zeroDistinct() };
    return counts;
  };
  const totals = q.totals !== false;
  return {
    facts: {
      leaders: mine(e.facts.leaders, (f) => f.personId),
      sites: totals ? inSite : [],
      all: !totals ? zeroDistinct() : site === null ? e.facts.all : siteAll(),
    },
    custom: mine(e.custom, (f) => f.personId),
    responses: mine(e.responses, ([id]) => id),
    streaks: mine(e.streaks, ([id]) => id),
    shared:
      site === null
        ? e.shared
        : e.shared
            .filter(([key]) => key === site)
            .flatMap(
              ([key, n]) =>
                [
                  [key, n],
                  ['', n],
                ] as Array<[string, number]>,
            ),
  };
}
