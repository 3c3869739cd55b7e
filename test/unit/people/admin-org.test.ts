import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg } from './helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('admin site', () => {
  it('adds, lists and changes sites', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('quinn', 'admin site add "North Works" Europe/London workdays sun-thu')).toContain(
      'Added site North Works (Europe/London, mon,tue,wed,thu,sun). Set its wins channel with /clause5 admin site set "North Works" wins-channel #channel.',
    );
    expect((await core.store.sites.findByName('local', 'north works'))?.workDays).toEqual([1, 2, 3, 4, 7]);
    expect(await say('ada', 'admin site add Eastgate Asia/Tokyo workdays mon,tue,wed #east-wins')).toContain('wins in #east-wins');
    expect(await say('ada', 'admin site set "north works" wins-channel #north-wins')).toContain('Site North Works: wins channel #north-wins.');
    expect(await say('ada', 'admin site set "North Works" tz America/New_York')).toContain('time zone America/New_York');
    expect(await say('ada', 'admin site set "North Works" workdays mon-fri')).toContain('work days mon-fri');
    expect(await say('ada', 'admin site set "North Works" name "North Plant"')).toContain('name North Plant');
    expect(await core.store.sites.findByName('local', 'North Plant')).toMatchObject({
      timeZone: 'America/New_York',
      workDays: [1, 2, 3, 4, 5],
      winsChannel: 'north-wins',
    });
    const list = await say('quinn', 'admin site list');
    expect(list).toContain('Eastgate — Asia/Tokyo, mon-wed, wins: #east-wins');
    expect(list).toContain('North Plant — America/New_York, mon-fri, wins: #north-wins');
    expect(list).toContain('Riverside Plant — America/Chicago, mon-fri, wins: no channel');
    expect(await say('ada', 'admin site set "North Plant" wins-channel none')).toContain('no wins channel');
    const site = await core.store.sites.findByName('local', 'North Plant');
    expect((await core.store.audit.history('local', 'site', String(site!.id))).map((a) => a.action)).toEqual([
      'create',
      'update',
      'update',
      'update',
      'update',
      'update',
    ]);
  });

  it('refuses bad sites and settings', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('maria', 'admin site add "X" Europe/London')).toContain('Only a quality manager or an admin');
    expect(await say('ada', 'admin site add "X" Mars/Base')).toContain("I don't know the time zone 'Mars/Base'");
    expect(await say('ada', 'admin site add "X" CET')).toContain("I don't know the time zone 'CET' — use an IANA name such as America/New_York");
    expect(await say('ada', 'admin site add "X"')).toContain("Give the site's time zone");
    expect(await say('ada', 'admin site add "riverside plant" America/Chicago')).toContain('There is already a site called');
    expect(await say('ada', 'admin site add "X" UTC workdays someday')).toContain("I can't read the work days “someday”");
    expect(await say('ada', 'admin site set "Moon" tz UTC')).toContain("I don't know the site “Moon”. Sites: Riverside Plant.");
    expect(await say('ada', 'admin site set "Riverside Plant" colour blue')).toContain('not “colour”');
    expect(await say('ada', 'admin site set "Riverside Plant" wins-channel wins')).toContain('Give a channel as #name');
    expect(await say('ada', 'admin site set "Riverside Plant" tz')).toContain('Give a value for tz');
    expect(await core.store.sites.list('local')).toHaveLength(1);
  });
});

