// Builds a scorecard from the store's aggregates: parts, index, trend, and the site and
// organisation totals. Totals count each item once (a follow-up or win that concerns two leaders
// is in both their lines but once in the total); their index is the mean of the leader indexes.
import type { CoreDeps } from '../deps';
import { effectiveWeights, indexOf, meanIndex, partsOf, sumFacts, trendOf } from './arithmetic';
import { customLines, customTerms, sumCustomLines } from './custom-lines';
import { previousPeriod, zoneWindow, type Period } from './period';
import type { CustomFact, DistinctCounts, LeaderFacts, LeaderScope, PeriodQuery, ScoredLeader } from './repo';
import type { Facts, GroupCard, LeaderCard, Scorecard, ScorecardRequest, ScorecardTarget } from './types';

const NO_SITE = 'No site';
const NOTHING_DISTINCT: DistinctCounts = { wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 };

export function scopeOf(target: ScorecardTarget): LeaderScope {
  if (target.kind === 'leader') return { kind: 'leader', personId: target.personId };
  if (target.kind === 'site') return { kind: 'site', siteId: target.siteId };
  return { kind: 'all' };
}

export function queryFor(deps: CoreDeps, orgId: string, scope: LeaderScope, period: Period, zones: string[], nowMs: number): PeriodQuery {
  const fallback = deps.settings.defaultTimeZone;
  return {
    orgId,
    scope,
    defaultZone: fallback,
    from: period.from,
    to: period.to,
    nowMs,
    zones: zones.map((zone) => zoneWindow(period, zone, nowMs, fallback)),
  };
}

function byPerson(facts: CustomFact[]): Map<string, CustomFact[]> {
  const map = new Map<string, CustomFact[]>();
  for (const f of facts) map.set(f.personId, [...(map.get(f.personId) ?? []), f]);
  return map;
}

function withoutId({ personId: _id, ...facts }: LeaderFacts): Facts {
  return facts;
}

export async function buildScorecard(deps: CoreDeps, request: ScorecardRequest): Promise<Scorecard> {
  const { store } = deps;
  const repo = store.scorecard;
  const nowMs = deps.clock.now();
  const org = await store.orgs.get(request.orgId);
  const weights = effectiveWeights(org?.settings.weights);
  const scope = scopeOf(request.target);
  const leaders = await repo.leaders(request.orgId, scope, deps.settings.defaultTimeZone);
  // One window per zone: every leader in a zone shares the period's instants.
  const zones = [...new Set(leaders.map((l) => l.zone))];
  const previous = previousPeriod(request.period);
  const current = queryFor(deps, request.orgId, scope, request.period, zones, nowMs);
  // The previous period only gives the leaders' indexes (a total's index is their mean).
  const before = { ...queryFor(deps, request.orgId, scope, previous, zones, nowMs), totals: false };
  const [facts, previousFacts, medians, streaks, unreachable, custom, previousCustom, definitions] = await Promise.all([
    repo.periodFacts(current),
    repo.periodFacts(before),
    repo.responseMedians(current),
    repo.streaks(current),
    repo.unreachable(request.orgId, scope, 50),
    repo.customFacts(current),
    repo.customFacts(before),
    store.customPrompts.list(request.orgId, { includeRetired: true }),
  ]);
  const customOf = byPerson(custom);
  const previousCustomOf = byPerson(previousCustom);

  const factsOf = new Map(facts.leaders.map((f) => [f.personId, withoutId(f)]));
  const previousOf = new Map(previousFacts.leaders.map((f) => [f.personId, withoutId(f)]));
  const siteDistinct = new Map(facts.sites.map(({ siteId, ...counts }) => [siteId, counts]));
  const medianOf = new Map(medians.byLeader.map((m) => [m.personId, m.medianMs]));
  const streakOf = new Map(streaks.map((s) => [s.personId, s]));
  const cards = leaders.map((leader): LeaderCard => {
    const f = factsOf.get(leader.id) ?? sumFacts([]);
    const lines = customLines(definitions, customOf.get(leader.id) ?? []);
    const index = indexOf(partsOf(f), weights, customTerms(lines));
    const previousLines = customLines(definitions, previousCustomOf.get(leader.id) ?? []);
    const previousIndex = indexOf(partsOf(previousOf.get(leader.id) ?? sumFacts([])), weights, customTerms(previousLines));
    // Object.assign, not a spread with more properties after it: on Node 20 that literal took
    // 15 µs a leader (7–11 ms for 500, the most of an organisation scorecard's main-thread time).
    return Object.assign({}, leader, {
      facts: f,
      parts: partsOf(f),
      custom: lines,
      medianResponseMs: medianOf.get(leader.id) ?? null,
      index,
      previousIndex,
      trend: trendOf(index, previousIndex),
      streak: streakOf.get(leader.id)?.current ?? 0,
      bestStreak: streakOf.get(leader.id)?.best ?? 0,
    });
  });

  const siteMedian = new Map(medians.bySite.map((m) => [m.siteId, m.medianMs]));
  let sites: GroupCard[] = [];
  let orgCard: GroupCard | null = null;
  if (request.target.kind !== 'leader') {
    const bySite = new Map<number | null, LeaderCard[]>();
    if (request.target.kind === 'site') bySite.set(request.target.siteId, []);
    for (const card of cards) bySite.set(card.siteId, [...(bySite.get(card.siteId) ?? []), card]);
    const siteName = async (id: number | null) =>
      id === null ? NO_SITE : (cards.find((c) => c.siteId === id)?.siteName ?? (await store.sites.get(request.orgId, id))?.name ?? `site ${id}`);
    for (const [id, members] of bySite) {
      sites.push(group('site', id, await siteName(id), members, siteDistinct.get(id) ?? NOTHING_DISTINCT, siteMedian.get(id) ?? null));
    }
    sites = sites.sort((a, b) => (a.siteId === null ? 1 : b.siteId === null ? -1 : a.name.localeCompare(b.name)));
    if (request.target.kind === 'all') {
      orgCard = group('org', null, org?.name ?? request.orgId, cards, facts.all, medians.overall);
    }
  }

  return {
    orgId: request.orgId,
    target: request.target,
    subject: await subjectOf(deps, request, leaders, org?.name),
    period: request.period,
    previous,
    asOf: nowMs,
    weights,
    leaders: cards,
    sites,
    org: orgCard,
    unreachable,
  };
}

