import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg } from './helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('admin role', () => {
  it('makes a leader with the organisation’s default floor-walk slot, and stops prompting when they stop leading', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('ada', 'admin role @jo leader')).toContain('@local:jo is now leader (was member). Their floor-walk prompt comes on Fridays at 14:00.');
    expect(await core.store.schedules.get('local', 'local:jo')).toEqual({ personId: 'local:jo', weekday: 5, time: '14:00', active: true });
    expect(await say('ada', 'admin role @jo member')).toContain('now member');
    expect((await core.store.schedules.get('local', 'local:jo'))?.active).toBe(false);
    // Back to leader: the slot they had comes back on.
    expect(await say('ada', 'admin floorwalk-default thu 09:30')).toContain('Thursdays at 09:30');
    await say('ada', 'admin role @jo leader');
    expect(await core.store.schedules.get('local', 'local:jo')).toMatchObject({ weekday: 5, time: '14:00', active: true });
    // A new leader gets the new default.
    await say('ada', 'admin role @quinn leader');
    expect(await core.store.schedules.get('local', 'local:quinn')).toMatchObject({ weekday: 4, time: '09:30', active: true });
    const history = await core.store.audit.history('local', 'person', 'local:jo');
    expect(history.filter((h) => h.action === 'update').map((h) => (h.after as { role: string }).role)).toEqual(['leader', 'member', 'leader']);
  });

  it('never leaves the organisation without an admin', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('ada', 'admin role @ada member')).toContain('That would leave the organisation without an admin');
    expect((await core.store.people.get('local', 'local:ada'))?.role).toBe('admin');
    await say('ada', 'admin role @quinn admin');
    expect(await say('quinn', 'admin role @ada leader')).toContain('now leader');
    expect(await say('quinn', 'admin role @quinn member')).toContain('without an admin');
    expect((await core.store.people.list('local', { role: 'admin' })).map((p) => p.id)).toEqual(['local:quinn']);
  });

  it('is for admins only and checks its words', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('quinn', 'admin role @jo leader')).toContain('Only an admin can use /clause5 admin role. Your role is quality manager.');
    expect(await say('ada', 'admin role @jo boss')).toContain('“boss” is not a role');
    expect(await say('ada', 'admin role leader')).toContain('Mention exactly one person');
    expect(await say('ada', 'admin role @nobody leader')).toContain("I don't know anyone called “@nobody”");
    expect(await say('ada', 'admin role @maria leader')).toContain('is already leader');
    expect(await say('ada', 'admin role @jo qm')).toContain('now quality manager');
  });
});

describe('admin person, me and people', () => {
  it('sets site, team, zone, joining date and name in one go', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    await say('ada', 'admin site add "North Works" Europe/London');
    await say('ada', 'admin team add "Paint" site "North Works"');
    const reply = await say('quinn', 'admin person @jo team "Paint" tz Europe/Berlin joined 2026-02-01 name "Jo R. Rivera"');
    expect(reply).toContain('Updated @local:jo: team Paint, time zone Europe/Berlin, joined 2026-02-01, name Jo R. Rivera.');
    const jo = await core.store.people.get('local', 'local:jo');
    const paint = await core.store.teams.findByName('local', 'paint');
    expect(jo).toMatchObject({ teamId: paint!.id, timeZone: 'Europe/Berlin', joinedOn: '2026-02-01', displayName: 'Jo R. Rivera' });
    await say('quinn', 'admin person @jo site "North Works" tz none team none');
    expect(await core.store.people.get('local', 'local:jo')).toMatchObject({ siteId: paint!.siteId, timeZone: null, teamId: null });
  });

  it('refuses what it cannot do, changing nothing', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('maria', 'admin person @jo tz Europe/Berlin')).toContain('Only a quality manager or an admin');
    expect(await say('ada', 'admin person @jo tz Mars/Base')).toContain("I don't know the time zone 'Mars/Base' — use an IANA name such as America/New_York");
    expect(await say('ada', 'admin person @jo site "Moon"')).toContain("I don't know the site “Moon”");
    expect(await say('ada', 'admin person @jo team "Moon"')).toContain("I don't know the team “Moon”");
    expect(await say('ada', 'admin person @jo joined 2026-13-01')).toContain('is not a real date');
    expect(await say('ada', 'admin person @jo')).toContain('Say what to change');
    expect(await say('ada', `admin person @jo name "${'n'.repeat(81)}"`)).toContain('1 to 80 characters');
    expect(await say('ada', 'admin person @jo wibble')).toContain("I didn't understand “wibble”");
    expect(await core.store.people.get('local', 'local:jo')).toMatchObject({ timeZone: null, teamId: null, joinedOn: '2026-01-01', displayName: 'Jo Rivera' });
  });

  it('refuses a joining date after today (in the person’s zone)', async () => {
    core = makeTestCore('2026-11-24T03:00:00Z'); // 2026-11-23 21:00 in Chicago
    const { say } = await smallOrg(core);
    expect(await say('ada', 'admin person @jo joined 2026-11-24')).toContain('The joining date 2026-11-24 is after today (2026-11-23)');
    expect(await say('ada', 'admin person @jo joined tomorrow')).toContain('is after today');
    expect((await core.store.people.get('local', 'local:jo'))?.joinedOn).toBe('2026-01-01');
    expect(await say('ada', 'admin person @jo joined today')).toContain('joined 2026-11-23');
    expect((await core.store.people.get('local', 'local:jo'))?.joinedOn).toBe('2026-11-23');
  });

  it('me shows role, site, team, zone and floor-walk slot', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    await say('ada', 'admin role @jo leader');
    await say('jo', 'away 2026-12-01 2026-12-02');
    const me = await say('jo', 'me');
    expect(me).toContain('Role: leader');
    expect(me).toContain('Site: Riverside Plant');
    expect(me).toContain('Team: none yet');
    expect(me).toContain('Time zone: America/Chicago (the site’s)');
    expect(me).toContain('Floor walk: Fridays at 14:00 (your time)');
    expect(me).toContain('Away: 2026-12-01 to 2026-12-02');
    expect(await say('quinn', 'me')).toContain('no weekly prompt (only leaders are asked)');
  });

  it('people lists everyone for managers, by site on request', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('jo', 'people')).toContain('Only a quality manager or an admin can use /clause5 people');
    const all = await say('quinn', 'people');
    expect(all).toContain('4 people:');
    expect(all).toContain('@local:maria — leader, Riverside Plant');
    await say('ada', 'admin site add "North Works" Europe/London');
    expect(await say('quinn', 'people site "North Works"')).toContain('Nobody is registered at North Works yet.');
    expect(await say('quinn', 'people site "Moon"')).toContain("I don't know the site “Moon”");
  });
});