describe('admin team', () => {
  it('adds teams with a site, a lead and a channel, and lists them', async () => {
    core = makeTestCore();
    const { say, site } = await smallOrg(core);
    expect(await say('quinn', 'admin team add "Assembly" lead @maria #assembly')).toContain(
      'Added team Assembly at Riverside Plant, led by @local:maria, channel #assembly.',
    );
    const team = await core.store.teams.findByName('local', 'Assembly');
    expect(team).toMatchObject({ siteId: site.id, leaderId: 'local:maria', channel: 'assembly' });
    expect((await core.store.people.get('local', 'local:maria'))?.teamId).toBe(team!.id);
    await say('quinn', 'admin team add Machining');
    const list = await say('quinn', 'admin team list');
    expect(list).toContain('Assembly (Riverside Plant) — 1 member, lead @local:maria, #assembly');
    expect(list).toContain('Machining (Riverside Plant) — 0 members');
    expect(await say('quinn', 'admin team add "assembly"')).toContain('There is already a team called “assembly”');
    expect(await say('quinn', 'admin team add "Paint" site "Moon"')).toContain("I don't know the site “Moon”");
    expect(await say('quinn', 'admin team add "Paint" lead @ghost')).toContain("I don't know anyone called “@ghost”");
    expect(await say('jo', 'admin team list')).toContain('Only a quality manager or an admin');
    expect((await core.store.teams.list('local')).map((t) => t.name)).toEqual(['Assembly', 'Machining']);
  });
});

describe('admin shutdown', () => {
  it('adds, lists and removes plant shutdowns', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say, site } = await smallOrg(core);
    expect(await say('ada', 'admin shutdown add "Riverside Plant" 2026-12-24 2027-01-01 "Winter shutdown"')).toMatch(
      /Shutdown #\d+ at Riverside Plant: 2026-12-24 to 2027-01-01 \(9 days\) — Winter shutdown/,
    );
    expect(await say('ada', 'admin shutdown add "Riverside Plant" 2026-11-26 Thanksgiving')).toContain('2026-11-26 (1 day) — Thanksgiving');
    await say('ada', 'admin shutdown add "Riverside Plant" 2026-01-01');
    const closures = await core.store.sites.closures('local', site.id);
    expect(closures.map((c) => [c.fromDate, c.toDate, c.reason])).toEqual([
      ['2026-01-01', '2026-01-01', null],
      ['2026-11-26', '2026-11-26', 'Thanksgiving'],
      ['2026-12-24', '2027-01-01', 'Winter shutdown'],
    ]);
    const upcoming = await say('quinn', 'admin shutdown list');
    expect(upcoming).toContain('Riverside Plant: 2026-11-26 — Thanksgiving');
    expect(upcoming).not.toContain('2026-01-01 ');
    expect(await say('quinn', 'admin shutdown list "Riverside Plant" all')).toContain('Riverside Plant: 2026-01-01');
    const id = closures[1]!.id;
    expect(await say('ada', `admin shutdown remove ${id}`)).toContain(`Removed shutdown #${id}.`);
    expect(await say('ada', `admin shutdown remove ${id}`)).toContain(`There is no shutdown #${id}`);
    expect((await core.store.audit.history('local', 'site_closure', String(id))).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('validates site and dates', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say, site } = await smallOrg(core);
    expect(await say('ada', 'admin shutdown add "Moon" 2026-12-24')).toContain("I don't know the site “Moon”");
    expect(await say('ada', 'admin shutdown add "Riverside Plant" 2026-12-32')).toContain('is not a real date');
    expect(await say('ada', 'admin shutdown add "Riverside Plant" 2026-12-24 2026-12-20')).toContain('before the start date');
    expect(await say('ada', 'admin shutdown add "Riverside Plant" 2026-01-01 2027-06-01')).toContain('more than a year');
    expect(await say('ada', 'admin shutdown add "Riverside Plant"')).toContain('From which date?');
    expect(await say('jo', 'admin shutdown list')).toContain('Only a quality manager or an admin');
    expect(await say('ada', 'admin shutdown list')).toContain('No current or upcoming shutdowns.');
    expect(await core.store.sites.closures('local', site.id)).toEqual([]);
  });
});

