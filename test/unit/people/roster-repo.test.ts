// A roster plan applied on both engines (test/support/engines.ts): everything in one transaction with
// an audit row per change, nothing left behind by a failure midway, and two instances at once.
import { expect, it } from 'vitest';
import type { RosterPlan } from '../../../src/core/people/repo';
import { describeEngines } from '../../support/engines';
import { ORG, plantOn, T0 } from './engine-plant';

const PLAN: RosterPlan = {
  orgId: ORG,
  sites: [
    { name: 'Riverside', timeZone: 'America/Chicago' },
    { name: 'North Works', timeZone: 'Europe/London' },
  ],
  teams: [
    { name: 'Assembly', siteName: 'riverside' },
    { name: 'Office', siteName: null },
  ],
  people: [
    { create: { id: 'local:ada', displayName: 'Ada', role: 'admin', joinedOn: '2026-01-05' }, siteName: 'Riverside' },
    {
      create: { id: 'local:maria', displayName: 'Maria', handle: 'maria', role: 'leader', joinedOn: '2026-02-01' },
      siteName: 'Riverside',
      teamName: 'ASSEMBLY',
      schedule: { personId: 'local:maria', weekday: 4, time: '09:30', active: true },
    },
    {
      create: { id: 'local:quinn', displayName: 'Quinn', role: 'quality_manager', timeZone: 'Europe/London', joinedOn: '2026-02-01' },
      siteName: 'North Works',
    },
  ],
};

