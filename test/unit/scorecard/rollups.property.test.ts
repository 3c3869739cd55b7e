// Property: the scorecard read from the weekly rollups equals the scorecard counted from the event
// tables (the raw path, kept as the reference) — every leader's counts, the site and organisation
// totals (items counted once), medians, streaks and custom-prompt lines — for random histories
// (zones with DST and at the far ends, away days, shutdowns, joins mid-week, corrections and
// withdrawals, retention, role, zone and site changes, late answers) and random periods, read,
// changed, and read again as the clock moves on. The writes are plain SQL: the triggers must
// notice them as they notice the application's.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/deps';
import { periodFigures } from '../../../src/core/scorecard/figures';
import { zoneWindow } from '../../../src/core/scorecard/period';
import type { LeaderScope, PeriodFacts, PeriodQuery } from '../../../src/core/scorecard/repo';
import { addDays } from '../../../src/core/time';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { mutate, ORG, START, writeHistory } from './rollups-history';

const ZONE = 'America/Chicago';
const DAY = 86_400_000;
/** Histories per run (each read a few times, with changes in between); ROLLUP_RUNS=500 for a long run. */
export const RUNS = Number(process.env.ROLLUP_RUNS ?? 20);

const opened: SqliteStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

const byKey = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

function normalised(facts: PeriodFacts): PeriodFacts {
  const counted = facts.sites.filter((s) => s.wins + s.followUpsOnTime + s.followUpsDue + s.followUpsOverdue > 0);
  return { leaders: byKey(facts.leaders, (r) => r.personId), sites: byKey(counted, (s) => String(s.siteId)), all: facts.all };
}

async function everything(repo: SqliteScorecardRepo, q: PeriodQuery) {
  const medians = await repo.responseMedians(q);
  return {
    facts: normalised(await repo.periodFacts(q)),
    leadersOnly: byKey((await repo.periodFacts({ ...q, totals: false })).leaders, (r) => r.personId),
    medians: { ...medians, byLeader: byKey(medians.byLeader, (m) => m.personId), bySite: byKey(medians.bySite, (m) => String(m.siteId)) },
    streaks: byKey(await repo.streaks(q), (s) => s.personId),
    custom: byKey(await repo.customFacts(q), (f) => `${f.personId}/${f.promptId}`),
  };
}

/** A period: any days, often starting on a Monday and ending on a Sunday (all whole weeks). */
const period = fc.record({
  start: fc.integer({ min: -14, max: 140 }),
  days: fc.oneof(fc.integer({ min: 1, max: 130 }), fc.constantFrom(7, 14, 28)),
  aligned: fc.boolean(),
  endsOnSunday: fc.boolean(),
});
const history = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  rounds: fc.array(
    fc.record({ now: fc.integer({ min: 20, max: 170 }), periods: fc.array(period, { minLength: 1, maxLength: 3 }), changes: fc.integer({ min: 0, max: 8 }) }),
    { minLength: 3, maxLength: 4 },
  ),
});

describe('scorecard rollups', () => {
  it(`equal the raw scorecard for leaders, sites and the organisation (${RUNS} random histories)`, async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(history, async ({ seed, rounds }) => {
        let nowMs = 0;
        const store = openSqliteStore(':memory:', () => nowMs);
        opened.push(store);
        const h = writeHistory(store.database.sqlite, seed);
        const rollups = new SqliteScorecardRepo(store.database.db, () => nowMs, { workers: false, rollups: 'all' });
        const raw = new SqliteScorecardRepo(store.database.db, () => nowMs, { workers: false, rollups: false });
        let step = 0;
        const log: string[] = [];
        // The previous round's periods are read again after the changes: their stored edge days (and
        // weeks) must have gone where a change touched them.
        let before: (typeof rounds)[number]['periods'] = [];
        for (const round of rounds) {
          // The clock only moves forward; each round reads, then changes the past.
          nowMs = Math.max(nowMs, Date.parse(`${START}T00:00:00Z`) + round.now * DAY + (seed % 24) * 3_600_000);
          const scopes: LeaderScope[] = [{ kind: 'all' }, ...h.sites.map((siteId) => ({ kind: 'site' as const, siteId }))];
          for (const p of [...before, ...round.periods]) {
            let from = addDays(START, p.start);
            if (p.aligned) from = addDays(from, -((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7));
            let to = addDays(from, p.days - 1);
            if (p.endsOnSunday) to = addDays(to, (7 - new Date(`${to}T00:00:00Z`).getUTCDay()) % 7);
            for (const scope of scopes) {
              const leaders = await raw.leaders(ORG, scope, ZONE);
              const zones = [...new Set(leaders.map((l) => l.zone))];
              const q: PeriodQuery = {
                orgId: ORG,
                scope,
                defaultZone: ZONE,
                from,
                to,
                nowMs,
                zones: zones.map((z) => zoneWindow({ from, to }, z, nowMs, ZONE)),
              };
              const where = `seed ${seed}, now ${new Date(nowMs).toISOString()}, ${from}..${to}, ${JSON.stringify(scope)}, after: ${log.join(', ') || 'nothing'}`;
              expect(await everything(rollups, q), where).toEqual(await everything(raw, q));
              compared++;
              // A trend's points: the period's weeks at once (whole past weeks from the rollups).
              if (scope.kind !== 'all') continue;
              const monday = addDays(from, -((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7));
              const weeks = Array.from({ length: Math.min(8, Math.ceil(p.days / 7)) }, (_, i) => addDays(monday, 7 * i));
              const weekly = weeks.map((w) => ({
                ...q,
                from: w,
                to: addDays(w, 6),
                zones: zones.map((z) => zoneWindow({ from: w, to: addDays(w, 6) }, z, nowMs, ZONE)),
              }));
              const points = async (repo: SqliteScorecardRepo) =>
                (await repo.manyPeriods(weekly)).map((r) => ({ facts: normalised(r.facts), custom: byKey(r.custom, (f) => `${f.personId}/${f.promptId}`) }));
              expect(await points(rollups), `${where}: weekly points`).toEqual(await points(raw));
              // The trend's figures (index and parts per week), where whole past weeks come from the
              // rollups' totals and stored week indexes, for the organisation and a site.
              const deps = (repo: SqliteScorecardRepo) =>
                ({ store: { ...store, scorecard: repo }, clock: { now: () => nowMs }, settings: { defaultTimeZone: ZONE } }) as unknown as CoreDeps;
              const periods = weeks.map((w) => ({ from: w, to: addDays(w, 6), label: w, days: 7 }));
              for (const target of [{ kind: 'all' as const }, { kind: 'site' as const, siteId: h.sites[0]! }]) {
                const trend = (repo: SqliteScorecardRepo) => periodFigures(deps(repo), ORG, target, periods);
                expect(await trend(rollups), `${where}: trend of ${JSON.stringify(target)}`).toEqual(await trend(raw));
              }
            }
          }
          // The per-leader histories (medians, streaks) hold exactly what the weekly rows hold.
          expect(rollups.refresher.histories.matchesWeeks(ORG), `seed ${seed}: histories`).not.toBe(false);
          for (let i = 0; i < round.changes; i++) log.push(mutate(h, step++));
          before = round.periods;
        }
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS * 2);
  }, 600_000);
});
