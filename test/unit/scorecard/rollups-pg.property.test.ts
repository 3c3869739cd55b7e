// Property, on PostgreSQL: the scorecard read from the weekly rollups (src/store/pg/rollups) equals
// PostgreSQL's raw path — every leader's counts, the site and organisation totals (items counted
// once), medians, streaks and custom-prompt lines — for the random histories of the SQLite property
// test (rollups-history.ts: zones with DST and at the far ends, away days, shutdowns, joins
// mid-week, corrections, withdrawals, retention, role, zone and site changes, late answers) and
// random periods, read, changed through plain SQL (the triggers must notice), and read again as
// the clock moves on. The server at 127.0.0.1:5432 when it answers, else PGlite.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoneWindow } from '../../../src/core/scorecard/period';
import type { LeaderScope, PeriodQuery } from '../../../src/core/scorecard/repo';
import { addDays } from '../../../src/core/time';
import { PgScorecardRepo } from '../../../src/store/pg/scorecard';
import { POSTGRES } from '../../support/engines';
import { ORG, START } from './rollups-history';
import { everything, pgTarget } from './rollups-pg-history';

const ZONE = 'America/Chicago';
const DAY = 86_400_000;
/** Histories per run; ROLLUP_RUNS=100 for a long run. */
const RUNS = Number(process.env.ROLLUP_RUNS ?? 16);

let target: Awaited<ReturnType<typeof pgTarget>>;
beforeAll(async () => {
  target = await pgTarget();
}, 60_000);
afterAll(() => target?.close());

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

describe(`scorecard rollups on ${POSTGRES}`, () => {
  it(`equal the raw scorecard for leaders, sites and the organisation (${RUNS} random histories)`, async () => {
    let compared = 0;
    let fromWeeks = 0;
    await fc.assert(
      fc.asyncProperty(history, async ({ seed, rounds }) => {
        let nowMs = 0;
        const { h, sqlite, mutate } = await target.history(seed, () => nowMs);
        try {
          const rollups = new PgScorecardRepo(target.database.query, { rollups: 'all', transaction: target.database.transaction, inlineWeeks: Infinity });
          const raw = new PgScorecardRepo(target.database.query);
          let step = 0;
          const log: string[] = [];
          let before: (typeof rounds)[number]['periods'] = [];
          for (const round of rounds) {
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
              }
            }
            const [counted] = await target.database.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM scorecard_rollups WHERE level = 'week'");
            fromWeeks += counted!.n;
            for (let i = 0; i < round.changes; i++) log.push(await mutate(step++));
            before = round.periods;
          }
        } finally {
          sqlite.close();
        }
      }),
      // No shrinking: each try writes a history into the database again; the message names the seed and periods.
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(compared).toBeGreaterThan(RUNS * 2);
    // The rollups were really read: weeks were counted.
    expect(fromWeeks).toBeGreaterThan(0);
  }, 600_000);
});
