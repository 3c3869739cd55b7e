// The weekly rollups (issue 13 §1) in the scorecard benchmark: organisation scorecards for periods
// up to two years read from the rollups against today's raw path (the same store with rollups
// off), timed in the same rounds; the 104-point weekly organisation trend both ways; what a full
// rebuild costs; and what the triggers add to a write (answering a prompt, through the real store),
// with the triggers and with them dropped, in alternating rounds.
import { trendChart } from '../../src/core/charts/data';
import { buildScorecard } from '../../src/core/scorecard/build';
import { parsePeriod, type Period } from '../../src/core/scorecard/period';
import { addDays, weekStart } from '../../src/core/time';
import { rebuildRollups } from '../../src/store/sqlite/rollups/rebuild';
import { lastSealedMonday } from '../../src/store/rollups-shared/plan';
import { installRollupTriggers } from '../../src/store/sqlite/rollups/schema-triggers';
import type { SqliteScorecardRepo } from '../../src/store/sqlite/scorecard';
import type { GeneratedOrg } from './generate-org';
import { fmt, log, median, type BenchRow } from './report';
import type { BenchCore } from './scorecard-setup';

interface Timing {
  p50: number;
  p95: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** `before` runs untimed ahead of each timed call. */
export async function time(runs: number, warmup: number, fn: () => unknown, before?: () => unknown): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Organisation periods up to two years: calendar ones, whole-week ones and odd ranges. */
function periods(org: GeneratedOrg): Period[] {
  const today = org.to;
  const named = ['last-week', 'last-month', 'last-quarter', 'last-year', 'quarter'].map((w) => parsePeriod(w, today));
  const ranges = [`${org.from}..${addDays(today, -1)}`, `${addDays(org.from, 3)}..${addDays(today, -40)}`, `${addDays(today, -200)}..${today}`];
  return [...named, ...ranges.map((r) => parsePeriod(r, today))];
}

/**
 * A write every scorecard of a period ending now sees: a prompt sent today (UTC) re-opened and
 * answered through the store. Its trigger's mark names this week only (one sent on the Monday or
 * Tuesday would also name last week, which is then counted again: the "counting stale weeks" row).
 */
export function answerToday(bench: BenchCore, org: GeneratedOrg): () => Promise<void> {
  const sqlite = bench.store.database.sqlite;
  const ids = sqlite
    .prepare('SELECT id FROM prompts WHERE org_id = ? AND sent_at >= ? AND sent_at < ? ORDER BY id LIMIT 200')
    .pluck()
    .all(org.orgId, Date.parse(org.to), org.nowMs - 3_600_000) as number[];
  if (ids.length === 0) throw new Error('no prompt sent today to answer');
  const reopen = sqlite.prepare("UPDATE prompts SET status = 'open', answered_at = NULL, answer = NULL WHERE id = ?");
  let next = 0;
  return async () => {
    const id = ids[next++ % ids.length]!;
    reopen.run(id);
    await bench.store.prompts.answer(org.orgId, id, 'yes', org.nowMs);
  };
}

export async function rollupsBench(rollups: BenchCore, raw: BenchCore, org: GeneratedOrg, rounds: number): Promise<BenchRow[]> {
  const repo = rollups.store.scorecard as SqliteScorecardRepo;
  const sqlite = rollups.store.database.sqlite;
  // A full rebuild once per file (kept between runs: the triggers keep it true); then the cost of
  // counting a week, timed on the last 8 sealed weeks marked stale.
  const counted = sqlite.prepare("SELECT COUNT(*) FROM scorecard_rollups WHERE org_id = ? AND level = 'week'").pluck().get(org.orgId) as number;
  if (counted === 0) {
    const full = rebuildRollups(sqlite, repo.refresher, org.orgId, org.defaultZone, org.nowMs);
    log(`rollups rebuilt: ${full.weeks} weeks in ${fmt(full.ms)} ms`);
  }
  const lastSealed = lastSealedMonday(org.nowMs);
  sqlite.prepare("UPDATE scorecard_rollups SET stale = 1 WHERE org_id = ? AND level = 'week' AND week > ?").run(org.orgId, addDays(lastSealed, -56));
  const started = performance.now();
  const recounted = repo.refresher.refresh(org.orgId, org.defaultZone, org.nowMs, addDays(lastSealed, -49), lastSealed);
  const rebuild = { weeks: recounted, ms: performance.now() - started };
  log(`counted ${rebuild.weeks} stale weeks in ${fmt(rebuild.ms)} ms`);
  // What a period's first read costs while its edge days are not stored yet (counted inline then, once).
  const quarter = { orgId: org.orgId, target: { kind: 'all' as const }, period: parsePeriod('last-quarter', org.to) };
  await buildScorecard(rollups.core.deps, quarter);
  const forgetEdges = sqlite.prepare('DELETE FROM scorecard_rollup_edges WHERE org_id = ?');
  const edgeCost = { cold: [] as number[], warm: [] as number[] };
  for (let i = 0; i < 3; i++) {
    forgetEdges.run(org.orgId);
    for (const side of ['cold', 'warm'] as const) {
      const begun = performance.now();
      await buildScorecard(rollups.core.deps, quarter);
      edgeCost[side].push(performance.now() - begun);
    }
  }
  log(`last quarter with its edges not stored: ${fmt(median(edgeCost.cold))} ms, stored: ${fmt(median(edgeCost.warm))} ms`);
  const rows: BenchRow[] = [];
  const timings = new Map<string, { rollups: Timing[]; raw: Timing[] }>();
  const add = (name: string, subject: 'rollups' | 'raw', t: Timing) => {
    const entry = timings.get(name) ?? { rollups: [], raw: [] };
    entry[subject].push(t);
    timings.set(name, entry);
  };
  const trendWeeks = 104;
  const lastMonday = weekStart(addDays(org.to, -7));
  const trendPeriod: Period = { from: addDays(lastMonday, -7 * (trendWeeks - 1)), to: addDays(lastMonday, 6), label: '104 weeks', days: 7 * trendWeeks };
  const write = answerToday(rollups, org);
  const unsealed = addDays(lastSealed, 7);
  for (let round = 1; round <= rounds; round++) {
    const subjects = round % 2 ? (['rollups', 'raw'] as const) : (['raw', 'rollups'] as const);
    for (const period of periods(org)) {
      const request = { orgId: org.orgId, target: { kind: 'all' as const }, period };
      const runs = period.days > 400 ? 6 : 10;
      for (const subject of subjects)
        add(`org ${period.label}`, subject, await time(runs, 2, () => buildScorecard((subject === 'rollups' ? rollups : raw).core.deps, request)));
      // Days after the last sealed week: their raw results are kept until a write, so also the first read after one.
      if (period.to < unsealed) continue;
      const after = `org ${period.label}, first read after a write`;
      add(after, 'rollups', await time(runs, 2, () => buildScorecard(rollups.core.deps, request), write));
      add(after, 'raw', timings.get(`org ${period.label}`)!.raw.at(-1)!);
    }
    for (const subject of subjects) {
      const core = subject === 'rollups' ? rollups : raw;
      add(
        'trend',
        subject,
        await time(subject === 'raw' ? 1 : 10, subject === 'raw' ? 0 : 1, () => trendChart(core.core.deps, org.orgId, { kind: 'all' }, trendPeriod, 'week')),
      );
    }
    for (const [name, t] of timings) log(`round ${round} ${name}: rollups p95 ${fmt(t.rollups.at(-1)!.p95)} ms, raw p95 ${fmt(t.raw.at(-1)!.p95)} ms`);
  }
  const writes = await writeCost(rollups, org, rounds);

  const pct = (list: Timing[], p: 'p50' | 'p95') => median(list.map((t) => t[p]));
  const ratio = (a: Timing[], b: Timing[], p: 'p50' | 'p95') => median(a.map((t, i) => b[i]![p] / t[p]));
  for (const [name, t] of timings) {
    const twoYears = name.includes(`${org.from}..`) && !name.includes('after a write');
    const isTrend = name === 'trend';
    const p95 = pct(t.rollups, 'p95');
    const faster = ratio(t.rollups, t.raw, 'p95');
    rows.push({
      what: isTrend ? 'Weekly organisation trend, 104 points (rollups)' : `Org scorecard from rollups, ${name.slice(4)}`,
      how: `${isTrend ? "trendChart(…, 'week'): index and parts per week, and the 104 weeks before" : 'buildScorecard (current and previous period, medians, streaks)'}${name.includes('after a write') ? ', each timed read after a prompt sent today is answered (untimed)' : ''}, 2 worker threads, rollups rebuilt first; ${rounds} rounds, order alternating`,
      result: `rollups p50 ${fmt(pct(t.rollups, 'p50'))} ms, p95 ${fmt(p95)} ms`,
      baseline: `raw path (rollups off), same run: p50 ${fmt(pct(t.raw, 'p50'))} ms, p95 ${fmt(pct(t.raw, 'p95'))} ms`,
      ratio: `raw ÷ rollups: p50 ${fmt(ratio(t.rollups, t.raw, 'p50'), 1)}×, p95 ${fmt(faster, 1)}×`,
      target: isTrend ? '≤ 100 ms' : twoYears ? 'p95 ≤ 50 ms and ≥ 6× faster than raw' : 'p95 ≤ 50 ms',
      met: isTrend ? p95 <= 100 : twoYears ? p95 <= 50 && faster >= 6 : p95 <= 50,
    });
  }
  rows.push({
    what: 'Rollups: counting stale weeks',
    how: 'the last 8 sealed weeks marked stale, counted again with the raw statements (what a scorecard or the scheduler pass does after writes; `rollups rebuild` does it for every week)',
    result: `${rebuild.weeks} weeks in ${fmt(rebuild.ms)} ms (${fmt(rebuild.ms / Math.max(1, rebuild.weeks), 1)} ms a week)`,
  });
  rows.push({
    what: "Rollups: a period's first read, its edge days counted",
    how: "org scorecard of the last quarter (four edges: its head and tail, and the previous quarter's) with the stored edges deleted first, then again; median of 3",
    result: `${fmt(median(edgeCost.cold))} ms the first time, ${fmt(median(edgeCost.warm))} ms once stored`,
  });
  rows.push(...writes);
  return rows;
}

/** Answering prompts through the real store, with the rollup triggers and with them dropped. */
/**
 * The writes both write benchmarks time: 400 prompts sent this week and 400 sent in a week already
 * counted (a late answer), a statement that opens one again, and one that drops the rollup triggers.
 */
export function writeCases(sqlite: BenchCore['store']['database']['sqlite'], org: GeneratedOrg) {
  const pick = (from: number, to: number) =>
    sqlite
      .prepare('SELECT id FROM prompts WHERE org_id = ? AND sent_at >= ? AND sent_at < ? ORDER BY id LIMIT 400')
      .pluck()
      .all(org.orgId, from, to) as number[];
  const cases = {
    'this week': pick(org.nowMs - 5 * 86_400_000, org.nowMs),
    'a counted week (late answer)': pick(org.nowMs - 60 * 86_400_000, org.nowMs - 50 * 86_400_000),
  };
  const reopen = sqlite.prepare("UPDATE prompts SET status = 'open', answered_at = NULL, answer = NULL WHERE id = ?");
  const drop = () => {
    for (const name of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup_%'").pluck().all() as string[])
      sqlite.exec(`DROP TRIGGER ${name}`);
  };
  return { cases, reopen, drop };
}

export async function writeCost(bench: BenchCore, org: GeneratedOrg, rounds: number): Promise<BenchRow[]> {
  const sqlite = bench.store.database.sqlite;
  const { cases, reopen, drop } = writeCases(sqlite, org);
  const results: Record<string, { with: number[]; without: number[] }> = {};
  // The scorecards before leave a long write-ahead log: its checkpoint would fall into whichever
  // case is timed first.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // One untimed pass first: otherwise the side timed first also pays for warming up the write path
  // (JIT), which made the first case 1.6–3.6× the second in one-round runs.
  for (const ids of Object.values(cases)) {
    for (const id of ids) reopen.run(id);
    for (const id of ids) await bench.store.prompts.answer(org.orgId, id, 'yes', org.nowMs);
  }
  for (let round = 1; round <= rounds; round++) {
    for (const [name, ids] of Object.entries(cases)) {
      for (const withTriggers of round % 2 ? [true, false] : [false, true]) {
        if (withTriggers) installRollupTriggers(sqlite);
        else drop();
        for (const id of ids) reopen.run(id);
        // Untimed: the first statement after the triggers change reloads the schema.
        await bench.store.prompts.answer(org.orgId, ids[0]!, 'yes', org.nowMs);
        const started = performance.now();
        for (const id of ids.slice(1)) await bench.store.prompts.answer(org.orgId, id, 'yes', org.nowMs);
        const perWrite = ((performance.now() - started) * 1000) / (ids.length - 1);
        const entry = (results[name] ??= { with: [], without: [] });
        entry[withTriggers ? 'with' : 'without'].push(perWrite);
      }
    }
  }
  installRollupTriggers(sqlite);
  return Object.entries(results).map(([name, r]) => {
    const ratios = r.with.map((w, i) => w / r.without[i]!);
    const ratio = median(ratios);
    return {
      what: `Write with rollup maintenance: answering a prompt sent ${name}`,
      how: `store.prompts.answer on ${cases[name as keyof typeof cases].length} prompts (re-opened untimed), each its own statement, triggers installed vs dropped, ${rounds} rounds alternating`,
      result: `${fmt(median(r.with), 1)} µs a write with the triggers`,
      baseline: `${fmt(median(r.without), 1)} µs without`,
      ratio: `${fmt(ratio, 2)}× (median of the rounds' ratios)`,
      target: '≤ 1.2× the write without',
      met: ratio <= 1.2,
    };
  });
}
