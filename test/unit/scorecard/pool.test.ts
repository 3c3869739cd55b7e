// The worker pool behind the SQLite scorecard: the same figures as inline, side by side, errors
// reported, a pool that cannot start falls back to the main connection, stopped workers restart.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildScorecard } from '../../../src/core/scorecard/build';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { ScorecardWorkerPool } from '../../../src/store/sqlite/scorecard-pool';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { makeTestCore, type TestCore } from '../../support/core';
import { ANN, ORG, seedPlant } from './fixture';

let core: TestCore;
const pools: ScorecardWorkerPool[] = [];
afterEach(async () => {
  core?.cleanup();
  await Promise.all(pools.splice(0).map((p) => p.stop()));
});

const PERIOD = parsePeriod('2026-11-02..2026-11-29', '2026-12-02');

function pool(...args: ConstructorParameters<typeof ScorecardWorkerPool>): ScorecardWorkerPool {
  const created = new ScorecardWorkerPool(...args);
  pools.push(created);
  return created;
}

/** The core's scorecard with the given repo in place of the store's. */
async function cardWith(repo: SqliteScorecardRepo, target: { kind: 'all' } | { kind: 'leader'; personId: string } = { kind: 'all' }) {
  const deps = { ...core.deps, store: { ...core.deps.store, scorecard: repo } };
  return buildScorecard(deps, { orgId: ORG, target, period: PERIOD });
}

describe('the scorecard worker pool', () => {
  it('gives the same scorecard as the main connection, also for several scorecards at once', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const db = core.store.database.db;
    const workers = pool(2);
    const viaWorkers = new SqliteScorecardRepo(db, () => core.clock.now(), { pool: workers, rollups: false });
    const inline = new SqliteScorecardRepo(db, () => core.clock.now(), { workers: false, rollups: false });
    const expected = await cardWith(inline);
    expect(expected.org?.index).toBe(62); // the hand-checked plant
    const together = await Promise.all([cardWith(viaWorkers), cardWith(viaWorkers, { kind: 'leader', personId: ANN }), cardWith(viaWorkers)]);
    expect(together[0]).toEqual(expected);
    expect(together[2]).toEqual(expected);
    expect(together[1]).toEqual(await cardWith(inline, { kind: 'leader', personId: ANN }));
    expect(workers.workers).toBe(2);
  });

  it('sees what the main connection committed a moment ago', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const repo = new SqliteScorecardRepo(core.store.database.db, () => core.clock.now(), { pool: pool(1), rollups: false });
    const before = await cardWith(repo, { kind: 'leader', personId: ANN });
    core.store.database.sqlite.prepare("UPDATE meeting_occurrences SET answer = 'yes' WHERE person_id = ? AND local_date = '2026-11-04'").run(ANN);
    const after = await cardWith(repo, { kind: 'leader', personId: ANN });
    expect(after.leaders[0]!.facts.meetingsYes).toBe(before.leaders[0]!.facts.meetingsYes + 1);
  });

  it('reports a statement that fails in a worker as an error', async () => {
    const workers = pool(1);
    const failure = workers.run('k', join(tmpdir(), `clause5-missing-${process.pid}.db`), 'streaks', {});
    await expect(failure).rejects.toThrow(/unable to open database/);
    await expect(failure).rejects.toMatchObject({ code: 'SQLITE_CANTOPEN' });
    expect(workers.broken).toBeUndefined();
  });

  it('falls back to the main connection when no worker can start', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const broken = pool(2, 30_000, 'file:///nonexistent/scorecard-worker.ts');
    const repo = new SqliteScorecardRepo(core.store.database.db, () => core.clock.now(), { pool: broken, rollups: false });
    const card = await cardWith(repo);
    expect(card.org?.index).toBe(62);
    expect(broken.broken).toBeInstanceOf(Error);
    expect(broken.workers).toBe(0);
  });

  it('starts its workers again after they were stopped', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const workers = pool(2);
    const repo = new SqliteScorecardRepo(core.store.database.db, () => core.clock.now(), { pool: workers, rollups: false });
    await cardWith(repo);
    expect(workers.workers).toBe(2);
    await workers.stop();
    expect(workers.workers).toBe(0);
    expect((await cardWith(repo)).org?.index).toBe(62);
    expect(workers.workers).toBe(2);
  });
});
