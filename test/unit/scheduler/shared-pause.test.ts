// A workspace's rate limit holds for every process sending from the database: when one process is
// answered 429, another does not claim that workspace's deliveries until the Retry-After is over,
// and keeps sending the other workspaces'. Two senders with their own connection to one file
// stand for two processes.
import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../../src/core/deliveries';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { makeTestCore, type TestCore } from '../../support/core';
import { EdgePlatform, keyComposer, rateLimited, seedOrg, testModule } from '../../support/scheduler-fixtures';

const SEC = 1_000;
let core: TestCore;
let other: SqliteStore | undefined;
afterEach(() => {
  other?.close();
  other = undefined;
  core?.cleanup();
});

function dm(orgId: string, key: string, dueAt: number): NewDelivery {
  return { orgId, key, kind: 'meeting_reminder', personId: `${orgId}:ann`, subject: {}, dueAt };
}

describe('a rate limit seen by one process', () => {
  it('pauses that workspace for every process on the database, and only that workspace', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    for (const org of ['slack:T1', 'teams:X']) await seedOrg(core, org);
    other = openSqliteStore(core.dbPath, () => core.clock.now());
    const edge = new EdgePlatform();
    let limited = false;
    edge.failWith = (call) => {
      if (call.orgId !== 'slack:T1' || limited) return undefined;
      limited = true;
      return rateLimited(30 * SEC);
    };
    const modules = [testModule([], [keyComposer('meeting_reminder')])];
    const a = createScheduler({ deps: { ...core.deps, platform: edge }, owner: 'a', modules });
    const b = createScheduler({ deps: { ...core.deps, store: other, platform: edge }, owner: 'b', modules });
    const now = core.clock.now();

    await core.store.deliveries.enqueue([dm('slack:T1', 't1-first', now - SEC)]);
    await a.drain(now);
    expect(edge.refused).toHaveLength(1);

    // New work for both workspaces; process B was not the one refused.
    const later = [0, 1, 2].flatMap((i) => [dm('slack:T1', `t1-${i}`, now + i), dm('teams:X', `x-${i}`, now + i)]);
    await other.deliveries.enqueue(later);
    core.clock.set(now + 5 * SEC);
    const during = await b.drain(now + 5 * SEC);
    expect(edge.sent('teams:X').map((c) => c.summary)).toEqual(['x-0', 'x-1', 'x-2']);
    expect(edge.sent('slack:T1')).toEqual([]);
    expect(during.claimed).toBe(3); // the paused workspace's rows were not even claimed
    for (const key of ['t1-first', 't1-0', 't1-1', 't1-2']) expect((await other.deliveries.getByKey(key))?.status).toBe('pending');
    // B's wake-up loop sleeps until the pause ends instead of polling the paused rows.
    expect(await other.deliveries.nextReadyAt()).toBe(now + 30 * SEC);

    core.clock.set(now + 30 * SEC);
    const after = await b.drain(now + 30 * SEC);
    expect(after.sent).toBe(4);
    expect(
      edge
        .sent('slack:T1')
        .map((c) => c.summary)
        .sort(),
    ).toEqual(['t1-0', 't1-1', 't1-2', 't1-first']);
  });

  it('is extended by a later pause and never shortened by an earlier one', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core, 'slack:T1');
    const now = core.clock.now();
    const deliveries = core.store.deliveries;
    await deliveries.enqueue([dm('slack:T1', 'k', now)]);
    await deliveries.pauseOrganisation('slack:T1', now + 20 * SEC);
    await deliveries.pauseOrganisation('slack:T1', now + 10 * SEC);
    expect(await deliveries.claim({ now: now + 15 * SEC, leaseMs: SEC, owner: 'x', limit: 5 })).toEqual([]);
    await deliveries.pauseOrganisation('slack:T1', now + 40 * SEC);
    expect(await deliveries.claim({ now: now + 25 * SEC, leaseMs: SEC, owner: 'x', limit: 5 })).toEqual([]);
    expect((await deliveries.claim({ now: now + 40 * SEC, leaseMs: SEC, owner: 'x', limit: 5 })).map((d) => d.key)).toEqual(['k']);
  });
});
