// The people repository's contract on both engines (test/support/engines.ts): storing, arriving
// (the first-admin claim, also from several instances at once), editing with an audit trail, lookups.
import { expect, it } from 'vitest';
import type { NewPerson } from '../../../src/core/people/repo';
import { describeEngines, type EngineStore } from '../../support/engines';
import { ORG, OTHER_ORG, plantOn, T0 } from './engine-plant';

const newcomer = (id: string, extra: Partial<NewPerson> = {}): NewPerson => ({
  id,
  orgId: ORG,
  displayName: id.split(':')[1]!,
  joinedOn: '2026-03-02',
  ...extra,
});

describeEngines('the people repository', (engine) => {
  const plant = plantOn(engine);
  const { clock, now } = plant;
  const setup = plant.open;

  const admins = async (store: EngineStore) => (await store.people.list(ORG, { role: 'admin' })).map((p) => p.id);
  const personAudits = () => plant.audits('person');

  it('stores someone once, audits the creation, and refuses an id of another organisation', async () => {
    const store = await setup();
    const ann = await store.people.ensure(newcomer('local:ann', { handle: 'ann', role: 'leader', timeZone: 'Europe/Berlin' }), 'local:boss');
    expect(ann).toEqual({
      id: 'local:ann',
      orgId: ORG,
      handle: 'ann',
      displayName: 'ann',
      timeZone: 'Europe/Berlin',
      role: 'leader',
      siteId: null,
      teamId: null,
      joinedOn: '2026-03-02',
      unreachableReason: null,
      guest: false,
    });
    clock.at += 1_000;
    expect(await store.people.ensure(newcomer('local:ann', { displayName: 'Someone else' }), null)).toEqual(ann);
    expect(await store.people.get(ORG, 'local:ann')).toEqual(ann);
    expect(await store.people.get(OTHER_ORG, 'local:ann')).toBeUndefined();
    await expect(store.people.ensure({ ...newcomer('local:ann'), orgId: OTHER_ORG }, null)).rejects.toThrow(/belongs to another organisation/);
    const audits = await personAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: 'local:boss', entityId: 'local:ann', action: 'create', at: T0 });
    expect(JSON.parse(audits[0]!.after as string)).toEqual(ann);
  });

  it('makes the first arrival who may claim it the admin, and nobody after', async () => {
    const store = await setup();
    expect((await store.people.arrive(newcomer('local:max'), false)).role).toBe('member');
    expect((await store.people.arrive(newcomer('local:first'), true)).role).toBe('admin');
    expect((await store.people.arrive(newcomer('local:second'), true)).role).toBe('member');
    // Arriving again returns the stored row, unchanged.
    expect((await store.people.arrive(newcomer('local:first', { displayName: 'X' }), true)).displayName).toBe('first');
    expect(await admins(store)).toEqual(['local:first']);
    // The slot is taken once: an organisation later left without an admin gets none by arrival.
    await store.people.update(ORG, 'local:first', { role: 'member' }, null);
    expect((await store.people.arrive(newcomer('local:late'), true)).role).toBe('member');
    expect(await admins(store)).toEqual([]);
    const created = (await personAudits()).filter((r) => r.action === 'create');
    expect(created.map((r) => [r.entityId, JSON.parse(r.after as string).role])).toEqual([
      ['local:max', 'member'],
      ['local:first', 'admin'],
      ['local:second', 'member'],
      ['local:late', 'member'],
    ]);
  });

  it('gives nobody the claim in an organisation that already has an admin', async () => {
    const store = await setup();
    await store.people.ensure(newcomer('local:installer', { role: 'admin' }), null);
    expect((await store.people.arrive(newcomer('local:next'), true)).role).toBe('member');
    expect(await admins(store)).toEqual(['local:installer']);
  });

  it('leaves exactly one admin when ten people arrive at once through ten instances', async () => {
    const first = await setup();
    const stores = [first, ...(await Promise.all(Array.from({ length: 9 }, () => engine.openAnother(now))))];
    const arrived = await Promise.all(stores.map((store, i) => store.people.arrive(newcomer(`local:p${i}`), true)));
    expect(arrived.filter((p) => p.role === 'admin')).toHaveLength(1);
    expect(await admins(first)).toEqual(arrived.filter((p) => p.role === 'admin').map((p) => p.id));
    expect(await first.people.count(ORG)).toBe(10);
    const [org] = await engine.execute(`SELECT first_admin_id FROM organisations WHERE id = 'local'`);
    expect(org?.first_admin_id).toBe((await admins(first))[0]);
  });

  it('stores one person, audited once, when the same newcomer arrives through five instances at once', async () => {
    const first = await setup();
    const stores = [first, ...(await Promise.all(Array.from({ length: 4 }, () => engine.openAnother(now))))];
    const arrived = await Promise.all(stores.map((store) => store.people.arrive(newcomer('local:twin'), true)));
    expect(new Set(arrived.map((p) => JSON.stringify(p))).size).toBe(1);
    expect(arrived[0]!.role).toBe('admin');
    expect(await first.people.count(ORG)).toBe(1);
    expect(await personAudits()).toHaveLength(1);
  });

  it('never spends the first-admin slot on someone who arrived without the claim at the same moment', async () => {
    const first = await setup();
    const other = await engine.openAnother(now);
    // The same newcomer twice at once, once without the claim (a guest's event, say): whichever
    // is stored, the slot stays for someone who does become admin.
    for (let i = 0; i < 8; i++) {
      const org = `local-${i}`;
      await first.orgs.ensure({ id: org, platform: 'local', name: org });
      await Promise.all([
        first.people.arrive({ ...newcomer(`local:x${i}`), orgId: org }, false),
        other.people.arrive({ ...newcomer(`local:x${i}`), orgId: org }, true),
      ]);
      await first.people.arrive({ ...newcomer(`local:y${i}`), orgId: org }, true);
      const admins = await first.people.list(org, { role: 'admin' });
      expect(admins, org).toHaveLength(1);
    }
  });

  it('patches a person, keeps before and after in the audit, and records when someone becomes a leader', async () => {
    const store = await setup();
    await store.people.ensure(newcomer('local:ann', { handle: 'ann' }), null);
    clock.at += 60_000;
    const after = await store.people.update(ORG, 'local:ann', { role: 'leader', displayName: 'Ann Smith', timeZone: 'Asia/Kolkata' }, 'local:boss');
    expect(after).toMatchObject({ role: 'leader', displayName: 'Ann Smith', timeZone: 'Asia/Kolkata', handle: 'ann' });
    clock.at += 60_000;
    await store.people.update(ORG, 'local:ann', { role: 'leader', unreachableReason: 'app not installed' }, null);
    const [row] = await engine.execute(`SELECT leader_since, updated_at FROM people WHERE id = 'local:ann'`);
    expect(Number(row?.leader_since)).toBe(T0 + 60_000);
    expect(Number(row?.updated_at)).toBe(T0 + 120_000);
    const update = (await personAudits()).find((r) => r.action === 'update');
    expect(update).toMatchObject({ actorId: 'local:boss', at: T0 + 60_000 });
    expect(JSON.parse(update!.before as string)).toMatchObject({ role: 'member', displayName: 'ann', timeZone: null });
    expect(JSON.parse(update!.after as string)).toEqual(after);
    await expect(store.people.update(ORG, 'local:nobody', { role: 'leader' }, null)).rejects.toThrow(/unknown person local:nobody/);
    await expect(store.people.update(OTHER_ORG, 'local:ann', { role: 'leader' }, null)).rejects.toThrow(/unknown person/);
  });

  it('finds people by handle and name whatever the case, lists, filters, sorts and counts them', async () => {
    const store = await setup();
    const site = await store.sites.create({ orgId: ORG, name: 'North', timeZone: 'Europe/Oslo', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    await store.people.ensure(newcomer('local:b', { displayName: 'bea Long', handle: 'Bea', role: 'leader', siteId: site.id }), null);
    await store.people.ensure(newcomer('local:a', { displayName: 'Bea Long', handle: 'al', role: 'leader' }), null);
    await store.people.ensure(newcomer('local:c', { displayName: 'Cy', role: 'quality_manager', siteId: site.id }), null);
    await store.people.ensure({ ...newcomer('slack:T1:U1'), orgId: OTHER_ORG, handle: 'bea' }, null);
    expect((await store.people.findByHandle(ORG, 'bEA'))?.id).toBe('local:b');
    expect(await store.people.findByHandle(ORG, 'nobody')).toBeUndefined();
    expect((await store.people.findByName(ORG, 'BEA LONG')).map((p) => p.id).sort()).toEqual(['local:a', 'local:b']);
    // Byte order, as SQLite sorts: capitals first.
    expect((await store.people.list(ORG)).map((p) => p.displayName)).toEqual(['Bea Long', 'Cy', 'bea Long']);
    expect((await store.people.list(ORG, { role: 'leader' })).map((p) => p.id)).toEqual(['local:a', 'local:b']);
    expect((await store.people.list(ORG, { siteId: site.id })).map((p) => p.id)).toEqual(['local:c', 'local:b']);
    expect(await store.people.count(ORG)).toBe(3);
    expect(await store.people.count('nowhere')).toBe(0);
  });

  it('lists the zones in use: own zone, else the site’s, else the default', async () => {
    const store = await setup();
    const site = await store.sites.create({ orgId: ORG, name: 'North', timeZone: 'Europe/Oslo', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    await store.people.ensure(newcomer('local:own', { timeZone: 'Asia/Kolkata', siteId: site.id }), null);
    await store.people.ensure(newcomer('local:site', { siteId: site.id }), null);
    await store.people.ensure(newcomer('local:none'), null);
    await store.people.ensure({ ...newcomer('slack:T1:U1'), orgId: OTHER_ORG, timeZone: 'America/Chicago' }, null);
    expect(await store.people.zonesInUse('UTC')).toEqual(['America/Chicago', 'Asia/Kolkata', 'Europe/Oslo', 'UTC']);
  });
});
