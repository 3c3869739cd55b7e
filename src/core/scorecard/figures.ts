// The index and parts of one scorecard subject (the organisation, a site or a leader) for many
// periods at once — a trend's points — with exactly buildScorecard's arithmetic (a group's index is
// the mean of its leaders' indexes; its counts are the leaders' sums with distinct items once), from
// one batch of the store's counts instead of a whole scorecard per point.
import type { CoreDeps } from '../deps';
import { effectiveWeights, indexOf, meanIndex, partsOf, type Parts, roundHalfUp, sumFacts } from './arithmetic';
import { queryFor, scopeOf, subjectOf } from './build';
import { customLines, customTerms } from './custom-lines';
import type { Period } from './period';
import type { CustomFact, PeriodFacts, PeriodQuery, WeekTotals } from './repo';
import type { ScorecardTarget } from './types';

export interface PeriodFigures {
  index: number | null;
  parts: Parts;
}

const NOTHING = { wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 };

export async function periodFigures(
  deps: CoreDeps,
  orgId: string,
  target: ScorecardTarget,
  periods: Period[],
): Promise<{ subject: string; figures: Array<PeriodFigures | null> }> {
  const { store } = deps;
  const repo = store.scorecard;
  const scope = scopeOf(target);
  const nowMs = deps.clock.now();
  const [org, leaders, definitions] = await Promise.all([
    store.orgs.get(orgId),
    repo.leaders(orgId, scope, deps.settings.defaultTimeZone),
    store.customPrompts.list(orgId, { includeRetired: true }),
  ]);
  const weights = effectiveWeights(org?.settings.weights);
  const zones = [...new Set(leaders.map((l) => l.zone))];
  const queries = periods.map((period) => queryFor(deps, orgId, scope, period, zones, nowMs));
  // A site's or the organisation's whole past weeks: totals the store keeps (no row per leader).
  const totals = target.kind !== 'leader' && repo.weekTotals ? await repo.weekTotals(queries, { weights, definitions }) : null;
  const rest = queries.filter((_, i) => !totals?.[i]);
  const many = async (list: PeriodQuery[]): Promise<Array<{ facts: PeriodFacts; custom: CustomFact[] }>> =>
    list.length === 0
      ? []
      : repo.manyPeriods
        ? await repo.manyPeriods(list)
        : await Promise.all(list.map(async (q) => ({ facts: await repo.periodFacts(q), custom: await repo.customFacts(q) })));
  const counted = (await many(rest)).map(figuresOf);
  const figures = queries.map((_, i) => {
    const t = totals?.[i];
    return t ? fromTotals(t) : counted.shift()!;
  });
  return { subject: await subjectOf(deps, { orgId, target, period: periods[0]! }, leaders, org?.name), figures };

  function figuresOf({ facts, custom }: { facts: PeriodFacts; custom: CustomFact[] }): PeriodFigures | null {
    const factsOf = new Map(facts.leaders.map(({ personId, ...f }) => [personId, f]));
    const customOf = new Map<string, CustomFact[]>();
    for (const f of custom) customOf.set(f.personId, [...(customOf.get(f.personId) ?? []), f]);
    const members = leaders.map((l) => {
      const f = factsOf.get(l.id) ?? sumFacts([]);
      return { facts: f, index: indexOf(partsOf(f), weights, customTerms(customLines(definitions, customOf.get(l.id) ?? []))) };
    });
    if (target.kind === 'leader') return members[0] ? { index: members[0].index, parts: partsOf(members[0].facts) } : null;
    const distinct = target.kind === 'site' ? (facts.sites.find((s) => s.siteId === target.siteId) ?? NOTHING) : facts.all;
    const { siteId: _site, ...counts } = { siteId: null, ...distinct };
    return { index: meanIndex(members.map((m) => m.index)), parts: partsOf({ ...sumFacts(members.map((m) => m.facts)), ...counts }) };
  }
}

/** The same figures from a week's totals: meanIndex is the rounded mean of the known indexes. */
function fromTotals(t: WeekTotals): PeriodFigures {
  return { index: t.indexCount > 0 ? roundHalfUp(t.indexSum, t.indexCount) : null, parts: partsOf({ ...t.facts, ...t.distinct }) };
}
