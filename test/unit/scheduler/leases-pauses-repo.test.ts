// Named leases and per-workspace send pauses, the repository contract on both engines
// (test/support/engines.ts): what pass-lease.test.ts and shared-pause.test.ts show through the
// scheduler on SQLite, here for PostgreSQL too, with a second connection standing for a second instance.
import { expect, it } from 'vitest';
import type { NewDelivery } from '../../../src/core/deliveries';
import { PASS_LEASE } from '../../../src/scheduler/scheduler';
import { describeEngines, type EngineStore } from '../../support/engines';

const T0 = Date.parse('2026-03-02T12:00:00Z');
const SEC = 1_000;

function dm(orgId: string, key: string, dueAt: number): NewDelivery {
  return { orgId, key, kind: 'meeting_reminder', personId: `${orgId}:ann`, subject: {}, dueAt };
}

describeEngines('leases and send pauses', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup(): Promise<EngineStore> {
    clock = T0;
    const store = await engine.open(now);
    for (const id of ['slack:T1', 'teams:X']) await store.orgs.ensure({ id, platform: id.startsWith('slack') ? 'slack' : 'teams', name: id });
    return store;
  }

  it('a live lease is only renewed by its holder; an expired or released one goes to whoever asks', async () => {
    const { leases } = await setup();
    expect(await leases.hold(PASS_LEASE, 'a', T0, 10_000)).toBe(true);
    expect(await leases.hold(PASS_LEASE, 'b', T0 + 9_999, 10_000)).toBe(false);
    expect(await leases.hold(PASS_LEASE, 'a', T0 + 9_999, 10_000)).toBe(true); // renewed to T0 + 19,999
    expect(await leases.hold(PASS_LEASE, 'b', T0 + 19_998, 10_000)).toBe(false);
    expect(await leases.hold(PASS_LEASE, 'b', T0 + 19_999, 10_000)).toBe(true);
    await leases.release(PASS_LEASE, 'a'); // not A's any more: nothing happens
    expect(await leases.hold(PASS_LEASE, 'a', T0 + 20_000, 10_000)).toBe(false);
    await leases.release(PASS_LEASE, 'b');
    expect(await leases.hold(PASS_LEASE, 'a', T0 + 20_000, 10_000)).toBe(true);
    expect(await leases.hold('another lease', 'b', T0 + 20_000, 10_000)).toBe(true);
    expect(await engine.rows('leases')).toEqual([
      { name: PASS_LEASE, owner: 'a', expiresAt: T0 + 30_000 },
      { name: 'another lease', owner: 'b', expiresAt: T0 + 30_000 },
    ]);
    // Live leases and their holders (what a restart checks for a crashed process's), until they expire.
    expect(await leases.holders(T0 + 29_999)).toEqual([
      { name: 'another lease', owner: 'b' },
      { name: PASS_LEASE, owner: 'a' },
    ]);
    expect(await leases.holders(T0 + 30_000)).toEqual([]);
  });

  it('gives a free lease to exactly one of several instances asking at the same moment', async () => {
    const first = await setup();
    const others = [first, await engine.openAnother(now), await engine.openAnother(now), await engine.openAnother(now)];
    for (let round = 0; round < 5; round++) {
      const at = T0 + round * 20_000; // each round the previous holder's lease has run out
      const won = await Promise.all(others.map((s, i) => s.leases.hold(PASS_LEASE, `p${i}`, at, 10_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('pauses one workspace for every instance: its rows are not claimed until the pause ends', async () => {
    const store = await setup();
    const other = await engine.openAnother(now);
    await store.deliveries.enqueue([dm('slack:T1', 't1', T0 - SEC), dm('teams:X', 'x', T0 - SEC)]);
    await store.deliveries.pauseOrganisation('slack:T1', T0 + 30 * SEC);
    clock = T0 + 5 * SEC;
    const during = await other.deliveries.claim({ now: clock, leaseMs: SEC, owner: 'b', limit: 10 });
    expect(during.map((d) => d.key)).toEqual(['x']);
    await other.deliveries.markSent(during[0]!.id, 'b', clock, 'ref');
    // The wake-up time is the pause's end, not the paused row's due time.
    expect(await other.deliveries.nextReadyAt()).toBe(T0 + 30 * SEC);
    expect(await other.deliveries.claim({ now: T0 + 30 * SEC - 1, leaseMs: SEC, owner: 'b', limit: 10 })).toEqual([]);
    clock = T0 + 30 * SEC;
    expect((await other.deliveries.claim({ now: clock, leaseMs: SEC, owner: 'b', limit: 10 })).map((d) => d.key)).toEqual(['t1']);
  });

  it('a pause is extended by a later one and never shortened by an earlier one', async () => {
    const { deliveries } = await setup();
    await deliveries.enqueue([dm('slack:T1', 'k', T0)]);
    await deliveries.pauseOrganisation('slack:T1', T0 + 20 * SEC);
    await deliveries.pauseOrganisation('slack:T1', T0 + 10 * SEC);
    expect(await deliveries.claim({ now: T0 + 15 * SEC, leaseMs: SEC, owner: 'x', limit: 5 })).toEqual([]);
    await deliveries.pauseOrganisation('slack:T1', T0 + 40 * SEC);
    expect(await deliveries.claim({ now: T0 + 25 * SEC, leaseMs: SEC, owner: 'x', limit: 5 })).toEqual([]);
    expect(await engine.rows('send_pauses')).toEqual([{ orgId: 'slack:T1', until: T0 + 40 * SEC }]);
    expect((await deliveries.claim({ now: T0 + 40 * SEC, leaseMs: SEC, owner: 'x', limit: 5 })).map((d) => d.key)).toEqual(['k']);
  });

  it('an expired pause no longer holds rows back nor sets the wake-up time', async () => {
    const { deliveries } = await setup();
    await deliveries.pauseOrganisation('slack:T1', T0 - SEC);
    await deliveries.enqueue([dm('slack:T1', 'k', T0 + 5 * SEC)]);
    expect(await deliveries.nextReadyAt()).toBe(T0 + 5 * SEC);
    expect((await deliveries.claim({ now: T0 + 5 * SEC, leaseMs: SEC, owner: 'x', limit: 5 })).map((d) => d.key)).toEqual(['k']);
  });
});
