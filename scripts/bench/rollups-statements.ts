// Where the rollup path's period figures spend their time (issue 13 §1): for each period of the
// rollups bench, the org's periodFacts and customFacts (current and previous period, as
// buildScorecard asks) and the 104-point weekly org trend, on one thread, with the time
// of every raw statement the edges run. Run on the bench's cached organisation:
//   npx tsx scripts/bench/rollups-statements.ts [--runs 5]
import { parseArgs } from 'node:util';
import { trendChart } from '../../src/core/charts/data';
import { queryFor } from '../../src/core/scorecard/build';
import { parsePeriod, previousPeriod, type Period } from '../../src/core/scorecard/period';
import type { PeriodQuery } from '../../src/core/scorecard/repo';
import { addDays, weekStart } from '../../src/core/time';
import type { SqliteScorecardRepo } from '../../src/store/sqlite/scorecard';
import type { ScorecardQueries } from '../../src/store/sqlite/scorecard-queries';
import { fmt, median } from './report';
import { benchCore, ensureOrg } from './scorecard-setup';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const org = ensureOrg({ leaders: 500, weeks: 104, seed: 1 }, console.log);
const bench = benchCore(org, false, 'all');
const repo = bench.store.scorecard as SqliteScorecardRepo;
const started = performance.now();
const counted = await repo.refreshRollups(org.orgId, org.defaultZone, org.nowMs, Number.POSITIVE_INFINITY);
console.log(`rollups: ${counted} stale or missing weeks counted in ${fmt(performance.now() - started)} ms`);

// Every raw statement's time, by name, while a call runs.
const spent = new Map<string, number>();
const inline = (repo as unknown as { inline: ScorecardQueries }).inline;
const run = inline.run.bind(inline);
inline.run = (name, params) => {
  const started = performance.now();
  try {
    return run(name, params);
  } finally {
    spent.set(name, (spent.get(name) ?? 0) + performance.now() - started);
  }
};

const deps = bench.core.deps;
const leaders = await repo.leaders(org.orgId, { kind: 'all' }, org.defaultZone);
const zones = [...new Set(leaders.map((l) => l.zone))];
const query = (p: Period, totals = true): PeriodQuery => ({ ...queryFor(deps, org.orgId, { kind: 'all' }, p, zones, org.nowMs), totals });

async function profile(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const total: number[] = [];
  const byName = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    spent.clear();
    const started = performance.now();
    await fn();
    total.push(performance.now() - started);
    for (const [name, ms] of spent) byName.set(name, [...(byName.get(name) ?? []), ms]);
  }
  const parts = [...byName].map(([name, list]) => `${name} ${fmt(median(list), 2)}`).join(', ');
  console.log(`${label}: ${fmt(median(total), 3)} ms (median of ${runs}); raw statements: ${parts || 'none'}`);
}

const today = org.to;
const periods = [
  ...['last-week', 'last-month', 'last-quarter', 'last-year', 'quarter'].map((w) => parsePeriod(w, today)),
  ...[`${org.from}..${addDays(today, -1)}`, `${addDays(org.from, 3)}..${addDays(today, -40)}`, `${addDays(today, -200)}..${today}`].map((r) =>
    parsePeriod(r, today),
  ),
];
for (const p of periods) {
  const current = query(p);
  const before = query(previousPeriod(p), false);
  await profile(`${p.label} periodFacts+customFacts (both periods)`, () =>
    Promise.all([repo.periodFacts(current), repo.periodFacts(before), repo.customFacts(current), repo.customFacts(before)]),
  );
}
const lastMonday = weekStart(addDays(org.to, -7));
const trendPeriod: Period = { from: addDays(lastMonday, -7 * 103), to: addDays(lastMonday, 6), label: '104 weeks', days: 7 * 104 };
await profile('weekly org trend, 104 points and the 104 before (trendChart)', () => trendChart(deps, org.orgId, { kind: 'all' }, trendPeriod, 'week'));
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
bench.store.close();
