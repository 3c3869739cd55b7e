// Downtime across a due time: the process is not running when floor-walk prompts fall due. On the
// next start the missed prompts go out once if they are still within the grace window; older ones
// are recorded as skipped (missed), never sent late. Shown twice on real files: with `clause5 tick
// --at` (the 08:55–09:10 example, default 6 h grace) and with `clause5 serve` on the real clock.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSED_REASON } from '../../src/scheduler/pass';
import { tempDir } from '../support/core';
import { FakeSlack } from '../support/fake-slack';
import { withDb } from './support/db';
import { addToFake, dmCounts, seedSlackPlant, slackEnv, type Plant } from './support/plant';
import { runCommand, serve, until } from './support/process';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs } from './support/secrets';

const LOGS = 'downtime';
let fake: FakeSlack;
let dir: string;
beforeAll(async () => {
  freshLogs(LOGS);
  fake = await new FakeSlack().start();
  dir = tempDir('clause5-downtime-');
});
afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
  expectNoSecrets(LOGS);
});

function rows(dbPath: string, orgPrefix: string) {
  return withDb(dbPath, (db) =>
    db
      .prepare(
        `SELECT status, last_error AS error, count(*) AS n FROM deliveries WHERE kind = 'floorwalk_prompt' AND org_id LIKE ? GROUP BY status, last_error`,
      )
      .all(`slack:T${orgPrefix}%`),
  ) as Array<{ status: string; error: string | null; n: number }>;
}

function dmsTo(plant: Plant): number[] {
  const counts = dmCounts(fake);
  return plant.leaders.map((l) => counts.get(`${l.teamId}:${l.userId}`) ?? 0);
}

describe('down from 08:55 to 09:10 with prompts due at 09:00 (clause5 tick --at)', () => {
  const nine = Date.parse('2026-11-20T09:00:00Z'); // a Friday
  const lastPass = Date.parse('2026-11-20T08:55:00Z');

  it('sends every missed prompt once within the grace window, and nothing twice on the next pass', async () => {
    const dbPath = join(dir, 'tick-grace.db');
    const plant = seedSlackPlant(dbPath, { workspaces: 2, leadersPer: 10, dueAt: nine, lastPassAt: lastPass, prefix: 'DG' });
    addToFake(fake, plant);
    const env = slackEnv(dbPath, fake.url, { NODE_ENV: 'production' });
    const first = await runCommand(['tick', '--at', '2026-11-20T09:10:00Z'], env, `${LOGS}-tick.log`);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Summary: 20 enqueued, 0 skipped, 20 sent');
    expect(dmsTo(plant)).toEqual(plant.leaders.map(() => 1));
    const again = await runCommand(['tick', '--at', '2026-11-20T09:11:00Z'], env, `${LOGS}-tick.log`);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Summary: 0 enqueued, 0 skipped, 0 sent');
    expect(dmsTo(plant)).toEqual(plant.leaders.map(() => 1));
    expect(rows(dbPath, 'DG')).toEqual([{ status: 'sent', error: null, n: 20 }]);
    figure('downtime', 'down 08:55–09:10, 20 prompts due 09:00: tick --at 09:10 sent 20 (once each), the 09:11 pass 0 more');
  });

  it('records prompts more than the grace window (6 h) late as skipped and sends none of them', async () => {
    const dbPath = join(dir, 'tick-late.db');
    const plant = seedSlackPlant(dbPath, { workspaces: 2, leadersPer: 10, dueAt: nine, lastPassAt: lastPass, prefix: 'DL' });
    addToFake(fake, plant);
    const env = slackEnv(dbPath, fake.url, { NODE_ENV: 'production' });
    const late = await runCommand(['tick', '--at', '2026-11-20T15:10:00Z'], env, `${LOGS}-tick.log`);
    expect(late.code, late.stderr).toBe(0);
    expect(late.stdout).toContain('Summary: 20 enqueued, 20 skipped, 0 sent');
    expect(late.stderr).toContain('catch-up: occurrences older than the grace window recorded as skipped');
    expect(dmsTo(plant)).toEqual(plant.leaders.map(() => 0));
    expect(rows(dbPath, 'DL')).toEqual([{ status: 'skipped', error: MISSED_REASON, n: 20 }]);
    figure('downtime', 'down 08:55–15:10 (past the 6 h grace): 20 prompts recorded skipped (missed), 0 sent');
  });
});

describe('clause5 serve started after a downtime, on the real clock', () => {
  it('sends what is within the grace window once, skips what is older, and a second restart changes nothing', async () => {
    const dbPath = join(dir, 'serve.db');
    const now = Date.now();
    const minute = (n: number) => Math.floor(now / 60_000) * 60_000 - n * 60_000;
    // Down for the last 30 minutes; grace 15 minutes: prompts due 5 min ago are sent, 25 min ago skipped.
    const recent = seedSlackPlant(dbPath, { workspaces: 1, leadersPer: 15, dueAt: minute(5), lastPassAt: minute(30), prefix: 'SR' });
    const old = seedSlackPlant(dbPath, { workspaces: 1, leadersPer: 15, dueAt: minute(25), lastPassAt: minute(30), prefix: 'SO' });
    addToFake(fake, recent);
    addToFake(fake, old);
    const env = slackEnv(dbPath, fake.url, { NODE_ENV: 'production', CLAUSE5_GRACE_HOURS: '0.25' });
    const server = await serve(env, `${LOGS}-serve.log`);
    await until(() => dmsTo(recent).every((n) => n >= 1), 20_000, 'the recent prompts');
    await server.kill('SIGTERM');
    expect(rows(dbPath, 'SR')).toEqual([{ status: 'sent', error: null, n: 15 }]);
    expect(rows(dbPath, 'SO')).toEqual([{ status: 'skipped', error: MISSED_REASON, n: 15 }]);
    expect(server.stdout).toContain('catch-up: occurrences older than the grace window recorded as skipped');

    const again = await serve(env, `${LOGS}-serve.log`);
    await again.kill('SIGTERM');
    expect(dmsTo(recent)).toEqual(recent.leaders.map(() => 1));
    expect(dmsTo(old)).toEqual(old.leaders.map(() => 0));
    figure('downtime', 'serve after 30 min down, grace 15 min: 15 prompts due 5 min ago sent once, 15 due 25 min ago skipped; a second restart sent nothing');
  });
});
