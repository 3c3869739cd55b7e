// Scorecard figures from the weekly rollups on PostgreSQL: a period's whole sealed weeks are summed
// from their rows (sql.ts), the days before and after them (head, tail: planOf) run through the raw
// statements, and the parts combine exactly:
// - every per-leader count is a sum over days; follow-ups overdue, a snapshot at the period's end,
//   is the tail's when there is one (it does not depend on where the period starts), else the last
//   week's;
// - a site's or the organisation's wins count each win once: a win crediting leaders in zones a day
//   or two apart can fall in two neighbouring parts, so the wins shared across each boundary go
//   once (stored per week for the week before, sharedWins for the head's and the tail's);
// - medians are pooled from the response times themselves (stored per leader and week).
// Streaks stay on the raw path.
import type { CustomFact, DistinctCounts, LeaderFacts, PeriodFacts, PeriodQuery, ResponseMedians, ScoredLeader } from '../../../core/scorecard/repo';
import { type EdgePart, inZones, type Plan, planOf, SiteTotals, sharedWindow } from '../../rollups-shared/plan';
import { emptyDistinct, emptyFacts } from '../../shared/scorecard-rows';
import type { Query } from '../db';
import { queryParams } from '../scorecard-bind';
import { CUSTOM_SQL } from '../scorecard-sql-history';
import { type PgRollupRefresher, runOn, sharedWins } from './refresh';
import { GROUP_SUMS_SQL, LEADER_DETAIL_SQL, LEADER_SUMS_SQL, RESPONSES_SQL } from './sql';

/** The raw path's period figures (the repo's own statements). */
export type RawFacts = (q: PeriodQuery) => Promise<PeriodFacts>;

const PARTS: EdgePart[] = ['head', 'tail'];

const addCounts = (a: DistinctCounts, b: DistinctCounts) => {
  a.wins += b.wins;
  a.followUpsOnTime += b.followUpsOnTime;
  a.followUpsDue += b.followUpsDue;
};

/** The median as percentile_cont(0.5) gives it (the mean of the two middle values of an even count), rounded. */
function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

export class PgRollupReader {
  constructor(
    private readonly query: Query,
    private readonly refresher: PgRollupRefresher,
    private readonly raw: RawFacts,
    /** Stale or missing weeks a read counts itself; with more it runs the raw statements (the scheduler's passes count them). */
    private readonly inlineWeeks: number,
  ) {}

  /** The plan of a period with whole sealed weeks, those weeks counted; null: all raw. */
  private async ready(q: PeriodQuery): Promise<Plan | null> {
    const plan = planOf(q);
    if (!plan) return null;
    return (await this.refresher.counted(q.orgId, q.defaultZone, q.nowMs, plan.first, plan.last, this.inlineWeeks)) ? plan : null;
  }

  async periodFacts(q: PeriodQuery, leaders: ScoredLeader[]): Promise<PeriodFacts | null> {
    const plan = await this.ready(q);
    if (!plan) return null;
    const totals = q.totals !== false;
    const [weeks, groups, head, tail, ...shares] = await Promise.all([
      this.query<LeaderFacts & Record<string, unknown>>(LEADER_SUMS_SQL, [q.orgId, plan.first, plan.last]),
      totals ? this.query<DistinctCounts & { level: string; key: string } & Record<string, unknown>>(GROUP_SUMS_SQL, [q.orgId, plan.first, plan.last]) : [],
      plan.head && this.raw(plan.head),
      plan.tail && this.raw(plan.tail),
      ...PARTS.flatMap((part) => {
        const days = plan[part];
        if (!days || !totals) return [];
        const [boundary, left, right] = sharedWindow(part, days.from, days.to);
        return [sharedWins(this.query, q, boundary, left, right)];
      }),
    ]);
    const summed = new Map(weeks.map((w) => [w.personId, w]));
    const byLeader = new Map<string, LeaderFacts>();
    for (const l of inZones(q, leaders)) byLeader.set(l.id, { ...emptyFacts(), ...summed.get(l.id), personId: l.id });
    for (const part of [head, tail]) {
      for (const f of part ? part.leaders : []) {
        const sum = byLeader.get(f.personId);
        if (!sum) continue;
        for (const k of Object.keys(f) as Array<keyof LeaderFacts>) if (k !== 'personId' && k !== 'followUpsOverdue') (sum[k] as number) += f[k] as number;
      }
    }
    if (tail) for (const sum of byLeader.values()) sum.followUpsOverdue = tail.leaders.find((f) => f.personId === sum.personId)?.followUpsOverdue ?? 0;
    const result: PeriodFacts = { leaders: [...byLeader.values()], sites: [], all: emptyDistinct() };
    if (!totals) return result;

    const siteKey = q.scope.kind === 'site' ? String(q.scope.siteId) : null;
    const groupTotals = new SiteTotals();
    const { sites, all } = groupTotals;
    const site = (key: string) => groupTotals.site(key);
    for (const { level, key, ...counts } of groups) {
      if (level === 'site' && (siteKey === null || key === siteKey)) Object.assign(site(key), counts);
      if ((level === 'org' && siteKey === null) || (level === 'site' && key === siteKey)) Object.assign(all, counts);
    }
    if (tail) {
      for (const s of [...sites.values(), all]) s.followUpsOverdue = 0;
      for (const t of tail.sites) site(String(t.siteId ?? 0)).followUpsOverdue = t.followUpsOverdue;
      all.followUpsOverdue = tail.all.followUpsOverdue;
    }
    for (const part of [head, tail]) {
      if (!part) continue;
      for (const s of part.sites) addCounts(site(String(s.siteId ?? 0)), s);
      addCounts(all, part.all);
    }
    groupTotals.takeShared(shares);
    result.sites = groupTotals.siteList();
    result.all = all;
    return result;
  }

