// The people area's repositories (people, sites and closures, teams, away periods, floor-walk
// schedules, digest recipients, the audit chain) on both engines: the same calls give the same
// answers, the same audit entries, and the same outcome under concurrent callers.
import { expect, it } from 'vitest';
import { describeEngines, type EngineStore } from '../../support/engines';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const ORG = 'local';

describeEngines('people, sites, teams and calendar', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup(): Promise<EngineStore> {
    clock = T0;
    const store = await engine.open(now);
    await store.orgs.ensure({ id: ORG, platform: 'local', name: 'Plant' });
    return store;
  }

  const newPerson = (id: string, displayName: string, extra: object = {}) => ({ id, orgId: ORG, displayName, joinedOn: '2026-01-05', ...extra });

  it('keeps people: created once and audited, found by handle or name in any case, listed in byte order', async () => {
    const store = await setup();
    const ada = await store.people.ensure(newPerson('local:ada', 'ada', { handle: 'Ada' }), 'local:admin');
    expect(ada).toEqual({
      id: 'local:ada',
      orgId: ORG,
      handle: 'Ada',
      displayName: 'ada',
      timeZone: null,
      role: 'member',
      siteId: null,
      teamId: null,
      joinedOn: '2026-01-05',
      unreachableReason: null,
      guest: false,
    });
    await store.people.ensure(newPerson('local:zed', 'Zed', { role: 'leader' }), null);
    await store.people.ensure(newPerson('local:bob', 'Bob'), null);
    expect(await store.people.ensure(newPerson('local:ada', 'Someone else'), null)).toEqual(ada);
    await expect(store.people.ensure({ ...newPerson('local:ada', 'ada'), orgId: 'slack:T1' }, null)).rejects.toThrow(/another organisation/);
    expect((await store.people.findByHandle(ORG, 'ADA'))?.id).toBe('local:ada');
    expect((await store.people.findByName(ORG, 'BOB')).map((p) => p.id)).toEqual(['local:bob']);
    expect((await store.people.list(ORG)).map((p) => p.displayName)).toEqual(['Bob', 'Zed', 'ada']);
    expect((await store.people.list(ORG, { role: 'leader' })).map((p) => p.id)).toEqual(['local:zed']);
    expect(await store.people.count(ORG)).toBe(3);
    expect((await store.audit.history(ORG, 'person', 'local:ada')).map((e) => [e.action, e.actorId])).toEqual([['create', 'local:admin']]);
  });

  it('records when a person became a leader, and audits the change with before and after', async () => {
    const store = await setup();
    await store.people.ensure(newPerson('local:ann', 'Ann'), null);
    clock = T0 + 60_000;
    const ann = await store.people.update(ORG, 'local:ann', { role: 'leader', timeZone: 'Europe/Berlin' }, 'local:qm');
    expect(ann).toMatchObject({ role: 'leader', timeZone: 'Europe/Berlin' });
    const [row] = await engine.rows('people');
    expect(row).toMatchObject({ leaderSince: T0 + 60_000, updatedAt: T0 + 60_000 });
    const [, update] = await store.audit.history(ORG, 'person', 'local:ann');
    expect(update).toMatchObject({ action: 'update', actorId: 'local:qm', at: T0 + 60_000, before: { role: 'member' }, after: { role: 'leader' } });
    await expect(store.people.update(ORG, 'local:nobody', { role: 'admin' }, null)).rejects.toThrow(/unknown person/);
  });

  it('ten people arriving at once on ten connections leave exactly one first admin', async () => {
    const store = await setup();
    const connections = [store, ...(await Promise.all(Array.from({ length: 9 }, () => engine.openAnother(now))))];
    await Promise.all(connections.map((s, i) => s.people.arrive(newPerson(`local:p${i}`, `P${i}`), true)));
    expect((await store.people.list(ORG, { role: 'admin' })).length).toBe(1);
    expect(await store.people.count(ORG)).toBe(10);
    // Later arrivals never claim it, even once the organisation has no admin any more.
    const [admin] = await store.people.list(ORG, { role: 'admin' });
    await store.people.update(ORG, admin!.id, { role: 'member' }, null);
    expect((await store.people.arrive(newPerson('local:late', 'Late'), true)).role).toBe('member');
  });

  it('works out the zones in use from people, their sites and the default', async () => {
    const store = await setup();
    const site = await store.sites.create({ orgId: ORG, name: 'Riverside', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    await store.people.ensure(newPerson('local:a', 'A', { siteId: site.id }), null);
    await store.people.ensure(newPerson('local:b', 'B', { timeZone: 'Europe/Berlin', siteId: site.id }), null);
    await store.people.ensure(newPerson('local:c', 'C'), null);
    expect(await store.people.zonesInUse('Asia/Tokyo')).toEqual(['America/Chicago', 'Asia/Tokyo', 'Europe/Berlin']);
  });

  it('keeps sites with their closures, and teams, found by name in any case and listed in byte order', async () => {
    const store = await setup();
    const river = await store.sites.create(
      { orgId: ORG, name: 'riverside', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null },
      'local:qm',
    );
    await store.sites.create({ orgId: ORG, name: 'Hilltop', timeZone: 'Europe/Berlin', workDays: [1, 2, 3, 4], winsChannel: 'C1' }, null);
    expect((await store.sites.list(ORG)).map((s) => s.name)).toEqual(['Hilltop', 'riverside']);
    expect((await store.sites.findByName(ORG, 'RIVERSIDE'))?.id).toBe(river.id);
    const renamed = await store.sites.update(ORG, river.id, { name: 'Riverside Plant', workDays: [1, 2, 3] }, 'local:qm');
    expect(renamed).toEqual({ ...river, name: 'Riverside Plant', workDays: [1, 2, 3] });
    expect((await store.sites.findByName(ORG, 'riverside plant'))?.id).toBe(river.id);
    const xmas = await store.sites.addClosure(ORG, { siteId: river.id, fromDate: '2026-12-24', toDate: '2026-12-31', reason: 'Holidays' }, null);
    await store.sites.addClosure(ORG, { siteId: river.id, fromDate: '2026-08-01', toDate: '2026-08-14', reason: null }, null);
    expect((await store.sites.closures(ORG, river.id)).map((c) => c.fromDate)).toEqual(['2026-08-01', '2026-12-24']);
    expect((await store.sites.closures(ORG, river.id, '2026-12-30', '2027-01-05')).map((c) => c.id)).toEqual([xmas.id]);
    expect(await store.sites.removeClosure(ORG, xmas.id, null)).toBe(true);
    expect(await store.sites.removeClosure(ORG, xmas.id, null)).toBe(false);
    expect((await store.audit.history(ORG, 'site', String(river.id))).map((e) => e.action)).toEqual(['create', 'update']);

    await store.people.ensure(newPerson('local:lead', 'Lead'), null);
    const line2 = await store.teams.create({ orgId: ORG, siteId: river.id, name: 'line 2', leaderId: 'local:lead', channel: null }, null);
    await store.teams.create({ orgId: ORG, siteId: river.id, name: 'Assembly', leaderId: 'local:lead', channel: 'C2' }, null);
    expect((await store.teams.ledBy(ORG, 'local:lead')).map((t) => t.name)).toEqual(['Assembly', 'line 2']);
    expect(await store.teams.update(ORG, line2.id, { name: 'Line 2' }, null)).toEqual({ ...line2, name: 'Line 2' });
    expect((await store.teams.findByName(ORG, 'LINE 2'))?.id).toBe(line2.id);
    expect(await store.teams.get(ORG, line2.id)).toEqual({ ...line2, name: 'Line 2' });
  });

  it('keeps away periods, found by overlap with a date range', async () => {
    const store = await setup();
    await store.people.ensure(newPerson('local:ann', 'Ann'), null);
    const summer = await store.away.add(
      ORG,
      { personId: 'local:ann', fromDate: '2026-07-01', toDate: '2026-07-14', reason: 'Holiday', recordedBy: null },
      'local:qm',
    );
    await store.away.add(ORG, { personId: 'local:ann', fromDate: '2026-03-02', toDate: '2026-03-03', reason: null, recordedBy: null }, null);
    expect(summer).toMatchObject({ personId: 'local:ann', recordedBy: 'local:qm' });
    expect((await store.away.list(ORG, 'local:ann')).map((a) => a.fromDate)).toEqual(['2026-03-02', '2026-07-01']);
    expect((await store.away.list(ORG, 'local:ann', '2026-07-14', '2026-08-01')).map((a) => a.id)).toEqual([summer.id]);
    expect((await store.away.listInOrg(ORG, '2026-03-03', '2026-03-03')).map((a) => a.fromDate)).toEqual(['2026-03-02']);
    expect(await store.away.remove(ORG, summer.id, null)).toEqual(summer);
    expect(await store.away.remove(ORG, summer.id, null)).toBeUndefined();
  });

  it('keeps floor-walk slots and finds the ones inside local time windows, midnight included', async () => {
    const store = await setup();
    const site = await store.sites.create({ orgId: ORG, name: 'Riverside', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    await store.people.ensure(newPerson('local:day', 'Day', { siteId: site.id }), null);
    await store.people.ensure(newPerson('local:night', 'Night', { siteId: site.id }), null);
    await store.people.ensure(newPerson('local:tokyo', 'Tokyo', { timeZone: 'Asia/Tokyo' }), null);
    await store.schedules.upsert(ORG, { personId: 'local:day', weekday: 5, time: '14:00', active: true }, null);
    await store.schedules.upsert(ORG, { personId: 'local:night', weekday: 2, time: '23:50', active: true }, null);
    await store.schedules.upsert(ORG, { personId: 'local:tokyo', weekday: 1, time: '09:00', active: true }, null);
    await store.schedules.upsert(ORG, { personId: 'local:night', weekday: 2, time: '00:05', active: true }, 'local:qm');
    expect((await store.audit.history(ORG, 'floor_walk_schedule', 'local:night')).map((e) => e.action)).toEqual(['create', 'update']);
    expect(await store.schedules.get(ORG, 'local:night')).toEqual({ personId: 'local:night', weekday: 2, time: '00:05', active: true });
    const ids = (rows: Array<{ personId: string }>) => rows.map((r) => r.personId).sort();
    // 23:55 → 00:10 wraps past midnight in Chicago; Tokyo people come from the default zone only when they have none.
    expect(ids(await store.schedules.listActiveAt([{ zone: 'America/Chicago', all: false, after: '23:55', through: '00:10' }], 'UTC'))).toEqual([
      'local:night',
    ]);
    expect(ids(await store.schedules.listActiveAt([{ zone: 'America/Chicago', all: false, after: '13:59', through: '14:00' }], 'UTC'))).toEqual(['local:day']);
    expect(ids(await store.schedules.listActiveAt([{ zone: 'Asia/Tokyo', all: true, after: '00:00', through: '00:00' }], 'UTC'))).toEqual(['local:tokyo']);
    await store.schedules.upsert(ORG, { personId: 'local:day', weekday: 5, time: '14:00', active: false }, null);
    expect(ids(await store.schedules.listActive(ORG))).toEqual(['local:night', 'local:tokyo']);
  });

  it('adds a digest recipient once (one audit entry) and removes them', async () => {
    const store = await setup();
    await store.people.ensure(newPerson('local:qm', 'QM'), null);
    await store.digest.add(ORG, 'local:qm', null);
    await store.digest.add(ORG, 'local:qm', null);
    expect(await store.digest.list(ORG)).toEqual(['local:qm']);
    expect(await store.digest.remove(ORG, 'local:qm', null)).toBe(true);
    expect(await store.digest.remove(ORG, 'local:qm', null)).toBe(false);
    expect((await store.audit.history(ORG, 'digest_recipient', 'local:qm')).map((e) => e.action)).toEqual(['create', 'delete']);
  });

  it('keeps one unbroken audit chain per organisation while two connections write at once', async () => {
    const store = await setup();
    const other = await engine.openAnother(now);
    await Promise.all(
      [store, other].map(async (s, n) => {
        for (let i = 0; i < 15; i++) await s.people.ensure(newPerson(`local:c${n}-${i}`, `C${n} ${i}`), null);
      }),
    );
    const chain = (await engine.rows('audit_log')).filter((r) => r.orgId === ORG);
    expect(chain).toHaveLength(30);
    chain.forEach((entry, i) => {
      expect(entry.prevHash).toBe(i === 0 ? '0'.repeat(64) : chain[i - 1]!.hash);
    });
    expect((await store.audit.recent(ORG, 2)).map((e) => e.entityId)).toEqual([chain[29]!.entityId, chain[28]!.entityId]);
  });

  it('applies a roster plan in one transaction, and a plan that fails writes nothing', async () => {
    const store = await setup();
    await store.people.ensure(newPerson('local:ann', 'Ann'), null);
    const applied = await store.roster.apply(
      {
        orgId: ORG,
        sites: [{ name: 'Riverside', timeZone: 'America/Chicago' }],
        teams: [{ name: 'Line 2', siteName: 'riverside' }],
        people: [
          { create: { id: 'local:bo', displayName: 'Bo', joinedOn: '2026-02-01', role: 'leader' }, siteName: 'Riverside', teamName: 'line 2' },
          {
            update: { id: 'local:ann', patch: { role: 'quality_manager' } },
            siteName: 'Riverside',
            schedule: { personId: 'local:ann', weekday: 3, time: '10:00', active: true },
          },
        ],
      },
      'local:admin',
    );
    expect(applied).toEqual({ peopleCreated: 1, sitesCreated: ['Riverside'], teamsCreated: ['Line 2'] });
    const [site] = await store.sites.list(ORG);
    expect(await store.people.get(ORG, 'local:ann')).toMatchObject({ role: 'quality_manager', siteId: site!.id });
    expect(await store.schedules.get(ORG, 'local:ann')).toMatchObject({ weekday: 3, time: '10:00' });
    const before = (await engine.rows('audit_log')).length;
    const failing = {
      orgId: ORG,
      sites: [{ name: 'Hilltop', timeZone: 'Europe/Berlin' }],
      teams: [],
      people: [{ create: { id: 'local:cy', displayName: 'Cy', joinedOn: '2026-02-01' }, siteName: 'Nowhere' }],
    };
    await expect(store.roster.apply(failing, null)).rejects.toThrow(/unknown site “Nowhere”/);
    expect((await store.sites.list(ORG)).map((s) => s.name)).toEqual(['Riverside']);
    expect(await store.people.get(ORG, 'local:cy')).toBeUndefined();
    expect(await engine.rows('audit_log')).toHaveLength(before);
  });
});
