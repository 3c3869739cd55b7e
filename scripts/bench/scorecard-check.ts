// Before timing anything, the scorecard benchmark checks that the store's figures and the
// hand-written SQL's agree for every leader, site and the organisation: a fast answer that is
// wrong must not be reported.
import type { GeneratedOrg } from './generate-org';
import type { BaselineResult } from './scorecard-baseline';
import { baselineParams, queriesFor, type BenchCore, type Scenario } from './scorecard-setup';

type Runner = (current: ReturnType<typeof baselineParams>, previous: ReturnType<typeof baselineParams>) => BaselineResult;

const FACTS = [
  'owedDays',
  'meetingsYes',
  'meetingsDue',
  'walkWeeksDone',
  'walkWeeksDue',
  'wins',
  'followUpsOnTime',
  'followUpsDue',
  'followUpsOverdue',
  'promptsAnsweredInTime',
  'promptsCounted',
] as const;

function byId<T>(rows: T[], id: (row: T) => string): Map<string, T> {
  return new Map(rows.map((r) => [id(r), r]));
}

function compare(what: string, expected: Map<string, unknown>, actual: Map<string, unknown>): void {
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  for (const key of keys) {
    const a = JSON.stringify(expected.get(key) ?? null);
    const b = JSON.stringify(actual.get(key) ?? null);
    if (a !== b) throw new Error(`${what}: ${key} differs: hand-written SQL ${a}, scorecard ${b}`);
  }
}

export async function checkAgreement(bench: BenchCore, org: GeneratedOrg, s: Scenario, baseline: Runner): Promise<void> {
  const repo = bench.store.scorecard;
  const { current, previous } = await queriesFor(bench, org, s);
  const expected = baseline(baselineParams(current), baselineParams(previous));
  const facts = (rows: Array<Record<string, unknown>>) => new Map(rows.map((r) => [String(r.personId), FACTS.map((k) => Number(r[k] ?? 0))]));
  compare(`${s.name}: facts`, facts(expected.facts), facts((await repo.periodFacts(current)).leaders as unknown as Array<Record<string, unknown>>));
  compare(
    `${s.name}: previous facts`,
    facts(expected.previousFacts),
    facts((await repo.periodFacts(previous)).leaders as unknown as Array<Record<string, unknown>>),
  );

  const medians = await repo.responseMedians(current);
  const level = (name: string) => expected.medians.filter((m) => m.level === name);
  compare(
    `${s.name}: leader medians`,
    new Map(level('leader').map((m) => [String(m.k), Math.round(m.median)])),
    new Map(medians.byLeader.map((m) => [m.personId, m.medianMs])),
  );
  compare(
    `${s.name}: site medians`,
    new Map(level('site').map((m) => [String(m.k), Math.round(m.median)])),
    new Map(medians.bySite.map((m) => [String(m.siteId), m.medianMs])),
  );
  const overall = level('org')[0];
  compare(`${s.name}: overall median`, new Map([['org', overall ? Math.round(overall.median) : null]]), new Map([['org', medians.overall]]));

  const streaks = await repo.streaks(current);
  compare(
    `${s.name}: streaks`,
    byId(
      expected.streaks.map((r) => ({ id: r.personId, current: r.current, best: r.best })),
      (r) => r.id,
    ),
    byId(
      streaks.map((r) => ({ id: r.personId, current: r.current, best: r.best })),
      (r) => r.id,
    ),
  );
}
