// `clause5 db copy --to postgres://…` through the CLI (runCli, in this process) against the PostgreSQL server, into a
// fresh database: every row arrives, sequences continue after the copied ids, the scorecard check
// says equal, and a second copy into the now non-empty database is refused without touching it.
// Then the check itself: a figure changed on one engine is reported, naming the leader.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../scripts/bench/generate-org';
import { checkCopy } from '../../src/store/pg/copy-check';
import { openPgDatabase } from '../../src/store/pg/db';
import { PgScorecardRepo } from '../../src/store/pg/scorecard';
import { openSqliteStore } from '../../src/store/sqlite';
import { SqliteScorecardRepo } from '../../src/store/sqlite/scorecard';
import { tempDir } from '../support/core';
import { PG_ADMIN_URL, POSTGRES } from '../support/engines';
import { addExtras } from '../unit/scorecard/engine-histories';
import { runCliInProcess } from '../unit/cli/support';

const ZONE = 'America/Chicago';
const databases: string[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `clause5_copy_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  databases.push(name);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  for (const name of databases) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}, 60_000);

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    const counts: Record<string, number> = {};
    for (const { name } of rows) counts[name] = (await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "${name}"`)).rows[0]!.n;
    return counts;
  } finally {
    await client.end();
  }
}

const reason = POSTGRES === 'postgres' ? '' : ` (skipped: no PostgreSQL server answers at ${new URL(PG_ADMIN_URL).host}; set CLAUSE5_TEST_PG_URL)`;

describe.skipIf(POSTGRES !== 'postgres')(`db copy into a PostgreSQL server${reason}`, () => {
  const dir = tempDir('clause5-db-copy-');
  const nowMs = Date.now();
  const org = generateOrg(join(dir, 'clause5.db'), { leaders: 12, weeks: 60, seed: 3, now: new Date(nowMs).toISOString(), sites: 3 });
  const store = openSqliteStore(org.path, () => nowMs);
  addExtras(store.database.sqlite, { path: org.path, orgId: org.orgId, nowMs, siteIds: [], leaderIds: org.leaderIds }, 3);
  const sqliteCounts = Object.fromEntries(
    (
      store.database.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
        .all() as Array<{ name: string }>
    ).map(({ name }) => [name, (store.database.sqlite.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
  );
  store.close();
  const env = { CLAUSE5_DB: org.path, CLAUSE5_DEFAULT_TZ: ZONE };
  let url: string;

  it('copies every row, reports equal scorecards, and new rows get fresh ids', async () => {
    url = await freshDatabase();
    const run = await runCliInProcess(['db', 'copy', '--to', url], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Scorecards \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}: 12 leaders in 1 organisation\(s\) compared/);
    expect(run.stdout).toContain('Result: equal');
    // The rollups are not copied: PostgreSQL counts its own weeks as they are read.
    expect(await rowCounts(url)).toEqual({ ...sqliteCounts, scorecard_rollups: 0, scorecard_rollup_edges: 0, scorecard_rollup_marks: 0 });
    expect(sqliteCounts.prompts).toBeGreaterThan(1000);
    // Identity sequences continue after the copied ids: the next insert does not collide.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('error', () => {});
    try {
      const { rows } = await client.query<{ id: number }>(
        "INSERT INTO site_closures (org_id, site_id, from_date, to_date, created_at) SELECT org_id, id, '2030-01-01', '2030-01-02', 0 FROM sites LIMIT 1 RETURNING id",
      );
      await client.query('DELETE FROM site_closures WHERE id = $1', [rows[0]!.id]);
      expect(rows[0]!.id).toBe(sqliteCounts.site_closures! + 1);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('refuses a database that is not empty, and leaves it as it was', async () => {
    const before = await rowCounts(url);
    const run = await runCliInProcess(['db', 'copy', '--to', url], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/The PostgreSQL database is not empty \(rows in organisations, .*\): db copy only fills an empty database/);
    expect(await rowCounts(url)).toEqual(before);
  }, 120_000);

  it('refuses a SQLite file at another schema version, naming what differs, and copies nothing', async () => {
    const other = join(dir, 'newer.db');
    const newer = openSqliteStore(other, () => nowMs);
    newer.database.sqlite.exec('CREATE TABLE scorecard_extra (id INTEGER PRIMARY KEY); ALTER TABLE sites ADD COLUMN colour TEXT');
    newer.close();
    const empty = await freshDatabase();
    const run = await runCliInProcess(['db', 'copy', '--to', empty], { ...env, CLAUSE5_DB: other });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'not at the same schema version: table scorecard_extra is not in the PostgreSQL database; column sites.colour is not in the PostgreSQL database',
    );
    expect(Object.values(await rowCounts(empty)).every((n) => n === 0)).toBe(true);
  }, 120_000);

  it('asks for a postgres:// URL', async () => {
    const run = await runCliInProcess(['db', 'copy', '--to', 'mysql://x'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('db copy needs --to postgres://');
  }, 60_000);

  it('reports a leader whose figures differ between the engines', async () => {
    const target = await openPgDatabase(url, { poolSize: 2, migrate: false });
    const source = openSqliteStore(org.path, () => nowMs);
    try {
      // A prompt sent well inside the last year and answered within 48 h: always counted.
      const [changed] = await target.query<{ person_id: string }>(
        `UPDATE prompts SET answered_at = NULL, answer = NULL, status = 'missed'
          WHERE id = (SELECT id FROM prompts WHERE sent_at BETWEEN $1 AND $2 AND answered_at - sent_at < 3600000 ORDER BY id LIMIT 1)
          RETURNING person_id`,
        [nowMs - 200 * 86_400_000, nowMs - 10 * 86_400_000],
      );
      const tables = Object.keys(sqliteCounts)
        .filter((name) => !name.startsWith('scorecard_rollup'))
        .map((name) => ({ name, rows: sqliteCounts[name]! }));
      const repos = { sqlite: new SqliteScorecardRepo(source.database.db, () => nowMs, { workers: false }), postgres: new PgScorecardRepo(target.query) };
      const check = await checkCopy(source.database.sqlite, target.query, tables, repos, { nowMs, defaultZone: ZONE });
      // That leader's line, and the pooled medians of their site and of the organisation.
      const leaderLine = check.differences.find((d) => d.includes(', leader '));
      const others = check.differences.filter((d) => d !== leaderLine);
      expect(leaderLine).toContain(`(${changed!.person_id}): SQLite`);
      expect(leaderLine).toMatch(/"promptsAnsweredInTime":(\d+).*≠ PostgreSQL .*"promptsAnsweredInTime":/);
      expect(others.map((d) => d.replace(/:.*/s, ''))).toEqual(['organisation local, totals medianSites', 'organisation local, totals median']);
    } finally {
      source.close();
      await target.close();
    }
  }, 60_000);
});