/**
 * The index alone of a leader group for a period — the mean of its leaders' indexes, as
 * buildScorecard's organisation or site index — from one facts query: no trend, medians or
 * streaks (the evidence pack's month-by-month trend needs twelve of these).
 */
export async function buildPeriodIndex(deps: CoreDeps, request: ScorecardRequest): Promise<{ index: number | null; leaders: number }> {
  const { store } = deps;
  const org = await store.orgs.get(request.orgId);
  const weights = effectiveWeights(org?.settings.weights);
  const scope = scopeOf(request.target);
  const leaders = await store.scorecard.leaders(request.orgId, scope, deps.settings.defaultTimeZone);
  const zones = [...new Set(leaders.map((l) => l.zone))];
  const query = { ...queryFor(deps, request.orgId, scope, request.period, zones, deps.clock.now()), totals: false };
  const [facts, custom, definitions] = await Promise.all([
    store.scorecard.periodFacts(query),
    store.scorecard.customFacts(query),
    store.customPrompts.list(request.orgId, { includeRetired: true }),
  ]);
  const factsOf = new Map(facts.leaders.map((f) => [f.personId, withoutId(f)]));
  const customOf = byPerson(custom);
  const indexes = leaders.map((l) =>
    indexOf(partsOf(factsOf.get(l.id) ?? sumFacts([])), weights, customTerms(customLines(definitions, customOf.get(l.id) ?? []))),
  );
  return { index: meanIndex(indexes), leaders: leaders.length };
}

function group(
  level: 'site' | 'org',
  siteId: number | null,
  name: string,
  members: LeaderCard[],
  distinct: DistinctCounts,
  medianResponseMs: number | null,
): GroupCard {
  // Meetings, walk weeks and prompts each concern one leader: their sums count each item once.
  const facts = { ...sumFacts(members.map((m) => m.facts)), ...distinct };
  const index = meanIndex(members.map((m) => m.index));
  const previousIndex = meanIndex(members.map((m) => m.previousIndex));
  return {
    level,
    siteId,
    name,
    leaderCount: members.length,
    facts,
    parts: partsOf(facts),
    custom: sumCustomLines(members.map((m) => m.custom)),
    medianResponseMs,
    index,
    previousIndex,
    trend: trendOf(index, previousIndex),
  };
}

export async function subjectOf(deps: CoreDeps, request: ScorecardRequest, leaders: ScoredLeader[], orgName?: string): Promise<string> {
  const { target } = request;
  if (target.kind === 'leader') return leaders[0]?.displayName ?? target.personId;
  if (target.kind === 'site') {
    const site = await deps.store.sites.get(request.orgId, target.siteId);
    return `site ${site?.name ?? target.siteId}`;
  }
  return `all leaders of ${orgName ?? request.orgId}`;
}