describe('admin digest, weights and floor-walk default', () => {
  it('manages digest recipients and the digest channel', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('ada', 'admin digest list')).toContain('Nobody receives the weekly digest yet');
    expect(await say('ada', 'admin digest add @quinn')).toContain('@local:quinn will receive the weekly digest (last week’s scorecard, Mondays at 08:00).');
    expect(await say('ada', 'admin digest add @maria')).toContain('it goes to quality managers and admins only. Maria Lopez is leader');
    await say('ada', 'admin digest add @ada');
    expect((await core.store.digest.list('local')).sort()).toEqual(['local:ada', 'local:quinn']);
    expect(await say('ada', 'admin digest remove @ada')).toContain('will no longer receive');
    expect(await say('ada', 'admin digest remove @ada')).toContain('ada does not receive the digest');
    expect(await say('ada', 'admin digest channel #quality')).toContain('also be posted in #quality');
    expect((await core.store.orgs.get('local'))?.settings.digestChannel).toBe('quality');
    const list = await say('quinn', 'admin digest list');
    expect(list).toContain('@local:quinn');
    expect(list).toContain('Site and organisation figures also posted to #quality (never a leader’s own figures)');
    expect(await say('ada', 'admin digest channel none')).toContain('no longer posted in a channel');
    expect((await core.store.orgs.get('local'))?.settings.digestChannel).toBeUndefined();
    expect(await say('ada', 'admin digest add')).toContain('Mention exactly one person');
    expect(await say('jo', 'admin digest add @jo')).toContain('Only a quality manager or an admin');
  });

  it('stores scorecard weights in the organisation settings, checking them', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('quinn', 'admin weights 40 20 20 10 10')).toContain('meetings 40, walks 20, wins 20, follow-ups 10, response 10');
    expect((await core.store.orgs.get('local'))?.settings.weights).toEqual([40, 20, 20, 10, 10]);
    expect(await say('quinn', 'admin weights 1 2 3')).toContain('Give five weights');
    expect(await say('quinn', 'admin weights 1 2 3 4 -5')).toContain('“-5” is not a weight');
    expect(await say('quinn', 'admin weights 0 0 0 0 0')).toContain('At least one weight must be above 0');
    expect(await say('quinn', 'admin weights 1 2 x 4 5')).toContain('“x” is not a weight');
    expect((await core.store.orgs.get('local'))?.settings.weights).toEqual([40, 20, 20, 10, 10]);
    expect((await core.store.audit.history('local', 'org_settings', 'local')).length).toBe(1);
  });

  it('admin weights with no numbers shows the current weights (issue 10 item 16)', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('quinn', 'admin weights')).toContain('Scorecard weights (the defaults): meetings 30, walks 30, wins 15, follow-ups 15, response 10');
    await say('quinn', 'admin weights 40 20 20 10 10');
    expect(await say('quinn', 'admin weights')).toContain('Scorecard weights: meetings 40, walks 20, wins 20, follow-ups 10, response 10');
    expect((await core.store.audit.history('local', 'org_settings', 'local')).length).toBe(1);
  });

  it('sets the default floor-walk slot, checking day and time', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('ada', 'admin floorwalk-default wed 7:30')).toContain('Wednesdays at 07:30');
    expect((await core.store.orgs.get('local'))?.settings).toMatchObject({ defaultWalkDay: 3, defaultWalkTime: '07:30' });
    expect(await say('ada', 'admin floorwalk-default someday 07:30')).toContain('“someday” is not a day of the week');
    expect(await say('ada', 'admin floorwalk-default fri 25:00')).toContain('“25:00” is not a time');
    expect(await say('maria', 'admin floorwalk-default fri 14:00')).toContain('Only a quality manager or an admin');
  });

  it('shows the admin commands in help only to those who may use them', async () => {
    core = makeTestCore();
    const { say } = await smallOrg(core);
    expect(await say('ada', 'help admin')).toContain('/clause5 admin role @person');
    expect(await say('quinn', 'help')).not.toContain('/clause5 admin role');
    expect(await say('quinn', 'help')).toContain('/clause5 admin site add');
    expect(await say('jo', 'help')).not.toContain('/clause5 admin');
    expect(await say('jo', 'help')).toContain('/clause5 away');
  });
});
