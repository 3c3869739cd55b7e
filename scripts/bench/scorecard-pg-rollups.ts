// The organisation's scorecard over two years on PostgreSQL, from the weekly rollups against the
// raw path: the scorecard bench's generated organisation (500 leaders × 104 weeks) copied with
// `db copy`'s code into a fresh database on the server, the rollups counted once (timed: the first
// read), then buildScorecard through the real core on each repo, order alternating, and the two
// scorecards compared.
// Run: npx tsx scripts/bench/scorecard-pg-rollups.ts [--rounds 3] [--leaders 500] [--weeks 104] [--url postgres://…/postgres]
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildScorecard } from '../../src/core/scorecard/build';
import { copySqliteToPg } from '../../src/store/pg/copy';
import { openPgDatabase } from '../../src/store/pg/db';
import { PgScorecardRepo } from '../../src/store/pg/scorecard';
import { emit, fmt, log, median, type BenchRow } from './report';
import { benchCore, ensureOrg, queriesFor, scenarios } from './scorecard-setup';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    leaders: { type: 'string', default: '500' },
    weeks: { type: 'string', default: '104' },
    seed: { type: 'string', default: '1' },
    url: { type: 'string', default: process.env.CLAUSE5_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: values.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<BenchRow[]> {
  const org = ensureOrg({ leaders: Number(values.leaders), weeks: Number(values.weeks), seed: Number(values.seed), orgId: 'local' }, log);
  const name = `clause5_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(values.url!);
  url.pathname = `/${name}`;
  const target = await openPgDatabase(url.toString(), { poolSize: 8 });
  const sqlite = benchCore(org, false);
  try {
    const single = new pg.Client({ connectionString: url.toString() });
    await single.connect();
    await copySqliteToPg(sqlite.store.database.sqlite, async (text, params) => (await single.query(text, params)).rows).finally(() => single.end());
    log('copied');
    const scenario = scenarios(org).find((s) => s.level === 'org' && s.span === 'two years')!;
    const request = { orgId: org.orgId, target: scenario.target, period: scenario.period };
    const raw = benchCore(org, false);
    raw.store.scorecard = new PgScorecardRepo(target.query);
    const rollups = benchCore(org, false);
    rollups.store.scorecard = new PgScorecardRepo(target.query, { rollups: 'all', transaction: target.transaction, inlineWeeks: Infinity });
    let started = performance.now();
    const first = await buildScorecard(rollups.core.deps, request);
    const firstMs = performance.now() - started;
    log(`first read (every sealed week counted): ${fmt(firstMs)} ms`);
    const same = isDeepStrictEqual(first, await buildScorecard(raw.core.deps, request));
    log(`equal to the raw path: ${same}`);
    const samples = { raw: [] as number[], rollups: [] as number[] };
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const k of (round % 2 ? ['raw', 'rollups'] : ['rollups', 'raw']) as Array<'raw' | 'rollups'>) {
        const deps = (k === 'raw' ? raw : rollups).core.deps;
        for (let i = 0; i < 3; i++) {
          started = performance.now();
          await buildScorecard(deps, request);
          samples[k].push(performance.now() - started);
        }
      }
      log(`round ${round}: raw p50 ${fmt(median(samples.raw))} ms, rollups p50 ${fmt(median(samples.rollups))} ms`);
    }
    // The repo's parts for the current period: what the rollups serve, and the streaks (raw on both).
    const { current } = await queriesFor(raw, org, scenario);
    const parts = {
      'facts, medians, custom lines': (repo: PgScorecardRepo) =>
        Promise.all([repo.periodFacts(current), repo.responseMedians(current), repo.customFacts(current)]),
      streaks: (repo: PgScorecardRepo) => repo.streaks(current),
    };
    const partRows: string[] = [];
    for (const [label, fn] of Object.entries(parts)) {
      const times = { raw: [] as number[], rollups: [] as number[] };
      for (let i = 0; i < 5; i++) {
        for (const k of (i % 2 ? ['raw', 'rollups'] : ['rollups', 'raw']) as Array<'raw' | 'rollups'>) {
          started = performance.now();
          await fn((k === 'raw' ? raw : rollups).store.scorecard as PgScorecardRepo);
          times[k].push(performance.now() - started);
        }
      }
      partRows.push(`${label}: rollups p50 ${fmt(median(times.rollups))} ms, raw p50 ${fmt(median(times.raw))} ms`);
      log(partRows.at(-1)!);
    }
    raw.store.close();
    rollups.store.close();
    return [
      {
        what: `Scorecard on PostgreSQL from the weekly rollups, ${scenario.name}`,
        how: `buildScorecard through the real core, PgScorecardRepo (pool of 8, server on this machine), ${values.leaders} leaders × ${values.weeks} weeks; ${values.rounds} rounds of 3, order alternating; scorecards equal: ${same}`,
        result: `rollups p50 ${fmt(median(samples.rollups))} ms (first read, counting every week: ${fmt(firstMs)} ms)`,
        baseline: `raw p50 ${fmt(median(samples.raw))} ms`,
        ratio: `${fmt(median(samples.raw) / median(samples.rollups), 2)}× faster`,
      },
      {
        what: `PgScorecardRepo parts of ${scenario.name} (current period, 5 alternating runs each)`,
        how: 'the repo methods buildScorecard calls, timed alone on each repo',
        result: partRows.join('; '),
      },
    ];
  } finally {
    sqlite.store.close();
    await target.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().then(
  (rows) => emit('scorecard-pg-rollups', rows),
  (error: unknown) => {
    log(`scorecard-pg-rollups failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
