// The edge days of a period in sealed weeks (rollups/edges.ts) are counted once and kept as a row:
// read again from it, reported by the rollup check when it no longer matches the records, gone
// after `rollups rebuild`, and gone when a write touches its week (the trigger's mark, folded).
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/time';
import type { SqliteStore } from '../../../src/store/sqlite';
import { checkRollups, rebuildRollups } from '../../../src/store/sqlite/rollups/rebuild';
import type { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { historyStore, ORG, orgQuery, readRollups, START } from './rollups-history';

const ZONE = 'America/Chicago';
const opened: SqliteStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

describe('rollup edge days', () => {
  it('are kept, checked, rebuilt and forgotten when their week changes', async () => {
    const nowMs = Date.parse(`${addDays(START, 120)}T12:00:00Z`);
    const { store, sqlite, rollups, raw, leaders } = await historyStore(11, nowMs);
    opened.push(store);
    // Thursday to a Wednesday eight weeks on: a head of four days and a tail of three, all sealed.
    const from = addDays(START, 3);
    const to = addDays(START, 7 * 8 + 2);
    const q = orgQuery(leaders, from, to, nowMs);
    const read = (repo: SqliteScorecardRepo) => readRollups(repo, q);
    const edges = () => sqlite.prepare('SELECT key FROM scorecard_rollup_edges WHERE org_id = ? ORDER BY key').pluck().all(ORG);
    expect(await read(rollups)).toEqual(await read(raw));
    expect(edges()).toEqual([`head ${from} ${addDays(START, 6)}`, `tail ${addDays(START, 7 * 8)} ${to}`]);
    expect(checkRollups(sqlite, rollups.refresher, ORG, nowMs)).toBeNull();

    // Changed behind the triggers' back (a new token, as any write of the row): read as stored, and named by the check.
    const row = sqlite.prepare("SELECT facts FROM scorecard_rollup_edges WHERE org_id = ? AND key LIKE 'head %'").pluck().get(ORG) as string;
    const tampered = JSON.parse(row);
    tampered.facts.leaders[0].owedDays += 5;
    sqlite.prepare("UPDATE scorecard_rollup_edges SET facts = ?, token = 'changed' WHERE org_id = ? AND key LIKE 'head %'").run(JSON.stringify(tampered), ORG);
    expect(await read(rollups)).not.toEqual(await read(raw));
    expect(checkRollups(sqlite, rollups.refresher, ORG, nowMs)).toMatch(new RegExp(`edge days ${from}\\.\\.${addDays(START, 6)} differ .*rollups rebuild`));
    rebuildRollups(sqlite, rollups.refresher, ORG, ZONE, nowMs);
    expect(edges()).toEqual([]);
    expect(await read(rollups)).toEqual(await read(raw));

    // A walk withdrawn on a head day marks its week: the head's row goes, the tail's stays.
    const changed = sqlite
      .prepare('UPDATE floor_walks SET withdrawn_at = ? WHERE org_id = ? AND withdrawn_at IS NULL AND walk_date BETWEEN ? AND ?')
      .run(nowMs, ORG, from, addDays(START, 6)).changes;
    expect(changed).toBeGreaterThan(0);
    rollups.refresher.fold();
    expect(edges()).toEqual([`tail ${addDays(START, 7 * 8)} ${to}`]);
    expect(await read(rollups)).toEqual(await read(raw));
  });
});
