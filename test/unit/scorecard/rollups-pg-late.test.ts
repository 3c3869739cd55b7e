// A late write on PostgreSQL — an answer in a week the rollups have already counted, a correction
// — shows in the next scorecard read from the rollups, also when it came through another pool (a
// second instance), and two instances reading (folding, counting) at once agree with the raw path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoneWindow } from '../../../src/core/scorecard/period';
import type { PeriodQuery } from '../../../src/core/scorecard/repo';
import { addDays } from '../../../src/core/time';
import { createPgAdmin } from '../../../src/store/pg/admin';
import type { OpenPgDatabase } from '../../../src/store/pg/db';
import { PgScorecardRepo } from '../../../src/store/pg/scorecard';
import { createPgPortedStore } from '../../../src/store/pg/index';
import { loadConfig } from '../../../src/config';
import { lastSealedMonday } from '../../../src/store/rollups-shared/plan';
import { POSTGRES } from '../../support/engines';
import { ORG, START } from './rollups-history';
import { everything, pgTarget } from './rollups-pg-history';

const ZONE = 'America/Chicago';
const NOW = Date.parse(`${addDays(START, 150)}T12:00:00Z`);

let target: Awaited<ReturnType<typeof pgTarget>>;
beforeAll(async () => {
  target = await pgTarget();
}, 60_000);
afterAll(() => target?.close());

const rollupsOn = (db: OpenPgDatabase, inlineWeeks = Infinity) => new PgScorecardRepo(db.query, { rollups: 'all', transaction: db.transaction, inlineWeeks });

async function orgQuery(repo: PgScorecardRepo, from: string, to: string): Promise<PeriodQuery> {
  const zones = [...new Set((await repo.leaders(ORG, { kind: 'all' }, ZONE)).map((l) => l.zone))];
  return { orgId: ORG, scope: { kind: 'all' }, defaultZone: ZONE, from, to, nowMs: NOW, zones: zones.map((z) => zoneWindow({ from, to }, z, NOW, ZONE)) };
}

