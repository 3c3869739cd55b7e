// Benchmark 2, scorecard at scale: a generated organisation (default 500 leaders × 104 weeks,
// ≈ 1M engagement rows) scored through the real core (buildScorecard → SqliteScorecardRepo, with
// its worker threads) for the org, the biggest site and one leader, for the last full quarter and
// for the whole two years, with the worker threads and on one thread. Baselines (scorecard-baseline.ts),
// timed in the same rounds with the same runs and warm-ups: the fastest SQL we have (the scorecard's
// statements bare on one connection; the 1.5× target) and a straightforward formulation written
// independently, which is first checked to agree with the scorecard figure for figure.
// Also measures the event loop's delay (p99, max) while org scorecards run back to back beside a
// stream of small writes, with the workers and, for comparison, inline on the main thread.
// Then the weekly rollups against the raw path (scorecard-rollups.ts).
// Run: npx tsx scripts/bench/scorecard.ts [--rounds 5] [--leaders 500] [--weeks 104] [--seed 1] [--part rollups]
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildScorecard } from '../../src/core/scorecard/build';
import { ScorecardWorkerPool } from '../../src/store/sqlite/scorecard-pool';
import { emit, fmt, log, median, sampleRuns, type BenchRow } from './report';
import { baselineRunner, fastestSqlRunner } from './scorecard-baseline';
import { checkAgreement } from './scorecard-check';
import { rollupsBench } from './scorecard-rollups';
import { measureEventLoop, type LoopResult } from './scorecard-loop';
import { baselineParams, benchCore, ensureOrg, queriesFor, scenarios, type BenchCore, type Scenario } from './scorecard-setup';
import type { GeneratedOrg } from './generate-org';

export interface ScorecardBenchOptions {
  leaders: number;
  weeks: number;
  seed: number;
  rounds: number;
  /** 'rollups': only the weekly rollups' rows (scorecard-rollups.ts) and the agreement check. */
  part?: 'all' | 'rollups';
}

interface Timing {
  p50: number;
  p95: number;
  /** Median CPU time of one run, all threads of the process (the workers' included). */
  cpu: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(iterations: number, warmup: number, fn: () => unknown): Promise<Timing> {
  const { samples, cpu } = await sampleRuns(iterations, warmup, fn);
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), cpu };
}

/** Runs per round, the same for the scorecard and every baseline: one percentile method for all. */
function iterations(s: Scenario): number {
  if (s.level === 'leader') return 40;
  return s.span === 'quarter' ? 20 : 6;
}

/** Warm-up runs before each timed batch, the same for every subject. */
const WARMUP = 2;

type Subject = 'card' | 'inline' | 'fastest' | 'plain';
type Timings = Record<Subject, Timing[]>;

export async function scorecardBench(options: ScorecardBenchOptions): Promise<BenchRow[]> {
  const org = ensureOrg({ leaders: options.leaders, weeks: options.weeks, seed: options.seed }, log);
  const loadBefore = loadavg()[0]!;
  const withWorkers = benchCore(org, true);
  const inline = benchCore(org, false);
  const raw = new Database(org.path, { readonly: true });
  const plain = baselineRunner(raw);
  const fastest = fastestSqlRunner(raw);
  const all = scenarios(org);

  log('checking that the scorecard (raw path, and from the rollups) and the hand-written SQL agree …');
  const rollupPath = benchCore(org, true, 'all');
  for (const s of all) {
    await checkAgreement(withWorkers, org, s, plain);
    await checkAgreement(rollupPath, org, s, plain);
  }
  const rollupRows = await rollupsBench(rollupPath, withWorkers, org, options.rounds);
  closeCore(rollupPath);
  if (options.part === 'rollups') {
    raw.close();
    closeCore(withWorkers);
    closeCore(inline);
    await ScorecardWorkerPool.shared().stop();
    return rollupRows;
  }

  const results = new Map<string, Timings>();
  for (let round = 1; round <= options.rounds; round++) {
    for (const s of all) {
      const request = { orgId: org.orgId, target: s.target, period: s.period };
      const { current, previous } = await queriesFor(withWorkers, org, s);
      const runs: Record<Subject, () => unknown> = {
        card: () => buildScorecard(withWorkers.core.deps, request),
        inline: () => buildScorecard(inline.core.deps, request),
        fastest: () => fastest(baselineParams(current), baselineParams(previous)),
        plain: () => plain(baselineParams(current), baselineParams(previous)),
      };
      // Alternate the order between rounds so that no subject always runs on a cold or a warm machine.
      const keys = Object.keys(runs) as Subject[];
      const order = round % 2 ? keys : keys.reverse();
      const entry = results.get(s.name) ?? { card: [], inline: [], fastest: [], plain: [] };
      for (const subject of order) entry[subject].push(await time(iterations(s), WARMUP, runs[subject]));
      results.set(s.name, entry);
      const last = (k: Subject) => `p50 ${fmt(entry[k].at(-1)!.p50)} ms p95 ${fmt(entry[k].at(-1)!.p95)} ms`;
      log(
        `round ${round} ${s.name}: workers ${last('card')} · single thread ${last('inline')} · fastest SQL ${last('fastest')} · straightforward SQL ${last('plain')}`,
      );
    }
  }

  const orgQuarter = all.find((s) => s.level === 'org' && s.span === 'quarter')!;
  const loops: LoopResult[] = [];
  const loopsInline: LoopResult[] = [];
  for (let round = 1; round <= Math.min(3, options.rounds); round++) {
    loops.push(await measureEventLoop(withWorkers, org, orgQuarter, 4000));
    loopsInline.push(await measureEventLoop(inline, org, orgQuarter, 4000));
    log(`round ${round} event loop p99: workers ${fmt(loops.at(-1)!.p99)} ms, inline ${fmt(loopsInline.at(-1)!.p99)} ms`);
  }

  raw.close();
  closeCore(withWorkers);
  closeCore(inline);
  await ScorecardWorkerPool.shared().stop();
  const load = `machine load average ${fmt(loadBefore, 2)} at the start, ${fmt(loadavg()[0]!, 2)} at the end`;
  return [...rows(org, all, results, loops, loopsInline, { ...options, load }), ...rollupRows];
}

