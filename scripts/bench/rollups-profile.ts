// Where an organisation scorecard read from the rollups spends its time: each call buildScorecard
// makes, timed alone (the same store and worker threads the bench uses), beside the whole
// scorecard with rollups on and off. Uses the bench's cached organisation (scorecard-setup.ts).
// CPU time is the steadier figure on a loaded machine. Run: npx tsx scripts/bench/rollups-profile.ts [--runs 9] [--workers false] [--only medians,streaks]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildScorecard, queryFor } from '../../src/core/scorecard/build';
import { parsePeriod, previousPeriod, type Period } from '../../src/core/scorecard/period';
import type { PeriodQuery } from '../../src/core/scorecard/repo';
import { addDays } from '../../src/core/time';
import { fmt, median, sampleRuns } from './report';
import { benchCore, ensureOrg } from './scorecard-setup';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, workers: { type: 'string', default: 'true' }, only: { type: 'string' } },
});
const runs = Number(args.runs);
const workers = args.workers !== 'false';
const only = args.only ? new Set(args.only.split(',')) : null;

/** Wall time, and CPU time of the whole process (worker threads included), medians of the runs. */
async function timed(fn: () => unknown): Promise<{ p50: number; max: number; cpu: number }> {
  const { samples, cpu } = await sampleRuns(runs, 1, fn);
  return { p50: median(samples), max: Math.max(...samples), cpu };
}

const org = ensureOrg({ leaders: 500, weeks: 104, seed: 1 }, console.log);
const on = benchCore(org, workers, 'all');
const off = benchCore(org, workers, false);
const today = org.to;
const periods: Period[] = [
  parsePeriod(`${org.from}..${addDays(today, -1)}`, today),
  parsePeriod('last-quarter', today),
  parsePeriod(`${addDays(today, -200)}..${today}`, today),
];
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; workers ${workers}; ${runs} runs after 1 warm-up; wall p50 (max; CPU of all threads, median) ms`,
);
for (const period of periods) {
  const deps = on.core.deps;
  const repo = on.store.scorecard;
  const scope = { kind: 'all' as const };
  const leaders = await repo.leaders(org.orgId, scope, org.defaultZone);
  const zones = [...new Set(leaders.map((l) => l.zone))];
  const current: PeriodQuery = queryFor(deps, org.orgId, scope, period, zones, org.nowMs);
  const before: PeriodQuery = { ...queryFor(deps, org.orgId, scope, previousPeriod(period), zones, org.nowMs), totals: false };
  const calls: Record<string, () => unknown> = {
    'whole (rollups)': () => buildScorecard(deps, { orgId: org.orgId, target: { kind: 'all' }, period }),
    'whole (raw)': () => buildScorecard(off.core.deps, { orgId: org.orgId, target: { kind: 'all' }, period }),
    leaders: () => repo.leaders(org.orgId, scope, org.defaultZone),
    'periodFacts current': () => repo.periodFacts(current),
    'periodFacts previous': () => repo.periodFacts(before),
    medians: () => repo.responseMedians(current),
    streaks: () => repo.streaks(current),
    unreachable: () => repo.unreachable(org.orgId, scope, 50),
    'customFacts current': () => repo.customFacts(current),
    'customFacts previous': () => repo.customFacts(before),
    'custom prompts list': () => on.store.customPrompts.list(org.orgId, { includeRetired: true }),
    'orgs.get': () => on.store.orgs.get(org.orgId),
  };
  const line: string[] = [];
  for (const [name, fn] of Object.entries(calls)) {
    if (only && !only.has(name)) continue;
    const t = await timed(fn);
    line.push(`${name} ${fmt(t.p50)} (${fmt(t.max)}; cpu ${fmt(t.cpu)})`);
  }
  console.log(`${period.label}: ${line.join('; ')}`);
}
on.store.close();
off.store.close();
process.exit(0);