describe(`late writes and the rollups on ${POSTGRES}`, () => {
  it('an answer in a counted week, written through another pool, is in the next read of either instance', async () => {
    const { sqlite } = await target.history(7, () => NOW);
    sqlite.close();
    const other = await target.another();
    const [a, b, raw] = [rollupsOn(target.database), rollupsOn(other), new PgScorecardRepo(target.database.query)];
    // Whole weeks from the Monday of the history's first week through the last sealed one.
    const q = await orgQuery(raw, START, addDays(START, 139));
    const first = await everything(a, q);
    expect(first).toEqual(await everything(raw, q));
    const [week] = await target.database.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM scorecard_rollups WHERE level = 'week' AND stale = 0");
    expect(week!.n).toBeGreaterThan(10);
    // An open prompt of a counted week answered within the hour, through the other pool.
    const [open] = await other.query<{ id: number }>(
      "SELECT id FROM prompts WHERE status <> 'answered' AND kind <> 'custom' AND sent_at >= $1 AND sent_at < $2 ORDER BY id LIMIT 1",
      [Date.parse(`${addDays(START, 14)}T00:00:00Z`), Date.parse(`${addDays(START, 100)}T00:00:00Z`)],
    );
    expect(open).toBeDefined();
    await other.query("UPDATE prompts SET status = 'answered', answered_at = sent_at + 3600000 WHERE id = $1", [open!.id]);
    const expected = await everything(raw, q);
    expect(expected).not.toEqual(first);
    expect(await everything(a, q)).toEqual(expected);
    expect(await everything(b, q)).toEqual(expected);
  }, 120_000);

  it('a correction (a walk withdrawn, a win withdrawn) read by two instances at once', async () => {
    const { sqlite } = await target.history(11, () => NOW);
    sqlite.close();
    const other = await target.another();
    const [a, b, raw] = [rollupsOn(target.database), rollupsOn(other), new PgScorecardRepo(target.database.query)];
    const q = await orgQuery(raw, addDays(START, 3), addDays(START, 120));
    expect(await everything(a, q)).toEqual(await everything(raw, q));
    await other.query('UPDATE floor_walks SET withdrawn_at = $1 WHERE id IN (SELECT id FROM floor_walks WHERE withdrawn_at IS NULL ORDER BY id LIMIT 3)', [
      NOW,
    ]);
    await target.database.query('UPDATE wins SET withdrawn_at = $1 WHERE id IN (SELECT id FROM wins WHERE withdrawn_at IS NULL ORDER BY id LIMIT 3)', [NOW]);
    const expected = await everything(raw, q);
    // Both fold and count the same stale weeks at the same moment: one waits for the other's lock.
    const [fromA, fromB] = await Promise.all([everything(a, q), everything(b, q)]);
    expect(fromA).toEqual(expected);
    expect(fromB).toEqual(expected);
    const [marks] = await target.database.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM scorecard_rollup_marks');
    expect(marks!.n).toBe(0);
  }, 120_000);

  it('a follow-up closed late changes the overdue snapshot of every later counted week', async () => {
    const { sqlite } = await target.history(13, () => NOW);
    sqlite.close();
    const [a, raw] = [rollupsOn(target.database), new PgScorecardRepo(target.database.query)];
    // Whole sealed weeks only: the overdue figure is the last week's stored snapshot.
    const q = await orgQuery(raw, START, addDays(lastSealedMonday(NOW), 6));
    // A leader's follow-up due early in the history, still open: overdue in every week after.
    const [item] = await target.database.query<{ id: number }>(
      "SELECT f.id FROM follow_ups f JOIN people p ON p.id = f.owner_id AND p.role = 'leader' ORDER BY f.id LIMIT 1",
    );
    expect(item).toBeDefined();
    await target.database.query("UPDATE follow_ups SET status = 'open', closed_on = NULL, due_date = $1 WHERE id = $2", [addDays(START, 20), item!.id]);
    const first = await everything(a, q);
    expect(first).toEqual(await everything(raw, q));
    // Closed long after: no longer overdue at the period's end.
    await target.database.query("UPDATE follow_ups SET status = 'done', closed_on = $1 WHERE id = $2", [addDays(START, 30), item!.id]);
    const expected = await everything(raw, q);
    expect(expected.facts.all.followUpsOverdue).toBeLessThan(first.facts.all.followUpsOverdue);
    expect(await everything(a, q)).toEqual(expected);
  }, 120_000);

  it('`rollups rebuild` forgets the weeks and counts every sealed one again', async () => {
    const { sqlite } = await target.history(17, () => NOW);
    sqlite.close();
    const [a, raw] = [rollupsOn(target.database), new PgScorecardRepo(target.database.query)];
    const q = await orgQuery(raw, addDays(START, 2), addDays(START, 125));
    await everything(a, q);
    // A stored row wrong behind the triggers' back: the rebuild puts it right.
    await target.database.query("UPDATE scorecard_rollups SET owed_days = owed_days + 5 WHERE level = 'leader'");
    expect(await everything(a, q)).not.toEqual(await everything(raw, q));
    const done = await createPgAdmin(target.database, 'test', () => true).rebuildRollups(undefined, ZONE, NOW);
    expect(done.kind).toBe('rebuilt');
    const weeks = done.kind === 'rebuilt' ? done.orgs[0]!.weeks : 0;
    const [counted] = await target.database.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM scorecard_rollups WHERE level = 'week'");
    expect(weeks).toBeGreaterThan(10);
    expect(counted!.n).toBe(weeks);
    expect(await everything(a, q)).toEqual(await everything(raw, q));
    expect(await createPgAdmin(target.database, 'test', () => true).rebuildRollups('nope', ZONE, NOW)).toEqual({ kind: 'no-such-org', orgId: 'nope' });
  }, 120_000);

  it('a read with more weeks to count than it counts itself runs the raw statements, and the scheduler pass counts the rest', async () => {
    const { sqlite } = await target.history(19, () => NOW);
    sqlite.close();
    const [a, raw] = [rollupsOn(target.database, 3), new PgScorecardRepo(target.database.query)];
    const q = await orgQuery(raw, START, addDays(START, 139));
    const weeks = async () =>
      (await target.database.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM scorecard_rollups WHERE level = 'week' AND stale = 0"))[0]!.n;
    expect(await a.periodFacts(q)).toEqual(await raw.periodFacts(q));
    expect(await weeks()).toBe(3);
    const counted = await a.refreshRollups(ORG, ZONE, NOW, 100);
    expect(counted).toBeGreaterThan(10);
    expect(await weeks()).toBe(3 + counted);
    expect(await everything(a, q)).toEqual(await everything(raw, q));
  }, 120_000);

  it('the store reads them only with CLAUSE5_PG_ROLLUPS=on (off by default); the passes fold the marks either way', async () => {
    const { sqlite } = await target.history(5, () => NOW);
    sqlite.close();
    const weeks = async () => (await target.database.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM scorecard_rollups WHERE level = 'week'"))[0]!.n;
    const marks = async () => (await target.database.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM scorecard_rollup_marks'))[0]!.n;
    const storeWith = (setting?: 'on' | 'off') =>
      createPgPortedStore(target.database, () => NOW, {
        rollups: loadConfig(setting ? { CLAUSE5_PG_ROLLUPS: setting } : {}).CLAUSE5_PG_ROLLUPS === 'on' ? 'all' : false,
      });
    const q = await orgQuery(new PgScorecardRepo(target.database.query), START, addDays(START, 139));
    const off = storeWith().scorecard as PgScorecardRepo;
    // A write the triggers mark: an answer an hour later.
    await target.database.query(
      'UPDATE prompts SET answered_at = answered_at + 3600000 WHERE id = (SELECT min(id) FROM prompts WHERE answered_at IS NOT NULL)',
    );
    expect(await marks()).toBeGreaterThan(0);
    const expected = await everything(off, q);
    expect(await weeks()).toBe(0);
    expect(await off.refreshRollups(ORG, ZONE, NOW, 4)).toBe(0);
    expect([await marks(), await weeks()]).toEqual([0, 0]);
    const on = storeWith('on').scorecard as PgScorecardRepo;
    expect(await everything(on, q)).toEqual(expected);
    expect(await weeks()).toBeGreaterThan(10);
  }, 120_000);
});
