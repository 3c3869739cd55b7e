// Away periods, floor-walk slots and digest recipients on both engines (test/support/engines.ts),
// including two instances writing the same record at once.
import { expect, it } from 'vitest';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, plantOn, T0 } from './engine-plant';

const PEOPLE = ['local:ann', 'local:bob', 'local:cy'];

describeEngines('away periods, floor-walk slots and the digest list', (engine) => {
  const plant = plantOn(engine);
  const { clock, now } = plant;

  async function setup() {
    const store = await plant.open();
    for (const id of PEOPLE) await store.people.ensure({ id, orgId: ORG, displayName: id, role: 'leader', joinedOn: '2026-01-01' }, null);
    await store.people.ensure({ id: 'slack:T1:U1', orgId: OTHER_ORG, displayName: 'U1', role: 'leader', joinedOn: '2026-01-01' }, null);
    return store;
  }

  const { audits } = plant;

  it('adds away periods, lists those overlapping a range for a person or the organisation, and removes each once', async () => {
    const store = await setup();
    const march = await store.away.add(ORG, { personId: 'local:ann', fromDate: '2026-03-09', toDate: '2026-03-13', reason: 'Trade fair' }, 'local:ann');
    const april = await store.away.add(ORG, { personId: 'local:ann', fromDate: '2026-04-01', toDate: '2026-04-03', reason: null }, 'local:cy');
    const bob = await store.away.add(ORG, { personId: 'local:bob', fromDate: '2026-03-12', toDate: '2026-03-20', reason: null }, null);
    await store.away.add(OTHER_ORG, { personId: 'slack:T1:U1', fromDate: '2026-03-01', toDate: '2026-12-31', reason: null }, null);
    expect(march).toEqual({ id: march.id, personId: 'local:ann', fromDate: '2026-03-09', toDate: '2026-03-13', reason: 'Trade fair', recordedBy: 'local:ann' });
    expect(april.recordedBy).toBe('local:cy');
    expect((await store.away.list(ORG, 'local:ann')).map((a) => a.id)).toEqual([march.id, april.id]);
    expect((await store.away.list(ORG, 'local:ann', '2026-03-13', '2026-03-31')).map((a) => a.id)).toEqual([march.id]);
    expect((await store.away.list(ORG, 'local:ann', '2026-03-14')).map((a) => a.id)).toEqual([april.id]);
    expect((await store.away.listInOrg(ORG, '2026-03-13', '2026-03-13')).map((a) => a.id)).toEqual([march.id, bob.id]);
    expect((await store.away.listInOrg(ORG, '2026-03-21', '2026-03-31')).map((a) => a.id)).toEqual([]);

    expect(await store.away.remove(OTHER_ORG, march.id, null)).toBeUndefined();
    const other = await engine.openAnother(now);
    const removed = await Promise.all([store.away.remove(ORG, march.id, 'local:ann'), other.away.remove(ORG, march.id, 'local:cy')]);
    expect(removed.filter((r) => r !== undefined)).toEqual([march]);
    expect((await store.away.list(ORG, 'local:ann')).map((a) => a.id)).toEqual([april.id]);
    const trail = (await audits('away')).filter((r) => r.entityId === String(march.id));
    expect(trail.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(trail[1]!.before as string)).toEqual(march);
  });

  it("reads a person's absences and their site's closures over a range in one call, as the two single reads give them", async () => {
    const store = await setup();
    const site = await store.sites.create({ orgId: ORG, name: 'Plant', timeZone: 'Europe/Berlin', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    const other = await store.sites.create({ orgId: ORG, name: 'Other', timeZone: 'Europe/Berlin', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    await store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-03-16', toDate: '2026-03-16', reason: 'Stocktake' }, null);
    await store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-03-02', toDate: '2026-03-10', reason: null }, null);
    await store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-04-20', toDate: '2026-04-24', reason: 'Later' }, null);
    await store.sites.addClosure(ORG, { siteId: other.id, fromDate: '2026-03-09', toDate: '2026-03-09', reason: 'Not theirs' }, null);
    await store.away.add(ORG, { personId: 'local:ann', fromDate: '2026-03-12', toDate: '2026-03-13', reason: 'Fair' }, 'local:cy');
    await store.away.add(ORG, { personId: 'local:ann', fromDate: '2026-03-09', toDate: '2026-03-09', reason: null }, null);
    await store.away.add(ORG, { personId: 'local:bob', fromDate: '2026-03-09', toDate: '2026-03-13', reason: null }, null);
    await store.away.add(ORG, { personId: 'local:ann', fromDate: '2026-05-01', toDate: '2026-05-01', reason: null }, null);
    await store.away.add(OTHER_ORG, { personId: 'slack:T1:U1', fromDate: '2026-03-01', toDate: '2026-12-31', reason: null }, null);

    const range = ['2026-03-10', '2026-03-16'] as const;
    const facts = await store.away.calendarFacts(ORG, 'local:ann', site.id, ...range);
    expect(facts).toEqual({ closures: await store.sites.closures(ORG, site.id, ...range), away: await store.away.list(ORG, 'local:ann', ...range) });
    expect(facts.closures.map((c) => c.fromDate)).toEqual(['2026-03-02', '2026-03-16']);
    expect(facts.away.map((a) => [a.fromDate, a.recordedBy])).toEqual([['2026-03-12', 'local:cy']]);
    expect(await store.away.calendarFacts(ORG, 'local:ann', null, '2026-03-01', '2026-03-31')).toEqual({
      closures: [],
      away: await store.away.list(ORG, 'local:ann', '2026-03-01', '2026-03-31'),
    });
    expect(await store.away.calendarFacts(OTHER_ORG, 'local:ann', site.id, ...range)).toEqual({ closures: [], away: [] });
  });

  it('sets a floor-walk slot, changes it with the earlier one in the audit, and lists the active ones', async () => {
    const store = await setup();
    expect(await store.schedules.get(ORG, 'local:ann')).toBeUndefined();
    await store.schedules.upsert(ORG, { personId: 'local:ann', weekday: 5, time: '14:00', active: true }, 'local:ann');
    await store.schedules.upsert(ORG, { personId: 'local:bob', weekday: 2, time: '09:30', active: false }, null);
    await store.schedules.upsert(OTHER_ORG, { personId: 'slack:T1:U1', weekday: 1, time: '08:00', active: true }, null);
    clock.at += 1_000;
    await store.schedules.upsert(ORG, { personId: 'local:ann', weekday: 3, time: '07:15', active: true }, 'local:cy');
    expect(await store.schedules.get(ORG, 'local:ann')).toEqual({ personId: 'local:ann', weekday: 3, time: '07:15', active: true });
    expect(await store.schedules.get(ORG, 'local:bob')).toEqual({ personId: 'local:bob', weekday: 2, time: '09:30', active: false });
    expect(await store.schedules.get(OTHER_ORG, 'local:ann')).toBeUndefined();
    expect(await store.schedules.listActive(ORG)).toEqual([{ personId: 'local:ann', orgId: ORG, weekday: 3, time: '07:15', active: true }]);
    expect((await store.schedules.listActive()).map((s) => s.personId).sort()).toEqual(['local:ann', 'slack:T1:U1']);
    const trail = (await audits('floor_walk_schedule')).filter((r) => r.entityId === 'local:ann');
    expect(trail.map((r) => [r.action, r.actorId, Number(r.at)])).toEqual([
      ['create', 'local:ann', T0],
      ['update', 'local:cy', T0 + 1_000],
    ]);
    expect(trail[0]!.before).toBeNull();
    expect(JSON.parse(trail[1]!.before as string)).toEqual({ weekday: 5, time: '14:00', active: true });
    expect(JSON.parse(trail[1]!.after as string)).toEqual({ personId: 'local:ann', weekday: 3, time: '07:15', active: true });
  });

  it('stores one slot with one creation when two instances set a new person’s slot at once', async () => {
    const store = await setup();
    const other = await engine.openAnother(now);
    await Promise.all([
      store.schedules.upsert(ORG, { personId: 'local:cy', weekday: 1, time: '10:00', active: true }, 'local:ann'),
      other.schedules.upsert(ORG, { personId: 'local:cy', weekday: 4, time: '16:00', active: true }, 'local:bob'),
    ]);
    const trail = (await audits('floor_walk_schedule')).filter((r) => r.entityId === 'local:cy');
    expect(trail.map((r) => r.action)).toEqual(['create', 'update']);
    // The update's `before` is the slot the creation stored, and the stored slot is the update's.
    expect(JSON.parse(trail[0]!.after as string)).toMatchObject(JSON.parse(trail[1]!.before as string));
    expect(await store.schedules.get(ORG, 'local:cy')).toMatchObject(JSON.parse(trail[1]!.after as string));
  });

  it('keeps the digest list: each person once, removal told apart from a miss, audited', async () => {
    const store = await setup();
    const other = await engine.openAnother(now);
    await Promise.all([store.digest.add(ORG, 'local:bob', 'local:ann'), other.digest.add(ORG, 'local:bob', 'local:cy')]);
    await store.digest.add(ORG, 'local:ann', null);
    await store.digest.add(OTHER_ORG, 'slack:T1:U1', null);
    expect(await store.digest.list(ORG)).toEqual(['local:ann', 'local:bob']);
    expect(await store.digest.remove(ORG, 'local:cy', null)).toBe(false);
    expect(await store.digest.remove(OTHER_ORG, 'local:bob', null)).toBe(false);
    expect(await store.digest.remove(ORG, 'local:bob', 'local:ann')).toBe(true);
    expect(await store.digest.remove(ORG, 'local:bob', 'local:ann')).toBe(false);
    expect(await store.digest.list(ORG)).toEqual(['local:ann']);
    const trail = (await audits('digest_recipient')).filter((r) => r.entityId === 'local:bob');
    expect(trail.map((r) => r.action)).toEqual(['create', 'delete']);
  });
});
