// The optimised scorecard SQL against a straightforward reference (reference.ts) on generated
// organisations: every leader's counts, the medians and the streaks, for several periods and
// scopes, through the worker threads and inline. One seed is random on each run (it is in the
// failure message, to replay it); the others are fixed.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../../scripts/bench/generate-org';
import { parsePeriod, previousPeriod, zoneWindow } from '../../../src/core/scorecard/period';
import type { LeaderScope, PeriodFacts, PeriodQuery } from '../../../src/core/scorecard/repo';
import { isoWeekKey, localDateOf, zonedInstant } from '../../../src/core/time';
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

/** Leaders in id order; sites in id order, those with nothing to count left out. */
function normalised(facts: PeriodFacts): PeriodFacts {
  const counted = facts.sites.filter((s) => s.wins + s.followUpsOnTime + s.followUpsDue + s.followUpsOverdue > 0);
  return { leaders: sorted(facts.leaders, (r) => r.personId), sites: sorted(counted, (s) => String(s.siteId)), all: facts.all };
}

/** Rows a small generated org may lack: overlapping away periods (Mon–Tue and Mon–Wed of one week), a leader with no site in another zone, one who joined mid-history. */
function addEdgeCases(store: SqliteStore, nowMs: number): string {
  const db = store.database.sqlite;
  const first = db.prepare("SELECT id FROM people WHERE role = 'leader' ORDER BY id LIMIT 1").get() as { id: string };
  db.prepare('INSERT INTO away_periods (org_id, person_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?, ?)').run(
    'local',
    first.id,
    '2026-11-16',
    '2026-11-17',
    nowMs,
  );
  db.prepare('INSERT INTO away_periods (org_id, person_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?, ?)').run(
    'local',
    first.id,
    '2026-11-16',
    '2026-11-18',
    nowMs,
  );
  db.prepare(
    "UPDATE people SET site_id = NULL, time_zone = 'Asia/Tokyo' WHERE id = (SELECT id FROM people WHERE role = 'leader' ORDER BY id LIMIT 1 OFFSET 1)",
  ).run();
  // Leaders who became a leader during their joining day (zone instants worked out here): after
  // their walk prompt and never asked (late), after it but prompted anyway, after the day's walk
  // slot when the prompt day is later, and before the slot. Their joining week has no walk.
  const leaderAt = (offset: number, joinedOn: string, time: string, slot: [number, string], prompted: boolean) => {
    const l = db
      .prepare(
        `SELECT p.id, COALESCE(p.time_zone, s.time_zone, ?) AS zone FROM people p LEFT JOIN sites s ON s.id = p.site_id
         WHERE p.role = 'leader' ORDER BY p.id LIMIT 1 OFFSET ?`,
      )
      .get(ZONE, offset) as { id: string; zone: string };
    const week = isoWeekKey(joinedOn);
    // The joining day must be owed whatever the seed generated: no absence or shutdown on it.
    db.prepare('DELETE FROM away_periods WHERE person_id = ? AND from_date <= ? AND to_date >= ?').run(l.id, joinedOn, joinedOn);
    db.prepare('DELETE FROM site_closures WHERE site_id = (SELECT site_id FROM people WHERE id = ?) AND from_date <= ? AND to_date >= ?').run(
      l.id,
      joinedOn,
      joinedOn,
    );
    db.prepare('UPDATE people SET joined_on = ?, leader_since = ? WHERE id = ?').run(joinedOn, zonedInstant(joinedOn, time, l.zone), l.id);
    db.prepare('UPDATE floor_walk_schedules SET weekday = ?, time = ? WHERE person_id = ?').run(slot[0], slot[1], l.id);
    const walks = 'SELECT id FROM floor_walks WHERE person_id = ? AND week_key = ?';
    db.prepare(`UPDATE follow_ups SET walk_id = NULL WHERE walk_id IN (${walks})`).run(l.id, week);
    db.prepare(`DELETE FROM floor_walks WHERE id IN (${walks})`).run(l.id, week);
    db.prepare("DELETE FROM prompts WHERE person_id = ? AND kind = 'floorwalk' AND subject = ?").run(l.id, `week:${week}`);
    if (prompted) {
      db.prepare("INSERT INTO prompts (org_id, person_id, kind, subject, sent_at, status) VALUES ('local', ?, 'floorwalk', ?, ?, 'missed')").run(
        l.id,
        `week:${week}`,
        zonedInstant(joinedOn, '21:00', l.zone),
      );
    }
    return l.id;
  };
  const late = leaderAt(2, '2026-12-16', '20:00', [3, '09:00'], false); // Wed 20:00, walk day Wed 09:00
  leaderAt(3, '2026-12-17', '20:00', [2, '09:00'], true); // Thu 20:00 after a Tue slot, but prompted
  leaderAt(4, '2026-12-10', '20:00', [5, '14:00'], false); // Thu 20:00, asked on Friday
  leaderAt(5, '2026-12-11', '11:00', [5, '14:00'], false); // Fri 11:00, before the slot
  // Items of two leaders (totals count them once): follow-ups raised by one leader and owned by another
  // of the same site and of another site, and wins posted by one leader for another's team.
  const pairs = db
    .prepare(
      `SELECT a.id AS a, b.id AS b, (SELECT t.id FROM teams t WHERE t.leader_id = b.id LIMIT 1) AS team FROM people a JOIN people b
       ON b.role = 'leader' AND b.id <> a.id AND (b.site_id = a.site_id) = ? WHERE a.role = 'leader' AND a.site_id IS NOT NULL ORDER BY a.id, b.id LIMIT 1`,
    )
    .all(1)
    .concat(
      db
        .prepare(
          `SELECT a.id AS a, b.id AS b, NULL AS team FROM people a JOIN people b ON b.role = 'leader' AND b.site_id <> a.site_id WHERE a.role = 'leader' ORDER BY a.id DESC LIMIT 1`,
        )
        .all(),
    ) as Array<{ a: string; b: string; team: number | null }>;
  for (const [i, { a, b, team }] of pairs.entries()) {
    for (const [due, closed] of [
      ['2026-12-21', null],
      ['2026-12-30', '2026-12-29'],
      ['2026-11-20', '2026-12-02'],
    ] as const) {
      db.prepare(
        "INSERT INTO follow_ups (org_id, raised_by, owner_id, text, due_date, status, closed_on, created_at, updated_at) VALUES ('local', ?, ?, 'Shared', ?, ?, ?, ?, ?)",
      ).run(a, b, due, closed ? 'done' : 'open', closed, nowMs, nowMs);
    }
    const teamOfB =
      team ??
      Number(
        db.prepare("INSERT INTO teams (org_id, name, name_key, leader_id, created_at) VALUES ('local', ?, ?, ?, ?)").run(`Shared ${i}`, `shared ${i}`, b, nowMs)
          .lastInsertRowid,
      );
    db.prepare("INSERT INTO wins (org_id, team_id, posted_by, text, posted_at) VALUES ('local', ?, ?, 'Shared win', ?)").run(
      teamOfB,
      a,
      nowMs - (i + 1) * 86_400_000,
    );
  }
  return late;
}