describeEngines('the roster plan', (engine) => {
  const plant = plantOn(engine);
  const { clock, now } = plant;
  const setup = plant.open;

  const everything = async () => ({
    people: await engine.rows('people'),
    sites: await engine.rows('sites'),
    teams: await engine.rows('teams'),
    slots: await engine.rows('floor_walk_schedules'),
    audit: await engine.rows('audit_log'),
  });

  it('creates sites, teams, people and slots, each with its audit row, and creates nothing twice', async () => {
    const store = await setup();
    expect(await store.roster.apply(PLAN, 'local:boss')).toEqual({
      peopleCreated: 3,
      sitesCreated: ['Riverside', 'North Works'],
      teamsCreated: ['Assembly', 'Office'],
    });
    const riverside = await store.sites.findByName(ORG, 'Riverside');
    expect(riverside).toMatchObject({ timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null });
    const assembly = await store.teams.findByName(ORG, 'Assembly');
    expect(assembly).toMatchObject({ siteId: riverside!.id, leaderId: null, channel: null });
    expect((await store.teams.findByName(ORG, 'Office'))?.siteId).toBeNull();
    expect(await store.people.get(ORG, 'local:maria')).toMatchObject({ role: 'leader', handle: 'maria', siteId: riverside!.id, teamId: assembly!.id });
    expect((await store.people.get(ORG, 'local:quinn'))?.siteId).toBe((await store.sites.findByName(ORG, 'north works'))!.id);
    expect(await store.schedules.get(ORG, 'local:maria')).toEqual({ personId: 'local:maria', weekday: 4, time: '09:30', active: true });
    const audit = await engine.rows('audit_log');
    expect(audit.map((r) => `${r.entity} ${r.action}`)).toEqual([
      'site create',
      'site create',
      'team create',
      'team create',
      'person create',
      'person create',
      'floor_walk_schedule create',
      'person create',
    ]);
    expect(new Set(audit.map((r) => `${r.actorId} ${r.at}`))).toEqual(new Set([`local:boss ${T0}`]));

    // The same plan again: everything exists, so nothing is created (the slot is written again).
    clock.at += 1_000;
    expect(await store.roster.apply(PLAN, null)).toEqual({ peopleCreated: 0, sitesCreated: [], teamsCreated: [] });
    expect((await engine.rows('sites')).length).toBe(2);
    expect((await engine.rows('audit_log')).slice(audit.length).map((r) => `${r.entity} ${r.action}`)).toEqual(['floor_walk_schedule update']);
  });

  it('updates people named by id, placing them by site and team name', async () => {
    const store = await setup();
    await store.roster.apply(PLAN, null);
    clock.at += 1_000;
    const applied = await store.roster.apply(
      {
        orgId: ORG,
        sites: [],
        teams: [],
        people: [{ update: { id: 'local:quinn', patch: { role: 'leader', displayName: 'Quinn M.' } }, siteName: 'Riverside', teamName: 'Office' }],
      },
      'local:ada',
    );
    expect(applied).toEqual({ peopleCreated: 0, sitesCreated: [], teamsCreated: [] });
    expect(await store.people.get(ORG, 'local:quinn')).toMatchObject({
      role: 'leader',
      displayName: 'Quinn M.',
      siteId: (await store.sites.findByName(ORG, 'Riverside'))!.id,
      teamId: (await store.teams.findByName(ORG, 'Office'))!.id,
    });
    expect((await store.audit.history(ORG, 'person', 'local:quinn')).map((a) => [a.action, a.actorId])).toEqual([
      ['create', null],
      ['update', 'local:ada'],
    ]);
  });

  it('writes nothing when the plan fails midway: an unknown team on its last person, or an unknown person', async () => {
    const store = await setup();
    const before = await everything();
    const lastNamesUnknownTeam: RosterPlan = {
      ...PLAN,
      people: [...PLAN.people, { create: { id: 'local:x', displayName: 'X', joinedOn: '2026-01-01' }, teamName: 'Paint' }],
    };
    await expect(store.roster.apply(lastNamesUnknownTeam, null)).rejects.toThrow('the roster plan names an unknown team “Paint”');
    expect(await everything()).toEqual(before);
    const updatesNobody: RosterPlan = { ...PLAN, people: [...PLAN.people, { update: { id: 'local:nobody', patch: { role: 'leader' } } }] };
    await expect(store.roster.apply(updatesNobody, null)).rejects.toThrow(/unknown person local:nobody/);
    expect(await everything()).toEqual(before);
  });

  it('applies the same plan from two instances at once: both succeed, everything is created once', async () => {
    const store = await setup();
    const other = await engine.openAnother(now);
    const [a, b] = await Promise.all([store.roster.apply(PLAN, 'local:one'), other.roster.apply(PLAN, 'local:two')]);
    expect(a.peopleCreated + b.peopleCreated).toBe(3);
    expect([...a.sitesCreated, ...b.sitesCreated].sort()).toEqual(['North Works', 'Riverside']);
    expect([...a.teamsCreated, ...b.teamsCreated].sort()).toEqual(['Assembly', 'Office']);
    const { people, sites, teams, slots, audit } = await everything();
    expect([people.length, sites.length, teams.length, slots.length]).toEqual([3, 2, 2, 1]);
    expect(audit.filter((r) => r.action === 'create')).toHaveLength(8);
  });

  it('applies two plans naming the same people in opposite orders from two instances at once', async () => {
    const store = await setup();
    await store.roster.apply({ ...PLAN, people: [] }, null);
    const other = await engine.openAnother(now);
    const people = Array.from({ length: 6 }, (_, i) => ({
      create: { id: `local:p${i}`, displayName: `P${i}`, joinedOn: '2026-01-01' },
      siteName: 'Riverside',
    }));
    const forwards: RosterPlan = { orgId: ORG, sites: [], teams: [], people };
    const backwards: RosterPlan = { ...forwards, people: [...people].reverse() };
    const [a, b] = await Promise.all([store.roster.apply(forwards, null), other.roster.apply(backwards, null)]);
    expect(a.peopleCreated + b.peopleCreated).toBe(6);
    expect(await store.people.count(ORG)).toBe(6);
  });

  it('applies a plan while another instance edits the same people, sites and slots one by one', async () => {
    const store = await setup();
    await store.roster.apply(PLAN, null);
    const other = await engine.openAnother(now);
    const ids = ['local:ada', 'local:maria', 'local:quinn'];
    const riverside = (await store.sites.findByName(ORG, 'Riverside'))!;
    for (let round = 0; round < 5; round++) {
      const plan: RosterPlan = {
        orgId: ORG,
        sites: [],
        teams: [],
        people: ids.map((id) => ({ update: { id, patch: { displayName: `R${round} ${id}` } }, siteName: 'Riverside' })),
      };
      const edits = async () => {
        for (const id of [...ids].reverse()) await other.people.update(ORG, id, { timeZone: round % 2 ? 'UTC' : 'Asia/Tokyo' }, null);
        await other.sites.update(ORG, riverside.id, { winsChannel: `C${round}` }, null);
        await other.schedules.upsert(ORG, { personId: 'local:maria', weekday: 1 + round, time: '09:30', active: true }, null);
      };
      await Promise.all([store.roster.apply(plan, null), edits()]);
    }
    expect((await store.people.get(ORG, 'local:maria'))?.displayName).toBe('R4 local:maria');
  });
});
