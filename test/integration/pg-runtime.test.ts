// The runtime and the command line on PostgreSQL (CLAUSE5_DATABASE_URL), as real child processes
// against a fresh database on the server: migrate, secrets rotate, backup's refusal, seed-demo,
// tick --at, scorecard, evidence, verify, rollups rebuild, and `serve` answering /healthz.
// PGlite cannot be reached by another process: the tests are skipped only when no server answers
// (and CLAUSE5_TEST_PG=require makes that a failure in engines.ts instead).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDateOf, zonedInstant } from '../../src/core/time';
import { newSecretKey } from '../../src/store/secret-box';
import { tempDir } from '../support/core';
import { PG_ADMIN_URL, POSTGRES } from '../support/engines';
import { startServe } from '../support/serve-process';
import { cleanEnv, ROOT, runCli, runCliInProcess } from '../unit/cli/support';

const ZONE = 'America/Chicago';
const created: string[] = [];
let dir: string;

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the server (dropped after the file), and its URL. */
async function freshDatabase(): Promise<string> {
  const name = `clause5_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(PG_ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  created.push(name);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

afterAll(async () => {
  if (created.length === 0) return;
  await onServer(PG_ADMIN_URL, async (c) => {
    for (const name of created.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}, 60_000);
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// CLAUSE5_DB points at a file that must never appear: everything goes to PostgreSQL.
const env = (url: string, extra: Record<string, string> = {}) => ({
  CLAUSE5_DATABASE_URL: url,
  CLAUSE5_DB: join(dir, 'data', 'clause5.db'),
  CLAUSE5_DEFAULT_TZ: ZONE,
  ...extra,
});

describe.skipIf(POSTGRES === 'pglite')('the command line and the server on PostgreSQL', { timeout: 180_000 }, () => {
  it('migrates, rotates the stored secrets, and refuses backup with the pg_dump to use instead', async () => {
    dir = tempDir('clause5-pg-cli-');
    const url = await freshDatabase();
    const cli = (args: string[], extra?: Record<string, string>) => runCli(args, dir, env(url, extra));

    const first = await cli(['migrate']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Database PostgreSQL at 127\.0\.0\.1:5432\/clause5_test_\w+ is up to date: applied (\d+) migration\(s\), \1 in total\.\n$/);
    const again = await cli(['migrate']);
    expect(again.stdout).toMatch(/is up to date: no new migrations, \d+ in total/);

    // A token stored in plaintext (by a version before encryption) is sealed by the rotation.
    await onServer(url, (c) =>
      c.query(`INSERT INTO slack_installations (team_id, bot_token, bot_user_id, bot_id, installed_at) VALUES ('T1', 'xoxb-plain', 'U1', 'B1', 0)`),
    );
    const rotate = await cli(['secrets', 'rotate'], { CLAUSE5_SECRET_KEY: newSecretKey() });
    expect(rotate.stderr).toBe('');
    expect(rotate.code).toBe(0);
    expect(rotate.stdout).toMatch(
      /^Secrets in PostgreSQL at 127\.0\.0\.1:5432\/clause5_test_\w+: 0 re-sealed with the current key, 1 plaintext value\(s\) sealed/,
    );
    const [stored] = await onServer(url, async (c) => (await c.query(`SELECT bot_token FROM slack_installations`)).rows as Array<{ bot_token: string }>);
    expect(stored?.bot_token).not.toContain('xoxb-plain');

    const backup = await cli(['backup', join(dir, 'copy.db')]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('on PostgreSQL at 127.0.0.1:5432/clause5_test_');
    expect(backup.stderr).toContain(`pg_dump --format=custom --file ${join(dir, 'copy.db')}`);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    expect(existsSync(join(dir, 'data', 'clause5.db'))).toBe(false);
  });

  it('runs seed-demo, tick --at, scorecard, evidence, verify and rollups rebuild on the server', async () => {
    dir = tempDir('clause5-pg-cli-');
    const url = await freshDatabase();
    // In this process (runCliInProcess): the test before runs the command line as a child on PostgreSQL.
    const cli = (args: string[]) => runCliInProcess(args, env(url));
    const rows = <T>(sql: string) => onServer(url, async (c) => (await c.query(sql)).rows as T[]);

    const seeded = await cli(['seed-demo']);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toMatch(/@maria\s+Maria Lopez\s+leader/);

    // Maria's "Plant morning meeting" is at 07:30 on weekdays; its reminder is due at 07:20.
    let day = addDays(localDateOf(Date.now(), ZONE), 1);
    while (isoWeekday(day) > 5) day = addDays(day, 1);
    const at = new Date(zonedInstant(day, '07:20', ZONE)).toISOString();
    const tick = await cli(['tick', '--at', at]);
    expect(tick.stderr).not.toMatch(/"level":(50|60)/);
    expect(tick.code).toBe(0);
    expect(tick.stdout).toContain(`Scheduler pass at ${at}`);
    expect(tick.stdout).toMatch(/Enqueued \d+:\n(.*\n)*? {2}#\d+ meeting_reminder → Maria Lopez/);
    expect(tick.stdout).toMatch(/Sent \d+:\n(.*\n)*? {2}#\d+ meeting_reminder → Maria Lopez/);
    expect(tick.stdout).toContain('== Open Plant morning meeting with a quality update ==');
    const reminder = "SELECT status, sent_at FROM deliveries WHERE kind = 'meeting_reminder' AND person_id = 'local:maria'";
    expect(await rows(reminder)).toEqual([{ status: 'sent', sent_at: String(Date.parse(at)) }]);
    const again = await cli(['tick', '--at', at]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Summary: 0 enqueued');
    expect(await rows(reminder)).toHaveLength(1);

    const scorecard = await cli(['scorecard', 'all', 'month', '--format', 'csv']);
    expect(scorecard.stderr).toBe('');
    expect(scorecard.code).toBe(0);
    expect(scorecard.stdout.split('\n').some((l) => l.includes('Maria Lopez'))).toBe(true);
    const maria = await cli(['scorecard', '@maria', '--format=json']);
    expect(maria.code).toBe(0);
    expect(JSON.parse(maria.stdout)).toBeTypeOf('object');

    const out = join(dir, 'evidence.md');
    const year = day.slice(0, 4);
    const evidence = await cli(['evidence', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--format', 'md', '--out', out]);
    expect(evidence.stderr).toBe('');
    expect(evidence.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Maria Lopez');

    const verify = await cli(['verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^local: \d+ entries checked, head [0-9a-f]+$/m);
    expect(verify.stdout).toContain('The record is intact.');

    const rollups = await cli(['rollups', 'rebuild']);
    expect(rollups.code).toBe(0);
    expect(rollups.stderr).toBe('');
    expect(rollups.stdout).toMatch(/^local: \d+ weeks counted in \d+ ms$/m);
    const [counted] = await rows<{ n: number }>("SELECT COUNT(*)::int AS n FROM scorecard_rollups WHERE level = 'week'");
    expect(counted!.n, rollups.stdout).toBe(Number(/^local: (\d+) weeks/m.exec(rollups.stdout)![1]));
    expect(existsSync(join(dir, 'data', 'clause5.db'))).toBe(false);
  });

  it('serves /healthz with CLAUSE5_DATABASE_URL set, seeds the demo plant there, and stops on SIGTERM', async () => {
    dir = tempDir('clause5-pg-serve-');
    const url = await freshDatabase();
    const serve = await startServe(
      `${ROOT}node_modules/.bin/tsx`,
      [`${ROOT}src/cli.ts`, 'serve'],
      dir,
      cleanEnv(env(url, { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' })),
    );
    expect(serve.stdout()).toMatch(/Database: PostgreSQL at 127\.0\.0\.1:5432\/clause5_test_\w+\n/);
    expect(serve.stdout()).toContain('Seeded the demo plant');
    const res = await fetch(`http://127.0.0.1:${serve.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await onServer(url, async (c) => (await c.query("SELECT count(*)::int AS n FROM people WHERE org_id = 'local'")).rows)).toEqual([{ n: 9 }]);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.stderr()).toBe('');
    expect(existsSync(join(dir, 'data', 'clause5.db'))).toBe(false);
  });
});