function closeCore(bench: BenchCore): void {
  (bench.store.scorecard as { close?: () => void }).close?.();
  bench.store.close();
}

function rows(
  org: GeneratedOrg,
  all: Scenario[],
  results: Map<string, Timings>,
  loops: LoopResult[],
  loopsInline: LoopResult[],
  options: ScorecardBenchOptions & { load: string },
): BenchRow[] {
  const size = `${options.leaders} leaders × ${options.weeks} weeks, ${fmt(org.engagementRows / 1e6, 2)}M engagement rows`;
  const out: BenchRow[] = [];
  const pct = (list: Timing[], p: 'p50' | 'p95') => median(list.map((t) => t[p]));
  const both = (list: Timing[]) => `p50 ${fmt(pct(list, 'p50'))} ms, p95 ${fmt(pct(list, 'p95'))} ms`;
  /** Median over rounds of each round's ratio (subject and baseline timed in the same round). */
  const ratio = (a: Timing[], b: Timing[], p: 'p50' | 'p95') => median(a.map((t, i) => t[p] / b[i]![p]));
  for (const s of all) {
    const r = results.get(s.name)!;
    const p95 = pct(r.card, 'p95');
    const ratio95 = ratio(r.card, r.fastest, 'p95');
    const isTarget = s.level === 'org' && s.span === 'quarter';
    out.push({
      what: `Scorecard, ${s.name} (${s.period.label})`,
      how: `buildScorecard through the real store, ${ScorecardWorkerPool.shared().size} worker threads, and on one thread (no workers); ${size}; ${options.rounds} rounds × ${iterations(s)} runs after ${WARMUP} warm-up runs, the same for every subject and baseline, order alternating by round; median of the rounds' p50/p95${out.length === 0 ? `; ${options.load}` : ''}`,
      result: `workers ${both(r.card)}; single thread ${both(r.inline)}`,
      baseline: `fastest SQL we have (the scorecard's statements bare on one connection): ${both(r.fastest)}; straightforward SQL: ${both(r.plain)}`,
      ratio: `vs fastest SQL: workers p50 ${fmt(ratio(r.card, r.fastest, 'p50'), 2)}×, p95 ${fmt(ratio95, 2)}×; single thread p95 ${fmt(ratio(r.inline, r.fastest, 'p95'), 2)}× · vs straightforward: workers p95 ${fmt(ratio(r.card, r.plain, 'p95'), 2)}×`,
      ...(isTarget ? { target: 'p95 ≤ 100 ms and ≤ 1.5× the fastest hand-written SQL', met: p95 <= 100 && ratio95 <= 1.5 } : {}),
    });
    if (isTarget) {
      const cpu = median(r.card.map((t) => t.cpu));
      out.push({
        what: `Scorecard, ${s.name}: CPU time per scorecard`,
        how: 'process.cpuUsage() around each run: the main thread and the workers; on 2 cores a run cannot take less than half of it',
        result: `${fmt(cpu)} ms with workers (${fmt(cpu / 2)} ms of wall time on 2 idle cores); single thread ${fmt(median(r.inline.map((t) => t.cpu)))} ms`,
        baseline: `fastest SQL: ${fmt(median(r.fastest.map((t) => t.cpu)))} ms; straightforward SQL: ${fmt(median(r.plain.map((t) => t.cpu)))} ms`,
        ratio: `${fmt(cpu / median(r.fastest.map((t) => t.cpu)), 2)}× the fastest SQL`,
      });
    }
  }
  const p99 = median(loops.map((l) => l.p99));
  out.push({
    what: 'Event-loop delay while org quarter scorecards run',
    how: `monitorEventLoopDelay (1 ms resolution) over 4 s of back-to-back org scorecards beside ${loops[0]?.writesPerSecond ?? 0} small writes/s; median of ${loops.length} rounds`,
    result: `p99 ${fmt(p99)} ms, max ${fmt(median(loops.map((l) => l.max)))} ms (${fmt(median(loops.map((l) => l.scorecards)))} scorecards)`,
    baseline: `same SQL inline on the main thread: p99 ${fmt(median(loopsInline.map((l) => l.p99)))} ms, max ${fmt(median(loopsInline.map((l) => l.max)))} ms`,
    ratio: `${fmt(p99 / median(loopsInline.map((l) => l.p99)), 2)}×`,
    target: 'p99 ≤ 20 ms',
    met: p99 <= 20,
  });
  return out;
}

if (process.argv[1]?.endsWith('scorecard.ts')) {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      leaders: { type: 'string', default: '500' },
      weeks: { type: 'string', default: '104' },
      seed: { type: 'string', default: '1' },
      part: { type: 'string', default: 'all' },
    },
  });
  const part = values.part === 'rollups' ? 'rollups' : 'all';
  scorecardBench({ rounds: Number(values.rounds), leaders: Number(values.leaders), weeks: Number(values.weeks), seed: Number(values.seed), part }).then(
    (rows) => emit('scorecard', rows),
    (error: unknown) => {
      log(`scorecard failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
