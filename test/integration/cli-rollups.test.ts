// `clause5 rollups rebuild` and the rollup check of `clause5 verify`, through the real command line
// on a generated organisation file (its rows were written without the audit record, so verify's
// later live-row check fails on them; the rollup check runs before it).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../scripts/bench/generate-org';
import { tempDir } from '../support/core';
import { runCli, runCliInProcess } from '../unit/cli/support';

let dir: string;
let db: string;
beforeEach(() => {
  dir = tempDir('clause5-cli-rollups-');
  db = join(dir, 'org.db');
  generateOrg(db, { leaders: 8, weeks: 6, seed: 3, now: '2026-11-20T15:00:00Z', sites: 2 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ENV = () => ({ CLAUSE5_DB: db, CLAUSE5_DEFAULT_TZ: 'America/Chicago' });
/** The first rebuild runs as the real command line (a process, its exit code); the rest in this process, a CLI start (2–3 s) saved each. */
const cliProcess = (args: string[]) => runCli(args, dir, ENV());
const cli = (args: string[]) => runCliInProcess(args, ENV());

function run(sql: string): number {
  const sqlite = new Database(db);
  try {
    return sqlite.prepare(sql).run().changes;
  } finally {
    sqlite.close();
  }
}

describe('clause5 rollups', { timeout: 120_000 }, () => {
  it('rebuilds the weeks, and verify names a rollup row that no longer matches the records', async () => {
    const rebuilt = await cliProcess(['rollups', 'rebuild']);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(Number(/^local: (\d+) weeks counted in \d+ ms/.exec(rebuilt.stdout)?.[1])).toBeGreaterThanOrEqual(6);
    expect((await cli(['verify'])).stderr).not.toContain('rollups');

    // A rollup row changed behind the triggers' back (no write to the records marks it stale).
    expect(
      run(
        "UPDATE scorecard_rollups SET owed_days = owed_days + 1 WHERE (org_id, level, key, week) = (SELECT org_id, level, key, week FROM scorecard_rollups WHERE level = 'leader' LIMIT 1)",
      ),
    ).toBe(1);
    const broken = await cli(['verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/scorecard rollups: the weekly scorecard rollups of the week of \d{4}-\d{2}-\d{2} differ .*rollups rebuild/);

    expect((await cli(['rollups', 'rebuild', '--org', 'local'])).code).toBe(0);
    expect((await cli(['verify'])).stderr).not.toContain('rollups');

    // A leader's history row (what medians and streaks read) changed behind the refresher's back.
    expect(
      run(
        "UPDATE scorecard_rollups SET streak = streak || '1' WHERE (org_id, level, key, week) = (SELECT org_id, level, key, week FROM scorecard_rollups WHERE level = 'history' AND key <> '' LIMIT 1)",
      ),
    ).toBe(1);
    expect((await cli(['verify'])).stderr).toMatch(/scorecard rollups: the scorecard rollups' per-leader histories differ .*rollups rebuild/);
    expect((await cli(['rollups', 'rebuild'])).code).toBe(0);
    expect((await cli(['verify'])).stderr).not.toContain('rollups');
    const unknown = await cli(['rollups', 'rebuild', '--org', 'nope']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('No organisation “nope”')]);
    expect((await cli(['rollups', 'redo'])).code).toBe(2);
  });

  it('says so when the database holds no organisation yet', async () => {
    const empty = await runCliInProcess(['rollups', 'rebuild'], { CLAUSE5_DB: join(dir, 'empty.db'), CLAUSE5_DEFAULT_TZ: 'America/Chicago' });
    expect([empty.code, empty.stdout]).toEqual([0, 'No organisation yet: nothing to rebuild.\n']);
  });
});
