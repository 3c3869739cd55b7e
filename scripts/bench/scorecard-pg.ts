// The scorecard on PostgreSQL against SQLite on the same data: the generated organisation of the
// scorecard bench (500 leaders × 104 weeks) copied with `db copy`'s code into a fresh database on
// the PostgreSQL server, the copy checked (row counts, every leader's figures for the last year),
// then buildScorecard through the real core timed for the org and one site (last quarter, two
// years) on each engine, in the same rounds, order alternating. SQLite runs as in production
// (worker threads); PostgreSQL runs the period's statements side by side on its pool.
// Run: npx tsx scripts/bench/scorecard-pg.ts [--rounds 3] [--leaders 500] [--weeks 104] [--url postgres://…/postgres]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildScorecard } from '../../src/core/scorecard/build';
import { copySqliteToPg } from '../../src/store/pg/copy';
import { checkCopy } from '../../src/store/pg/copy-check';
import { openPgDatabase } from '../../src/store/pg/db';
import { PgScorecardRepo } from '../../src/store/pg/scorecard';
import { ScorecardWorkerPool } from '../../src/store/sqlite/scorecard-pool';
import { SqliteScorecardRepo } from '../../src/store/sqlite/scorecard';
import { emit, fmt, log, median, type BenchRow } from './report';
import { benchCore, ensureOrg, scenarios } from './scorecard-setup';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    leaders: { type: 'string', default: '500' },
    weeks: { type: 'string', default: '104' },
    seed: { type: 'string', default: '1' },
    url: { type: 'string', default: process.env.CLAUSE5_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const rounds = Number(values.rounds);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: values.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main(): Promise<BenchRow[]> {
  // orgId spelled out: the same organisation as the scorecard bench's, in a file of its own, so a
  // file another branch's migrations touched (one more table) is not reused here.
  const org = ensureOrg({ leaders: Number(values.leaders), weeks: Number(values.weeks), seed: Number(values.seed), orgId: 'local' }, log);
  const name = `clause5_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(values.url!);
  url.pathname = `/${name}`;
  const target = await openPgDatabase(url.toString(), { poolSize: 8 });
  const sqlite = benchCore(org, true);
  try {
    const single = new pg.Client({ connectionString: url.toString() });
    single.on('error', () => {}); // a failed run drops the database under it
    await single.connect();
    let started = performance.now();
    const copied = await copySqliteToPg(sqlite.store.database.sqlite, async (text, params) => (await single.query(text, params)).rows).finally(() =>
      single.end(),
    );
    const copyMs = performance.now() - started;
    const rows = copied.reduce((n, t) => n + t.rows, 0);
    log(`copied ${rows} rows in ${fmt(copyMs / 1000)} s`);
    started = performance.now();
    const repos = {
      sqlite: new SqliteScorecardRepo(sqlite.store.database.db, () => org.nowMs, { workers: false }),
      postgres: new PgScorecardRepo(target.query),
    };
    const check = await checkCopy(sqlite.store.database.sqlite, target.query, copied, repos, { nowMs: org.nowMs, defaultZone: org.defaultZone });
    log(`check: ${check.leaders} leaders, ${check.differences.length} differences (${fmt((performance.now() - started) / 1000)} s)`);
    if (check.differences.length) throw new Error(`the engines differ: ${check.differences.slice(0, 3).join('; ')}`);

    const onPg = benchCore(org, false);
    onPg.store.scorecard = new PgScorecardRepo(target.query);
    // The same database with PostgreSQL's JIT on (the server's default; Clause5's pool turns it off).
    const jitPool = await openPgDatabase(url.toString(), { poolSize: 8, migrate: false, serverOptions: '-c jit=on' });
    const onPgJit = benchCore(org, false);
    onPgJit.store.scorecard = new PgScorecardRepo(jitPool.query);
    const chosen = scenarios(org).filter((s) => s.level !== 'leader');
    const results = new Map<string, { sqlite: number[]; postgres: number[]; jit: number[]; ratios: number[]; jitRatios: number[] }>();
    for (let round = 1; round <= rounds; round++) {
      for (const s of chosen) {
        const request = { orgId: org.orgId, target: s.target, period: s.period };
        const runs = s.span === 'quarter' ? 10 : 4;
        const subjects = {
          sqlite: () => buildScorecard(sqlite.core.deps, request),
          postgres: () => buildScorecard(onPg.core.deps, request),
          jit: () => buildScorecard(onPgJit.core.deps, request),
        };
        const order = (round % 2 ? ['sqlite', 'postgres', 'jit'] : ['jit', 'postgres', 'sqlite']) as Array<keyof typeof subjects>;
        const p50 = { sqlite: 0, postgres: 0, jit: 0 };
        for (const k of order) p50[k] = median(await timed(runs, subjects[k]));
        const entry = results.get(s.name) ?? { sqlite: [], postgres: [], jit: [], ratios: [], jitRatios: [] };
        entry.sqlite.push(p50.sqlite);
        entry.postgres.push(p50.postgres);
        entry.jit.push(p50.jit);
        entry.ratios.push(p50.postgres / p50.sqlite);
        entry.jitRatios.push(p50.jit / p50.postgres);
        results.set(s.name, entry);
        log(`round ${round} ${s.name}: SQLite p50 ${fmt(p50.sqlite)} ms · PostgreSQL p50 ${fmt(p50.postgres)} ms · with JIT ${fmt(p50.jit)} ms`);
      }
    }
    onPg.store.close();
    onPgJit.store.close();
    await jitPool.close();
    const size = `${values.leaders} leaders × ${values.weeks} weeks (${fmt(org.engagementRows / 1e6, 2)}M engagement rows)`;
    const out: BenchRow[] = [
      {
        what: 'db copy of the benchmark organisation to PostgreSQL',
        how: `${size}; copySqliteToPg into a fresh database on the local server (one transaction, 2,000-row jsonb batches), then checkCopy`,
        result: `${rows} rows in ${fmt(copyMs / 1000)} s; ${check.leaders} leaders' figures for ${check.from}..${check.to} equal on both engines`,
      },
    ];
    for (const [scenario, r] of results) {
      out.push({
        what: `Scorecard on PostgreSQL, ${scenario}`,
        how: `buildScorecard through the real core, PgScorecardRepo on a pool of 8 (server on this machine); ${size}; ${rounds} rounds, order alternating`,
        result: `PostgreSQL p50 ${fmt(median(r.postgres))} ms`,
        baseline: `SQLite (worker threads) p50 ${fmt(median(r.sqlite))} ms`,
        ratio: `${fmt(median(r.ratios), 2)}× (median of the rounds' ratios)`,
      });
      out.push({
        what: `Scorecard on PostgreSQL with JIT on, ${scenario}`,
        how: `as above, a second pool on the same database with jit=on (the server's default)`,
        result: `JIT on p50 ${fmt(median(r.jit))} ms`,
        baseline: `JIT off (Clause5's pool) p50 ${fmt(median(r.postgres))} ms`,
        ratio: `${fmt(median(r.jitRatios), 2)}× (median of the rounds' ratios)`,
      });
    }
    return out;
  } catch (error) {
    log(`scorecard-pg failed: ${error instanceof Error ? error.stack : String(error)}`);
    throw error;
  } finally {
    sqlite.store.close();
    await target.close();
    await ScorecardWorkerPool.shared().stop();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().then(
  (rows) => emit('scorecard-pg', rows),
  (error: unknown) => {
    log(`scorecard-pg failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
