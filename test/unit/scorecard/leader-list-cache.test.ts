// The SQLite scorecard reads its leader list once per change of the database: a write through the
// same connection (the app's own) or a commit by another connection (another process on the file)
// is seen by the next call; between changes, callers get equal lists they may change freely.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { makeTestCore, type TestCore } from '../../support/core';
import { ANN, ORG, seedPlant } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

const ZONE = 'America/Chicago';

describe('the scorecard leader list', () => {
  it('is read again after a write on the same connection or a commit by another one', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const repo = new SqliteScorecardRepo(core.store.database.db, () => core.clock.now(), { workers: false });
    const nameOf = async () => (await repo.leaders(ORG, { kind: 'all' }, ZONE)).find((l) => l.id === ANN)?.displayName;

    expect(await nameOf()).toBe('Ann Lee');
    const first = await repo.leaders(ORG, { kind: 'all' }, ZONE);
    first[0]!.displayName = 'changed by a caller';
    first.pop();
    expect(await repo.leaders(ORG, { kind: 'all' }, ZONE)).toHaveLength(first.length + 1);
    expect(await nameOf()).toBe('Ann Lee');

    core.store.database.sqlite.prepare('UPDATE people SET display_name = ? WHERE id = ?').run('Ann Same-Connection', ANN);
    expect(await nameOf()).toBe('Ann Same-Connection');

    const other = new Database(core.dbPath);
    try {
      other.prepare('UPDATE people SET display_name = ? WHERE id = ?').run('Ann Other-Connection', ANN);
    } finally {
      other.close();
    }
    expect(await nameOf()).toBe('Ann Other-Connection');
  });
});
