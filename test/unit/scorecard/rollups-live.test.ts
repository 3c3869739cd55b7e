// The days after the last sealed week run the raw statements; their results are kept until a write
// (rollups/live.ts): read again unchanged while nothing is written, read afresh once a write's mark
// is folded — by this store or another on the same database — and after `rollups rebuild`.
import { afterEach, describe, expect, it } from 'vitest';
import type { PeriodQuery } from '../../../src/core/scorecard/repo';
import { addDays } from '../../../src/core/time';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { rebuildRollups } from '../../../src/store/sqlite/rollups/rebuild';
import { lastSealedMonday } from '../../../src/store/sqlite/rollups/refresh';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { ORG, orgQuery, START, writeHistory } from './rollups-history';

const ZONE = 'America/Chicago';
const opened: SqliteStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

async function read(repo: SqliteScorecardRepo, q: PeriodQuery) {
  const facts = await repo.periodFacts(q);
  const medians = await repo.responseMedians(q);
  return {
    facts: { leaders: sorted(facts.leaders), sites: sorted(facts.sites), all: facts.all },
    medians: { byLeader: sorted(medians.byLeader), bySite: sorted(medians.bySite), overall: medians.overall },
    streaks: sorted(await repo.streaks(q)),
    custom: sorted(await repo.customFacts(q)),
  };
}

describe('rollups: the days after the last sealed week', () => {
  it('keep their raw results until a write is folded', async () => {
    const nowMs = Date.parse(`${addDays(START, 120)}T12:00:00Z`);
    const store = openSqliteStore(':memory:', () => nowMs);
    opened.push(store);
    const sqlite = store.database.sqlite;
    writeHistory(sqlite, 5);
    const rollups = new SqliteScorecardRepo(store.database.db, () => nowMs, { workers: false, rollups: 'all' });
    const other = new SqliteScorecardRepo(store.database.db, () => nowMs, { workers: false, rollups: 'all' });
    const raw = new SqliteScorecardRepo(store.database.db, () => nowMs, { workers: false, rollups: false });
    const leaders = await raw.leaders(ORG, { kind: 'all' }, ZONE);
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

    // The same write with its marks: folded by another store on the database, read afresh here.
    flip.run(ORG, tailFrom, addDays(today, -1));
    flip.run(ORG, tailFrom, addDays(today, -1));
    other.refresher.fold();
    expect(await read(rollups, q)).toEqual(await read(raw, q));

    // Rebuilt (the token forgotten with every rollup row): read afresh.
    flip.run(ORG, tailFrom, addDays(today, -1));
    sqlite.prepare('DELETE FROM scorecard_rollup_marks').run();
    expect(await read(rollups, q)).not.toEqual(await read(raw, q));
    rebuildRollups(sqlite, rollups.refresher, ORG, ZONE, nowMs);
    expect(await read(rollups, q)).toEqual(await read(raw, q));
  });
});