  async customFacts(q: PeriodQuery, leaders: ScoredLeader[]): Promise<CustomFact[] | null> {
    const plan = await this.ready(q);
    if (!plan) return null;
    const scored = new Set(inZones(q, leaders).map((l) => l.id));
    const facts = new Map<string, CustomFact>();
    const add = (personId: string, promptId: number, done: number, due: number) => {
      const key = `${personId}\u0000${promptId}`;
      const f = facts.get(key) ?? { personId, promptId, done: 0, due: 0 };
      f.done += done;
      f.due += due;
      facts.set(key, f);
    };
    const [detail, ...edges] = await Promise.all([
      this.query<{ personId: string; custom: string | null }>(LEADER_DETAIL_SQL, [q.orgId, plan.first, plan.last]),
      ...PARTS.map((part) => (plan[part] ? runOn(this.query, CUSTOM_SQL, queryParams(plan[part])) : [])),
    ]);
    for (const row of detail) {
      if (!row.custom || !scored.has(row.personId)) continue;
      for (const [promptId, done, due] of JSON.parse(row.custom) as Array<[number, number, number]>) add(row.personId, promptId, done, due);
    }
    for (const rows of edges) for (const r of rows) add(String(r.personId), Number(r.promptId), Number(r.done), Number(r.due));
    return [...facts.values()];
  }

  async responseMedians(q: PeriodQuery, leaders: ScoredLeader[]): Promise<ResponseMedians | null> {
    const plan = await this.ready(q);
    if (!plan) return null;
    const scored = inZones(q, leaders);
    const values = new Map<string, number[]>(scored.map((l) => [l.id, []]));
    const [detail, ...edges] = await Promise.all([
      this.query<{ personId: string; responses: string | null }>(LEADER_DETAIL_SQL, [q.orgId, plan.first, plan.last]),
      ...PARTS.map((part) => (plan[part] ? runOn(this.query, RESPONSES_SQL, queryParams(plan[part])) : [])),
    ]);
    for (const row of detail) {
      const list = values.get(row.personId);
      if (list && row.responses) list.push(...new Float64Array(Uint8Array.from(Buffer.from(row.responses, 'hex')).buffer));
    }
    for (const rows of edges) for (const r of rows) values.get(String(r.personId))?.push(Number(r.ms));
    const result: ResponseMedians = { byLeader: [], bySite: [], overall: null };
    const bySite = new Map<number, number[]>();
    const everyone: number[] = [];
    for (const l of scored) {
      const list = values.get(l.id)!;
      if (list.length === 0) continue;
      result.byLeader.push({ personId: l.id, medianMs: median(list) });
      const key = l.siteId ?? 0;
      bySite.set(key, [...(bySite.get(key) ?? []), ...list]);
      everyone.push(...list);
    }
    result.bySite = [...bySite].map(([key, list]) => ({ siteId: key === 0 ? null : key, medianMs: median(list) }));
    result.overall = everyone.length ? median(everyone) : null;
    return result;
  }
}
