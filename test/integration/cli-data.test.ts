// seed-demo, roster import, tick --at and scorecard through the real command line and a real file:
// the first test as a child process, the others through the same runCli inside this process (each
// child costs a second or two of start-up that none of them is about).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDateOf, zonedInstant } from '../../src/core/time';
import { tempDir } from '../support/core';
import { runCli, runCliInProcess } from '../unit/cli/support';

let dir: string;
let db: string;
beforeEach(() => {
  dir = tempDir('clause5-cli-');
  db = join(dir, 'data', 'clause5.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ CLAUSE5_DB: db, CLAUSE5_DEFAULT_TZ: 'America/Chicago' });
const spawnCli = (args: string[]) => runCli(args, dir, env());
const cli = (args: string[]) => runCliInProcess(args, env());

function query<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

describe('clause5 data commands', { timeout: 90_000 }, () => {
  it('seeds the demo plant once', async () => {
    const first = await spawnCli(['seed-demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Seeded the demo plant');
    expect(first.stdout).toMatch(/@maria\s+Maria Lopez\s+leader/);
    const second = await spawnCli(['seed-demo']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already has 9 people; nothing was changed');
    expect(query("select count(*) as n from people where org_id = 'local'")).toEqual([{ n: 9 }]);
  });

  it('imports nothing from a roster with bad rows and names each bad line; imports a good one', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        'id_or_handle,name,role,site,team,time_zone,walk_day,walk_time,joined_on',
        'nina,Nina Park,leader,Plant 2,,America/Chicago,fri,14:00,2026-01-05',
        'omar,Omar Haddad,boss,Plant 2,,,,,',
        'pat,Pat Lee,leader,Plant 2,,Mars/Base,,,',
        'quin,Quin Roy,leader,Plant 2,,,someday,25:00,',
      ].join('\n'),
    );
    const run = await cli(['roster', 'import', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('4 bad row(s); nothing was imported');
    expect(run.stderr).toMatch(/line 2: unknown site “Plant 2” .*--create-sites/); // not created silently (issue 10 item 9)
    expect(run.stderr).toMatch(/line 3: .*boss/);
    expect(run.stderr).toMatch(/line 4: .*Mars\/Base/);
    expect(run.stderr).toMatch(/line 5: .*someday/);
    expect(query("select count(*) as n from people where org_id = 'local'")).toEqual([{ n: 0 }]);

    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      [
        'id_or_handle,name,role,site,team,time_zone,walk_day,walk_time,joined_on',
        'nina,Nina Park,leader,Plant 2,,America/Chicago,fri,14:00,2026-01-05',
        'ola,Ola Berg,admin,Plant 2,,,,,',
      ].join('\n'),
    );
    const ok = await cli(['roster', 'import', good, '--create-sites']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Imported 2 row(s)');
    expect(query("select display_name as name, role from people where org_id = 'local' order by 1")).toEqual([
      { name: 'Nina Park', role: 'leader' },
      { name: 'Ola Berg', role: 'admin' },
    ]);

    const missing = await cli(['roster', 'import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no file');
    const wrongOrg = await cli(['roster', 'import', good, '--org', 'slack:T404']);
    expect(wrongOrg.code).toBe(1);
    expect(wrongOrg.stderr).toContain('There is no organisation “slack:T404” in this database (known: local)');
  });

  it('tick --at runs one pass at that instant, sends what is due and prints it', async () => {
    expect((await cli(['seed-demo'])).code).toBe(0);
    // Maria's "Plant morning meeting" is at 07:30 on weekdays; its reminder is due at 07:20.
    let day = addDays(localDateOf(Date.now(), 'America/Chicago'), 1);
    while (isoWeekday(day) > 5) day = addDays(day, 1);
    const at = new Date(zonedInstant(day, '07:20', 'America/Chicago')).toISOString();
    const run = await cli(['tick', '--at', at]);
    // Outside production the Teams platform is on (unauthenticated) and warns; nothing worse.
    expect(run.stderr).not.toMatch(/"level":(50|60)/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Scheduler pass at ${at}`);
    expect(run.stdout).toMatch(/Enqueued \d+:\n(.*\n)*? {2}#\d+ meeting_reminder → Maria Lopez/);
    expect(run.stdout).toMatch(/Sent \d+:\n(.*\n)*? {2}#\d+ meeting_reminder → Maria Lopez/);
    expect(run.stdout).toContain('== Open Plant morning meeting with a quality update ==');
    const rows = query<{ status: string; sent_at: number }>(
      "select status, sent_at from deliveries where kind = 'meeting_reminder' and person_id = 'local:maria'",
    );
    expect(rows).toEqual([{ status: 'sent', sent_at: Date.parse(at) }]);

    // The same instant again: nothing new, nothing sent twice.
    const again = await cli(['tick', '--at', at]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Summary: 0 enqueued');
    expect(query("select count(*) as n from deliveries where kind = 'meeting_reminder' and person_id = 'local:maria'")).toEqual([{ n: 1 }]);
  });

  it('prints the scorecard as csv and json, and explains a bad target', async () => {
    expect((await cli(['seed-demo'])).code).toBe(0);
    const csv = await cli(['scorecard', 'all', 'month', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => l.includes('Maria Lopez'))).toBe(true);
    const json = await cli(['scorecard', '@maria', '--format=json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toBeTypeOf('object');
    const table = await cli(['scorecard', 'site', 'Riverside Plant']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Riverside Plant');
    const nobody = await cli(['scorecard', '@nobody']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('nobody');
    const badFormat = await cli(['scorecard', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
  });
});