describe.each(seeds)('the scorecard SQL agrees with the reference (seed %i)', (seed) => {
  const dir = tempDir('clause5-scorecard-ref-');
  const org = generateOrg(join(dir, 'org.db'), { leaders: 20, weeks: 12, seed, now: '2027-01-06T15:00:00Z', sites: 4 });
  const store = openSqliteStore(org.path, () => org.nowMs);
  stores.push(store);
  const lateLeader = addEdgeCases(store, org.nowMs);
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

  const shared = { wins: 0, followUps: 0 };
  it.each(PERIODS)('for %s, every scope, with and without workers', async (text) => {
    const period = parsePeriod(text, today);
    for (const scope of scopes) {
      for (const range of [period, previousPeriod(period)]) {
        const q = await queryFor(scope, range);
        const where = `seed ${seed}, ${text} (${range.from}..${range.to}), scope ${JSON.stringify(scope)}`;
        const expected = normalised(reference.facts(q));
        expect(expected.leaders.length, where).toBeGreaterThan(0);
        const summed = (key: 'wins' | 'followUpsDue') => expected.leaders.reduce((n, l) => n + l[key], 0);
        if (expected.all.wins < summed('wins')) shared.wins++;
        if (expected.all.followUpsDue < summed('followUpsDue')) shared.followUps++;
        const medians = reference.medians(q);
        const streaks = sorted(reference.streaks(q), (r) => r.personId);
        for (const [mode, repo] of Object.entries(repos)) {
          expect(normalised(await repo.periodFacts(q)), `${where}: facts, ${mode}`).toEqual(expected);
          const leadersOnly = await repo.periodFacts({ ...q, totals: false });
          expect(
            sorted(leadersOnly.leaders, (r) => r.personId),
            `${where}: leaders only, ${mode}`,
          ).toEqual(expected.leaders);
          expect([leadersOnly.sites, leadersOnly.all.wins + leadersOnly.all.followUpsDue], `${where}: no totals, ${mode}`).toEqual([[], 0]);
          const got = await repo.responseMedians(q);
          expect(
            sorted(got.byLeader, (m) => m.personId),
            `${where}: medians, ${mode}`,
          ).toEqual(sorted(medians.byLeader, (m) => m.personId));
          expect(
            sorted(got.bySite, (m) => String(m.siteId)),
            `${where}: site medians, ${mode}`,
          ).toEqual(sorted(medians.bySite, (m) => String(m.siteId)));
          expect(got.overall, `${where}: overall median, ${mode}`).toBe(medians.overall);
          expect(
            sorted(await repo.streaks(q), (r) => r.personId),
            `${where}: streaks, ${mode}`,
          ).toEqual(streaks);
        }
      }
    }
  });

  it('had a leader never asked in their joining week', async () => {
    const q = await queryFor({ kind: 'all' }, parsePeriod('2026-W51', today));
    expect(reference.lateWeek(reference.leaders(q).find((l) => l.id === lateLeader)!, q)).toBe('2026-W51');
  });

  it('had wins and follow-ups of two leaders to count once', () => {
    expect(shared.wins).toBeGreaterThan(0);
    expect(shared.followUps).toBeGreaterThan(0);
  });
});
