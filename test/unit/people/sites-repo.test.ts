// Sites, site closures and teams on both engines (test/support/engines.ts): stored, found whatever
// the case, edited with an audit trail, and a closure removed once even by two instances at once.
import { expect, it } from 'vitest';
import type { Site } from '../../../src/core/people/types';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, plantOn, T0 } from './engine-plant';

const siteNamed = (name: string, extra: Partial<Site> = {}): Omit<Site, 'id'> => ({
  orgId: ORG,
  name,
  timeZone: 'Europe/Berlin',
  workDays: [1, 2, 3, 4, 5],
  winsChannel: null,
  ...extra,
});

describeEngines('sites, closures and teams', (engine) => {
  const plant = plantOn(engine);
  const { clock, now } = plant;
  const setup = plant.open;

  const { audits } = plant;

  it('stores sites, finds them by name whatever the case, lists them in byte order and audits each change', async () => {
    const store = await setup();
    const north = await store.sites.create(siteNamed('North', { workDays: [1, 2, 3, 4, 5, 6], winsChannel: 'C1' }), 'local:ann');
    const south = await store.sites.create(siteNamed('south', { workDays: [] }), null);
    await store.sites.create({ ...siteNamed('Elsewhere'), orgId: OTHER_ORG }, null);
    expect(north).toEqual({ id: north.id, orgId: ORG, name: 'North', timeZone: 'Europe/Berlin', workDays: [1, 2, 3, 4, 5, 6], winsChannel: 'C1' });
    expect(await store.sites.get(ORG, south.id)).toEqual({ ...south, workDays: [] });
    expect(await store.sites.get(OTHER_ORG, north.id)).toBeUndefined();
    expect((await store.sites.findByName(ORG, 'NORTH'))?.id).toBe(north.id);
    expect(await store.sites.findByName(ORG, 'Elsewhere')).toBeUndefined();
    expect((await store.sites.list(ORG)).map((s) => s.name)).toEqual(['North', 'south']);
    await expect(store.sites.create(siteNamed('NORTH'), null)).rejects.toThrow();

    clock.at += 1_000;
    const renamed = await store.sites.update(ORG, north.id, { name: 'Nord', timeZone: 'Europe/Oslo', workDays: [1, 3] }, 'local:ann');
    expect(renamed).toEqual({ ...north, name: 'Nord', timeZone: 'Europe/Oslo', workDays: [1, 3] });
    expect(await store.sites.findByName(ORG, 'north')).toBeUndefined();
    expect((await store.sites.findByName(ORG, 'nord'))?.id).toBe(north.id);
    await expect(store.sites.update(OTHER_ORG, north.id, { name: 'X' }, null)).rejects.toThrow(/unknown site/);
    const trail = (await audits('site')).filter((r) => r.entityId === String(north.id));
    expect(trail.map((r) => r.action)).toEqual(['create', 'update']);
    expect(JSON.parse(trail[1]!.before as string)).toEqual(north);
    expect(JSON.parse(trail[1]!.after as string)).toEqual(renamed);
    expect(trail[1]).toMatchObject({ actorId: 'local:ann', at: T0 + 1_000 });
  });

  it('lists the closures that overlap a range, and removes each once (audited)', async () => {
    const store = await setup();
    const site = await store.sites.create(siteNamed('North'), null);
    const summer = await store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-08-03', toDate: '2026-08-14', reason: 'Summer shutdown' }, 'local:ann');
    const xmas = await store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-12-24', toDate: '2026-12-26', reason: null }, null);
    const may = await store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-05-01', toDate: '2026-05-01', reason: 'May Day' }, null);
    expect(summer).toEqual({ id: summer.id, siteId: site.id, fromDate: '2026-08-03', toDate: '2026-08-14', reason: 'Summer shutdown' });
    expect((await store.sites.closures(ORG, site.id)).map((c) => c.id)).toEqual([may.id, summer.id, xmas.id]);
    expect((await store.sites.closures(ORG, site.id, '2026-08-14', '2026-12-24')).map((c) => c.id)).toEqual([summer.id, xmas.id]);
    expect((await store.sites.closures(ORG, site.id, '2026-08-15')).map((c) => c.id)).toEqual([xmas.id]);
    expect((await store.sites.closures(ORG, site.id, undefined, '2026-05-01')).map((c) => c.id)).toEqual([may.id]);
    expect(await store.sites.closures(OTHER_ORG, site.id)).toEqual([]);

    expect(await store.sites.removeClosure(OTHER_ORG, summer.id, null)).toBe(false);
    const other = await engine.openAnother(now);
    const removed = await Promise.all([store.sites.removeClosure(ORG, summer.id, 'local:ann'), other.sites.removeClosure(ORG, summer.id, 'local:bob')]);
    expect(removed.sort()).toEqual([false, true]);
    expect((await store.sites.closures(ORG, site.id)).map((c) => c.id)).toEqual([may.id, xmas.id]);
    const trail = (await audits('site_closure')).filter((r) => r.entityId === String(summer.id));
    expect(trail.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(trail[1]!.before as string)).toEqual(summer);
  });

  it('stores teams, finds them by name, lists those a person leads and audits edits', async () => {
    const store = await setup();
    const site = await store.sites.create(siteNamed('North'), null);
    await store.people.ensure({ id: 'local:lee', orgId: ORG, displayName: 'Lee', role: 'leader', joinedOn: '2026-01-01' }, null);
    const paint = await store.teams.create({ orgId: ORG, siteId: site.id, name: 'paint shop', leaderId: 'local:lee', channel: null }, null);
    const assembly = await store.teams.create({ orgId: ORG, siteId: null, name: 'Assembly', leaderId: null, channel: 'C9' }, 'local:ann');
    expect(paint).toEqual({ id: paint.id, orgId: ORG, siteId: site.id, name: 'paint shop', leaderId: 'local:lee', channel: null });
    expect(await store.teams.get(ORG, assembly.id)).toEqual(assembly);
    expect(await store.teams.get(OTHER_ORG, assembly.id)).toBeUndefined();
    expect((await store.teams.findByName(ORG, 'PAINT SHOP'))?.id).toBe(paint.id);
    expect((await store.teams.list(ORG)).map((t) => t.name)).toEqual(['Assembly', 'paint shop']);
    expect((await store.teams.ledBy(ORG, 'local:lee')).map((t) => t.id)).toEqual([paint.id]);

    clock.at += 5_000;
    const moved = await store.teams.update(ORG, assembly.id, { name: 'Final assembly', leaderId: 'local:lee' }, 'local:ann');
    expect(moved).toEqual({ ...assembly, name: 'Final assembly', leaderId: 'local:lee' });
    expect((await store.teams.findByName(ORG, 'final ASSEMBLY'))?.id).toBe(assembly.id);
    expect((await store.teams.ledBy(ORG, 'local:lee')).map((t) => t.name)).toEqual(['Final assembly', 'paint shop']);
    await expect(store.teams.update(ORG, 9_999, { name: 'X' }, null)).rejects.toThrow(/unknown team 9999/);
    const trail = (await audits('team')).filter((r) => r.entityId === String(assembly.id));
    expect(trail.map((r) => [r.action, r.actorId, Number(r.at)])).toEqual([
      ['create', 'local:ann', T0],
      ['update', 'local:ann', T0 + 5_000],
    ]);
    expect(JSON.parse(trail[1]!.before as string)).toEqual(assembly);
  });
});
