// The rollups' running totals (rollups/prefix.ts) are kept in memory per store: a week counted again
// by another connection (another process on the same file) must be seen by a store that already
// built them, through the token every counted week replaces.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/time';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { ORG, orgQuery, START, writeHistory } from './rollups-history';

const ZONE = 'America/Chicago';
const opened: SqliteStore[] = [];
const dirs: string[] = [];
afterEach(() => {
  opened.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('rollups running totals', () => {
  it("see a week counted again by another connection's scorecard", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clause5-prefix-'));
    dirs.push(dir);
    const file = join(dir, 'clause5.db');
    const nowMs = Date.parse(`${addDays(START, 120)}T12:00:00Z`);
    const first = openSqliteStore(file, () => nowMs);
    const second = openSqliteStore(file, () => nowMs);
    opened.push(first, second);
    writeHistory(first.database.sqlite, 11);
    const options = { workers: false, rollups: 'all' } as const;
    const reader = new SqliteScorecardRepo(first.database.db, () => nowMs, options);
    const other = new SqliteScorecardRepo(second.database.db, () => nowMs, options);
    const raw = new SqliteScorecardRepo(first.database.db, () => nowMs, { workers: false, rollups: false });
    const leaders = await raw.leaders(ORG, { kind: 'all' }, ZONE);
    const from = START; // a Monday: the period is 16 whole weeks, all from the rollups
    const to = addDays(START, 7 * 16 - 1);
    const q = orgQuery(leaders, from, to, nowMs);
    const byId = (facts: Awaited<ReturnType<SqliteScorecardRepo['periodFacts']>>) => [...facts.leaders].sort((a, b) => a.personId.localeCompare(b.personId));
    const before = byId(await raw.periodFacts(q));
    expect(byId(await reader.periodFacts(q))).toEqual(before);

    // Through the second connection: every walk of the period withdrawn (the leaders' counts change, no leader comes or goes).
    second.database.sqlite
      .prepare('UPDATE floor_walks SET withdrawn_at = ? WHERE withdrawn_at IS NULL AND walk_date BETWEEN ? AND ?')
      .run(nowMs, from, addDays(to, -7));
    const after = byId(await raw.periodFacts(q));
    expect(after).not.toEqual(before);
    expect(byId(await other.periodFacts(q))).toEqual(after);
    // The first store's totals were built before: it must see the weeks the second one counted.
    expect(byId(await reader.periodFacts(q))).toEqual(after);
  });
});
