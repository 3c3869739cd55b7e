// The days after the last sealed week run the raw statements; their results are kept until a write
// (rollups/live.ts): read again unchanged while nothing is written, read afresh once a write's mark
// is folded — by this store or another on the same database — and after `rollups rebuild`; a write
// to one table ends only the results of the statements that read it.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/time';
import type { SqliteStore } from '../../../src/store/sqlite';
import { rebuildRollups } from '../../../src/store/sqlite/rollups/rebuild';
import { lastSealedMonday } from '../../../src/store/rollups-shared/plan';
import { historyStore, ORG, orgQuery, readRollups as read, START } from './rollups-history';

const opened: SqliteStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

describe('rollups: the days after the last sealed week', () => {
  it('keep their raw results until a write is folded', async () => {
    const nowMs = Date.parse(`${addDays(START, 120)}T12:00:00Z`);
    const { store, sqlite, rollups, raw, leaders, repo } = await historyStore(5, nowMs);
    opened.push(store);
    const other = repo('all');
    const today = addDays(START, 120);
    const tailFrom = addDays(lastSealedMonday(nowMs), 7);
    const q = orgQuery(leaders, addDays(START, 3), today, nowMs);
    expect(tailFrom < today).toBe(true);
    expect(await read(rollups, q)).toEqual(await read(raw, q));

    // Meeting answers in the tail flipped, their marks removed before anything folds them: the
    // kept results are read, and no longer match the records.
    const flip = sqlite.prepare(
      "UPDATE meeting_occurrences SET answer = CASE answer WHEN 'yes' THEN 'no' ELSE 'yes' END WHERE org_id = ? AND local_date BETWEEN ? AND ?",
    );
    expect(flip.run(ORG, tailFrom, addDays(today, -1)).changes).toBeGreaterThan(0);
    sqlite.prepare('DELETE FROM scorecard_rollup_marks').run();
    expect(await read(rollups, q)).not.toEqual(await read(raw, q));

    // A write to another table ends only the results that read it: a follow-up due and closed in
    // the tail is read afresh; the meetings still come from the kept calendar.
    const leader = leaders[0]!.id;
    sqlite
      .prepare(
        "INSERT INTO follow_ups (org_id, raised_by, owner_id, text, due_date, status, closed_on, created_at, updated_at) VALUES (?, ?, ?, 'Fix', ?, 'done', ?, ?, ?)",
      )
      .run(ORG, leader, leader, tailFrom, tailFrom, nowMs, nowMs);
    rollups.refresher.fold();
    const [kept, fresh] = [await rollups.periodFacts(q), await raw.periodFacts(q)];
    expect(kept.all).toEqual(fresh.all);
    expect(kept.leaders.map((l) => [l.personId, l.followUpsDue, l.followUpsOnTime, l.followUpsOverdue]).sort()).toEqual(
      fresh.leaders.map((l) => [l.personId, l.followUpsDue, l.followUpsOnTime, l.followUpsOverdue]).sort(),
    );
    expect(kept.leaders.map((l) => [l.personId, l.meetingsYes]).sort()).not.toEqual(fresh.leaders.map((l) => [l.personId, l.meetingsYes]).sort());

    // A meeting write with its marks: folded by another store on the database, read afresh here.
    flip.run(ORG, tailFrom, addDays(today, -1));
    flip.run(ORG, tailFrom, addDays(today, -1));
    other.refresher.fold();
    expect(await read(rollups, q)).toEqual(await read(raw, q));

    // Rebuilt (the token forgotten with every rollup row): read afresh.
    flip.run(ORG, tailFrom, addDays(today, -1));
    sqlite.prepare('DELETE FROM scorecard_rollup_marks').run();
    expect(await read(rollups, q)).not.toEqual(await read(raw, q));
    rebuildRollups(sqlite, rollups.refresher, ORG, 'America/Chicago', nowMs);
    expect(await read(rollups, q)).toEqual(await read(raw, q));
  });
});
