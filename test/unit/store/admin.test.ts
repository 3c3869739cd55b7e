// The store's operator part (src/store/opened.ts) on both engines: the outbox report `clause5 tick`
// prints (what a pass enqueued, and what was open before it) comes back the same from each.
import { expect, it } from 'vitest';
import type { NewDelivery } from '../../../src/core/deliveries';
import { describeEngines } from '../../support/engines';
import { ORG, openRecords, seedPerson } from './records-seed';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const MINUTE = 60_000;

describeEngines('the store admin', (engine) => {
  const now = () => T0;
  const delivery = (key: string, over: Partial<NewDelivery> = {}): NewDelivery => ({
    orgId: ORG,
    key,
    kind: 'meeting_check',
    personId: 'local:ann',
    subject: { meetingId: 1 },
    dueAt: T0,
    ...over,
  });

  it('reports the deliveries made after the mark and those open at it, sent or not since, in id order', async () => {
    const store = await openRecords(engine, now);
    await seedPerson(engine, 'local:ann', 'Ann');
    const admin = engine.admin();
    expect(await admin.deliveryMark()).toEqual({ maxId: 0, openIds: [] });

    await store.deliveries.enqueue([delivery('a'), delivery('b', { dueAt: T0 + 60 * MINUTE }), delivery('c', { skipReason: 'excused' })]);
    const [a] = await store.deliveries.claim({ now: T0, leaseMs: MINUTE, owner: 'w1', limit: 1 });
    await store.deliveries.markSent(a!.id, 'w1', T0, null);
    const mark = await admin.deliveryMark();
    const ids = Object.fromEntries(await Promise.all(['a', 'b', 'c'].map(async (k) => [k, (await store.deliveries.getByKey(k))!.id])));
    expect(mark).toEqual({ maxId: ids.c, openIds: [ids.b] });

    await store.deliveries.enqueue([delivery('d', { channel: '#line-3', personId: null, kind: 'digest', dueAt: T0 + 120 * MINUTE })]);
    const d = (await store.deliveries.getByKey('d'))!.id;
    const [claimedB] = await store.deliveries.claim({ now: T0 + 61 * MINUTE, leaseMs: MINUTE, owner: 'w1', limit: 1 });
    expect(claimedB!.id).toBe(ids.b);
    await store.deliveries.markFailed(ids.b!, 'w1', 'channel_not_found');

    expect(await admin.deliveriesSince(mark)).toEqual([
      {
        id: ids.b,
        orgId: ORG,
        kind: 'meeting_check',
        personId: 'local:ann',
        channel: null,
        status: 'failed',
        dueAt: T0 + 60 * MINUTE,
        lastError: 'channel_not_found',
      },
      { id: d, orgId: ORG, kind: 'digest', personId: null, channel: '#line-3', status: 'pending', dueAt: T0 + 120 * MINUTE, lastError: null },
    ]);
  });

  it('names where the data lives and says the connection is open', async () => {
    await openRecords(engine, now);
    const admin = engine.admin();
    expect(admin.where.length).toBeGreaterThan(0);
    expect(admin.isOpen()).toBe(true);
  });
});
