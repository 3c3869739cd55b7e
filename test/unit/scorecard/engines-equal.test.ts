// The scorecard's PostgreSQL SQL (src/store/pg/scorecard*.ts) gives the same figures as SQLite's
// on the same histories. Each history is generated on SQLite (engine-histories.ts), copied to a
// fresh PostgreSQL database with `db copy`'s own code, and every ScorecardRepo method is asked on
// both engines for several periods (weeks, months, quarters, ranges across DST changes) and every
// scope: the organisation, each site, single leaders (one with no site). PostgreSQL is the server
// on 127.0.0.1:5432 when it answers (a new database per history), else PGlite in-process.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePeriod, previousPeriod, zoneWindow } from '../../../src/core/scorecard/period';
import type { LeaderScope, PeriodQuery, ScorecardRepo } from '../../../src/core/scorecard/repo';
import { localDateOf } from '../../../src/core/time';
import { copySqliteToPg } from '../../../src/store/pg/copy';
import { openPgDatabase, type OpenPgDatabase } from '../../../src/store/pg/db';
import { PgScorecardRepo, type PgQuery } from '../../../src/store/pg/scorecard';
import { openSqliteStore } from '../../../src/store/sqlite';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { tempDir } from '../../support/core';
import { PG_ADMIN_URL, POSTGRES } from '../../support/engines';
import { addExtras, generateHistory } from './engine-histories';

const ZONE = 'America/Chicago';
const PERIODS = ['week', 'last-week', 'month', 'last-month', 'quarter', 'last-quarter', '2026-W44', '2026-10-20..2026-11-10', '2026-03-02..2026-04-12'];
const SEEDS = [5, 7, 13, Math.floor(Math.random() * 1_000_000)];
const closers: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** A fresh, migrated PostgreSQL database: a pool for the repo and one connection for the copy's transaction. */
async function freshPostgres(): Promise<{ query: PgQuery; single: PgQuery }> {
  if (POSTGRES === 'pglite') {
    const { openPgliteDatabase } = await import('../../../src/store/pg/pglite');
    const db = await openPgliteDatabase();
    closers.push(() => db.close());
    return { query: db.query, single: db.query };
  }
  const name = `clause5_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db: OpenPgDatabase = await openPgDatabase(url.toString(), { poolSize: 4 });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  closers.push(async () => {
    await client.end();
    await db.close();
    const drop = new pg.Client({ connectionString: PG_ADMIN_URL });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  });
  return { query: db.query, single: async (text, params) => (await client.query(text, params)).rows };
}

/** Rows in a stable order, whatever order each engine returned them in. */
const byJson = <T>(rows: T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function figures(repo: ScorecardRepo, q: PeriodQuery) {
  const facts = await repo.periodFacts(q);
  const leadersOnly = await repo.periodFacts({ ...q, totals: false });
  const medians = await repo.responseMedians(q);
  return {
    leaders: byJson(facts.leaders),
    sites: byJson(facts.sites),
    all: facts.all,
    leadersOnly: { leaders: byJson(leadersOnly.leaders), sites: leadersOnly.sites, all: leadersOnly.all },
    medians: { byLeader: byJson(medians.byLeader), bySite: byJson(medians.bySite), overall: medians.overall },
    streaks: byJson(await repo.streaks(q)),
    custom: byJson(await repo.customFacts(q)),
  };
}

describe.each(SEEDS)(`the scorecard on ${POSTGRES} equals SQLite's on the same history (seed %i)`, (seed) => {
  const dir = tempDir('clause5-engines-equal-');
  const history = generateHistory(join(dir, 'org.db'), seed);
  const store = openSqliteStore(history.path, () => history.nowMs);
  closers.push(() => store.close());
  const extras = addExtras(store.database.sqlite, history, seed);
  const onSqlite = new SqliteScorecardRepo(store.database.db, () => history.nowMs, { workers: false });
  const today = localDateOf(history.nowMs, ZONE);
  const noSiteLeader = (store.database.sqlite.prepare("SELECT id FROM people WHERE role = 'leader' AND site_id IS NULL LIMIT 1").get() as { id: string }).id;
  const scopes: LeaderScope[] = [
    { kind: 'all' },
    ...history.siteIds.map((siteId) => ({ kind: 'site' as const, siteId })),
    ...[history.leaderIds[0]!, history.leaderIds[2]!, noSiteLeader].map((personId) => ({ kind: 'leader' as const, personId })),
  ];
  let onPostgres: PgScorecardRepo;
  const exercised = { sharedWins: 0, sharedFollowUps: 0, custom: 0, siteMedians: 0, streaks: 0 };

  it('copies the history to PostgreSQL', async () => {
    const target = await freshPostgres();
    const copied = await copySqliteToPg(store.database.sqlite, target.single);
    expect(copied.find((t) => t.name === 'prompts')!.rows).toBeGreaterThan(1000);
    expect(extras['custom questions']).toBeGreaterThan(0);
    onPostgres = new PgScorecardRepo(target.query);
  }, 120_000);

  it('has the same leaders and unreachable people', async () => {
    for (const scope of scopes) {
      expect(await onPostgres.leaders(history.orgId, scope, ZONE), JSON.stringify(scope)).toEqual(await onSqlite.leaders(history.orgId, scope, ZONE));
      expect(await onPostgres.unreachable(history.orgId, scope, 50)).toEqual(await onSqlite.unreachable(history.orgId, scope, 50));
    }
  });

  it.each(PERIODS)(
    'gives equal figures for %s and the period before, in every scope',
    async (text) => {
      const period = parsePeriod(text, today);
      for (const scope of scopes) {
        const zones = [...new Set((await onSqlite.leaders(history.orgId, scope, ZONE)).map((l) => l.zone))];
        for (const range of [period, previousPeriod(period)]) {
          const q: PeriodQuery = {
            orgId: history.orgId,
            scope,
            defaultZone: ZONE,
            ...range,
            nowMs: history.nowMs,
            zones: zones.map((z) => zoneWindow(range, z, history.nowMs, ZONE)),
          };
          const expected = await figures(onSqlite, q);
          expect(await figures(onPostgres, q), `seed ${seed}, ${text} (${range.from}..${range.to}), scope ${JSON.stringify(scope)}`).toEqual(expected);
          const sum = (key: 'wins' | 'followUpsDue') => expected.leaders.reduce((n, l) => n + l[key], 0);
          if (expected.all.wins < sum('wins')) exercised.sharedWins++;
          if (expected.all.followUpsDue < sum('followUpsDue')) exercised.sharedFollowUps++;
          exercised.custom += expected.custom.length;
          exercised.siteMedians += expected.medians.bySite.length;
          exercised.streaks += expected.streaks.filter((s) => s.best > 0).length;
        }
      }
    },
    120_000,
  );

  it('compared histories where items count once in totals, custom prompts, site medians and streaks', () => {
    for (const [what, n] of Object.entries(exercised)) expect(n, what).toBeGreaterThan(0);
  });
});
