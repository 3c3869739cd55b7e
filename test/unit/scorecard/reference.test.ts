// The optimised scorecard SQL against a straightforward reference (reference.ts) on generated
// organisations: every leader's counts, the medians and the streaks, for several periods and
// scopes, through the worker threads and inline. One seed is random on each run (it is in the
// failure message, to replay it); the others are fixed.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../../scripts/bench/generate-org';
import { parsePeriod, previousPeriod, zoneWindow } from '../../../src/core/scorecard/period';
import type { LeaderScope, PeriodQuery } from '../../../src/core/scorecard/repo';
import { localDateOf } from '../../../src/core/time';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { tempDir } from '../../support/core';
import { Reference } from './reference';

const ZONE = 'America/Chicago';
const PERIODS = ['week', 'last-week', 'month', 'last-month', 'quarter', 'last-quarter', '2026-W53', '2026-10-14..2027-01-05', '2026-12-24..2027-01-03'];
const seeds = [7, 11, Math.floor(Math.random() * 1_000_000)];
const stores: SqliteStore[] = [];
afterAll(() => stores.forEach((s) => s.close()));

function sorted<T extends object>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Rows a small generated org may lack: overlapping away periods (Mon–Tue and Mon–Wed of one week), a leader with no site in another zone, one who joined mid-history. */
function addEdgeCases(store: SqliteStore, nowMs: number): void {
  const db = store.database.sqlite;
  const first = db.prepare("SELECT id FROM people WHERE role = 'leader' ORDER BY id LIMIT 1").get() as { id: string };
  db.prepare('INSERT INTO away_periods (org_id, person_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?, ?)').run('local', first.id, '2026-11-16', '2026-11-17', nowMs);
  db.prepare('INSERT INTO away_periods (org_id, person_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?, ?)').run('local', first.id, '2026-11-16', '2026-11-18', nowMs);
  db.prepare("UPDATE people SET site_id = NULL, time_zone = 'Asia/Tokyo' WHERE id = (SELECT id FROM people WHERE role = 'leader' ORDER BY id LIMIT 1 OFFSET 1)").run();
  db.prepare("UPDATE people SET joined_on = '2026-12-16' WHERE id = (SELECT id FROM people WHERE role = 'leader' ORDER BY id LIMIT 1 OFFSET 2)").run();
}

describe.each(seeds)('the scorecard SQL agrees with the reference (seed %i)', (seed) => {
  const dir = tempDir('clause5-scorecard-ref-');
  const org = generateOrg(join(dir, 'org.db'), { leaders: 20, weeks: 12, seed, now: '2027-01-06T15:00:00Z', sites: 4 });
  const store = openSqliteStore(org.path, () => org.nowMs);
  stores.push(store);
  addEdgeCases(store, org.nowMs);
  const reference = new Reference(store.database.sqlite);
  const repos = {
    workers: new SqliteScorecardRepo(store.database.db, () => org.nowMs, { workers: true }),
    inline: new SqliteScorecardRepo(store.database.db, () => org.nowMs, { workers: false }),
  };
  const today = localDateOf(org.nowMs, ZONE);
  const scopes: LeaderScope[] = [
    { kind: 'all' },
    ...org.sites.map((s) => ({ kind: 'site' as const, siteId: s.id })),
    { kind: 'leader', personId: org.leaderIds[0]! },
    { kind: 'leader', personId: org.leaderIds[1]! },
  ];

  async function queryFor(scope: LeaderScope, period: { from: string; to: string }): Promise<PeriodQuery> {
    const leaders = await repos.inline.leaders(org.orgId, scope, ZONE);
    const zones = [...new Set(leaders.map((l) => l.zone))];
    return { orgId: org.orgId, scope, defaultZone: ZONE, ...period, nowMs: org.nowMs, zones: zones.map((z) => zoneWindow(period, z, org.nowMs, ZONE)) };
  }

  it.each(PERIODS)('for %s, every scope, with and without workers', async (text) => {
    const period = parsePeriod(text, today);
    for (const scope of scopes) {
      for (const range of [period, previousPeriod(period)]) {
        const q = await queryFor(scope, range);
        const where = `seed ${seed}, ${text} (${range.from}..${range.to}), scope ${JSON.stringify(scope)}`;
        const expected = sorted(reference.facts(q), (r) => r.personId);
        expect(expected.length, where).toBeGreaterThan(0);
        const medians = reference.medians(q);
        const streaks = sorted(reference.streaks(q), (r) => r.personId);
        for (const [mode, repo] of Object.entries(repos)) {
          expect(sorted(await repo.periodFacts(q), (r) => r.personId), `${where}: facts, ${mode}`).toEqual(expected);
          const got = await repo.responseMedians(q);
          expect(sorted(got.byLeader, (m) => m.personId), `${where}: medians, ${mode}`).toEqual(sorted(medians.byLeader, (m) => m.personId));
          expect(sorted(got.bySite, (m) => String(m.siteId)), `${where}: site medians, ${mode}`).toEqual(sorted(medians.bySite, (m) => String(m.siteId)));
          expect(got.overall, `${where}: overall median, ${mode}`).toBe(medians.overall);
          expect(sorted(await repo.streaks(q), (r) => r.personId), `${where}: streaks, ${mode}`).toEqual(streaks);
        }
      }
    }
  });
});
