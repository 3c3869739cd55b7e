import { afterEach, describe, expect, it } from 'vitest';
import { importRoster } from '../../../src/core/people/roster';
import { makeTestCore, type TestCore } from '../../support/core';

let core: TestCore;
afterEach(() => core?.cleanup());

const HEADER = 'id_or_handle,name,role,site,team,time_zone,walk_day,walk_time,joined_on';

describe('roster import', () => {
  it('imports a good file: people, roles, new sites and teams, zones, floor-walk slots, quoted commas', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const csv = [
      `\uFEFF${HEADER}`,
      'ada,Ada Brooks,admin,Riverside Plant,,,,,2025-01-06',
      'maria,"Lopez, Maria",leader,Riverside Plant,Assembly,,thu,9:30,2025-03-01',
      '@dev,Dev Patel,leader,Riverside Plant,Assembly,America/New_York,,,',
      '',
      'local:quinn,"Quinn ""QM"" Murphy",quality_manager,"North Works, Unit 2",,Europe/London,,,',
      'jo,Jo Rivera,,Riverside Plant,"Machining, CNC",,,,',
    ].join('\r\n');
    const result = await importRoster(core.deps, 'local', csv, null, { createSites: true });
    expect(result.errors).toEqual([]);
    expect(result.imported).toBe(5);
    expect(result.summary).toBe('5 people (5 new, 0 updated); new sites: Riverside Plant, North Works, Unit 2; new teams: Assembly, Machining, CNC');
    const { store } = core;
    const maria = await store.people.get('local', 'local:maria');
    expect(maria).toMatchObject({ displayName: 'Lopez, Maria', handle: 'maria', role: 'leader', joinedOn: '2025-03-01', timeZone: null });
    expect(await store.people.get('local', 'local:quinn')).toMatchObject({
      displayName: 'Quinn "QM" Murphy',
      role: 'quality_manager',
      timeZone: 'Europe/London',
    });
    expect(await store.people.get('local', 'local:jo')).toMatchObject({ role: 'member', joinedOn: '2026-11-23' });
    const north = await store.sites.findByName('local', 'North Works, Unit 2');
    expect(north).toMatchObject({ timeZone: 'Europe/London', workDays: [1, 2, 3, 4, 5] });
    const riverside = await store.sites.findByName('local', 'Riverside Plant');
    expect(riverside?.timeZone).toBe('America/Chicago');
    expect((await store.teams.findByName('local', 'Machining, CNC'))?.siteId).toBe(riverside!.id);
    expect(maria?.teamId).toBe((await store.teams.findByName('local', 'Assembly'))!.id);
    expect(await store.schedules.get('local', 'local:maria')).toEqual({ personId: 'local:maria', weekday: 4, time: '09:30', active: true });
    expect(await store.schedules.get('local', 'local:dev')).toEqual({ personId: 'local:dev', weekday: 5, time: '14:00', active: true });
    expect(await store.schedules.get('local', 'local:jo')).toBeUndefined();
    expect((await store.audit.history('local', 'person', 'local:maria')).map((a) => a.action)).toEqual(['create']);
    // The people can now be mentioned by handle.
    const reply = await core.bot.handleCommand(core.as('local:ada'), 'admin role @jo leader');
    expect(reply.message?.summary).toContain('now leader');
  });

  it('updates existing people on a second import, keeping what empty cells leave out', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await importRoster(core.deps, 'local', `${HEADER}\nada,Ada,admin,Riverside Plant,,,,,\nmaria,Maria,leader,Riverside Plant,,,wed,08:00,2025-03-01`, null, {
      createSites: true,
    });
    const second = await importRoster(core.deps, 'local', 'id_or_handle,name,role,walk_time\nmaria,Maria Lopez,,10:15\nlee,Lee Chen,leader,', 'local:ada', {
      createSites: true,
    });
    expect(second.errors).toEqual([]);
    expect(second.summary).toBe('2 people (1 new, 1 updated); new sites: none; new teams: none');
    expect(await core.store.people.get('local', 'local:maria')).toMatchObject({ displayName: 'Maria Lopez', role: 'leader', joinedOn: '2025-03-01' });
    expect(await core.store.schedules.get('local', 'local:maria')).toMatchObject({ weekday: 3, time: '10:15', active: true });
    const history = await core.store.audit.history('local', 'person', 'local:maria');
    expect(history.map((h) => [h.action, h.actorId])).toEqual([
      ['create', null],
      ['update', 'local:ada'],
    ]);
    expect((history[1]!.before as { displayName: string }).displayName).toBe('Maria');
    // Demoting a leader switches their prompt off.
    await importRoster(core.deps, 'local', 'id_or_handle,name,role\nmaria,Maria Lopez,member', null, { createSites: true });
    expect((await core.store.schedules.get('local', 'local:maria'))?.active).toBe(false);
  });

  it('reports every bad row with its line number and imports nothing', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const csv = [
      HEADER,
      'ada,Ada Brooks,admin,Riverside Plant,,,,,',
      'maria,Maria Lopez,boss,Riverside Plant,,,,,', // line 3: unknown role
      'dev,Dev Patel,leader,"Riverside Plant",Assembly,Mars/Base,someday,25:00,', // line 4: zone, day, time
      '"multi',
      'line",,member,,,,,,2026-02-30', // line 5 (record starts there): bad handle, missing name, bad date
      'sam,Sam Okafor,leader,Riverside Plant,,,fri,14:00,',
      'sam,Sam O.,leader,,,,,,', // line 8: duplicate
      'jo,Jo Rivera,member,,,,mon,,', // line 9: walk slot for a member
    ].join('\n');
    const result = await importRoster(core.deps, 'local', csv, null, { createSites: true });
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 8, 9]);
    const byLine = Object.fromEntries(result.errors.map((e) => [e.line, e.message]));
    expect(byLine[3]).toContain('unknown role “boss”');
    expect(byLine[4]).toContain('unknown time zone “Mars/Base”');
    expect(byLine[4]).toContain('walk_day “someday” is not a day of the week');
    expect(byLine[4]).toContain('walk_time “25:00” is not a time');
    expect(byLine[5]).toContain('is not a handle');
    expect(byLine[5]).toContain('name is missing');
    expect(byLine[5]).toContain('joined_on “2026-02-30” is not a real date');
    expect(byLine[8]).toContain('local:sam is already on line 7');
    expect(byLine[9]).toContain('walk_day and walk_time are only for leaders');
    expect(await core.store.people.count('local')).toBe(0);
    expect(await core.store.sites.list('local')).toEqual([]);
    expect(await core.store.teams.list('local')).toEqual([]);
    expect(await core.store.schedules.listActive('local')).toEqual([]);
  });

  it('a file with exactly three bad rows reports all three and writes nothing', async () => {
    core = makeTestCore();
    const csv = `${HEADER}\nada,Ada,admin,,,,,,\nmaria,Maria,leader,,,Nowhere/Land,,,\nlee,,leader,,,,,,\nsam,Sam,leader,,,,fri,14:00,2026-1-1x\npriya,Priya,leader,,,,,,`;
    const result = await importRoster(core.deps, 'local', csv, null, { createSites: true });
    expect(result).toMatchObject({ imported: 0 });
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(await core.store.people.count('local')).toBe(0);
  });

  it('checks the header, unclosed quotes, stray cells and the last admin', async () => {
    core = makeTestCore();
    expect((await importRoster(core.deps, 'local', '', null, { createSites: true })).errors).toEqual([
      { line: 1, message: expect.stringContaining('the file is empty') },
    ]);
    const header = await importRoster(core.deps, 'local', 'handle,name,colour\nann,Ann,red', null, { createSites: true });
    expect(header.errors[0]?.message).toContain('unknown column(s) “handle”, “colour”; missing column(s) id_or_handle');
    const quote = await importRoster(core.deps, 'local', `${HEADER}\nada,"Ada,admin,,,,,,,`, null, { createSites: true });
    expect(quote.errors).toContainEqual({ line: 2, message: expect.stringContaining('never closed') });
    const cells = await importRoster(core.deps, 'local', 'id_or_handle,name\nada,Ada,admin', null, { createSites: true });
    expect(cells.errors).toEqual([{ line: 2, message: expect.stringContaining('3 cells but the header has 2') }]);
    const noAdmin = await importRoster(core.deps, 'local', 'id_or_handle,name,role\nmaria,Maria,leader', null, { createSites: true });
    expect(noAdmin.errors).toEqual([{ line: 1, message: expect.stringContaining('has no admin and the file names none') }]);
    expect(await core.store.people.count('local')).toBe(0);
    // With an admin in place, demoting the last one is refused on the line that does it.
    await importRoster(core.deps, 'local', 'id_or_handle,name,role\nada,Ada,admin\nmaria,Maria,leader', null, { createSites: true });
    const demote = await importRoster(core.deps, 'local', 'id_or_handle,name,role\nmaria,Maria,leader\nada,Ada,member', null, { createSites: true });
    expect(demote.errors).toEqual([{ line: 3, message: expect.stringContaining('without an admin') }]);
    expect((await core.store.people.get('local', 'local:ada'))?.role).toBe('admin');
  });

  it('takes platform person ids in Slack organisations and refuses other workspaces’ ids', async () => {
    core = makeTestCore();
    await core.store.orgs.ensure({ id: 'slack:T1', platform: 'slack', name: 'Acme' });
    const csv = 'id_or_handle,name,role\nU100,Ann Admin,admin\nslack:T1:U200,Bo Leader,leader\nslack:T9:U300,Other,member\nU 4,Space,member';
    const bad = await importRoster(core.deps, 'slack:T1', csv, null, { createSites: true });
    expect(bad.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(bad.errors[0]?.message).toContain('not a person of this Slack workspace (ids here start with slack:T1:)');
    const good = await importRoster(core.deps, 'slack:T1', csv.split('\n').slice(0, 3).join('\n'), null, { createSites: true });
    expect(good.imported).toBe(2);
    expect(await core.store.people.get('slack:T1', 'slack:T1:U100')).toMatchObject({ role: 'admin', handle: null, displayName: 'Ann Admin' });
    expect(await core.store.schedules.get('slack:T1', 'slack:T1:U200')).toMatchObject({ weekday: 5, time: '14:00' });
    expect(await core.store.people.count('local')).toBe(0);
  });

  it('checks Slack user ids (U… or W…) and reports each bad one with its line', async () => {
    core = makeTestCore();
    await core.store.orgs.ensure({ id: 'slack:T1', platform: 'slack', name: 'Acme' });
    const csv =
      'id_or_handle,name,role\nU100,Ann Admin,admin\nw200abc,Grid User,member\nC123,A Channel,member\nslack:T1:B9,A Bot,member\nslack:T1:,Nobody,member';
    const bad = await importRoster(core.deps, 'slack:T1', csv, null, { createSites: true });
    expect(bad.errors).toEqual([
      { line: 4, message: '“C123” is not a Slack user id (they look like U012AB3CD or W012AB3CD)' },
      { line: 5, message: '“slack:T1:B9” is not a Slack user id (they look like U012AB3CD or W012AB3CD)' },
      { line: 6, message: expect.stringContaining('“slack:T1:” is not a person of this Slack workspace') },
    ]);
    const good = await importRoster(core.deps, 'slack:T1', csv.split('\n').slice(0, 3).join('\n'), null, { createSites: true });
    expect(good.errors).toEqual([]);
    expect(await core.store.people.get('slack:T1', 'slack:T1:W200ABC')).toMatchObject({ displayName: 'Grid User' });
  });

  it('normalises Teams Entra object ids to lower case and refuses what is not one, or another tenant’s', async () => {
    core = makeTestCore();
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const org = `teams:${tenant}`;
    await core.store.orgs.ensure({ id: org, platform: 'teams', name: 'Contoso' });
    const ann = '7C9E6679-7425-40DE-944B-E07FC1F90AE7';
    const bo = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    const csv = [
      'id_or_handle,name,role',
      `${ann},Ann Admin,admin`,
      `teams:${tenant.toUpperCase()}:${bo},Bo Leader,leader`,
      'ann@contoso.com,By Mail,member',
      `teams:11111111-2222-3333-4444-555555555555:${bo},Other Tenant,member`,
      `${ann.toLowerCase()},Ann Again,member`,
    ].join('\n');
    const bad = await importRoster(core.deps, org, csv, null, { createSites: true });
    expect(bad.errors).toEqual([
      { line: 4, message: expect.stringContaining('“ann@contoso.com” is not a Microsoft Entra object id') },
      { line: 5, message: expect.stringContaining(`is not a person of this Microsoft 365 organisation (ids here start with ${org}:)`) },
      { line: 6, message: `${org}:${ann.toLowerCase()} is already on line 2` },
    ]);
    const good = await importRoster(core.deps, org, csv.split('\n').slice(0, 3).join('\n'), null, { createSites: true });
    expect(good.errors).toEqual([]);
    expect((await core.store.people.list(org)).map((p) => p.id).sort()).toEqual([`${org}:${bo}`, `${org}:${ann.toLowerCase()}`]);
  });

  it('reports a duplicate of a row that failed its checks as a duplicate too', async () => {
    core = makeTestCore();
    const csv = `${HEADER}\nada,Ada,admin,,,,,,\nmaria,Maria,leader,,,Mars/Base,,,\nmaria,Maria Lopez,leader,,,,,,\nMARIA,,leader,,,,,,`;
    const result = await importRoster(core.deps, 'local', csv, null, { createSites: true });
    expect(result.errors).toEqual([
      { line: 3, message: expect.stringContaining('unknown time zone “Mars/Base”') },
      { line: 4, message: 'local:maria is already on line 3' },
      { line: 5, message: 'name is missing; local:maria is already on line 3' },
    ]);
    expect(await core.store.people.count('local')).toBe(0);
  });

  it('writes nothing when the database refuses a write midway: sites, teams, people, slots and audit all roll back', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await importRoster(core.deps, 'local', `${HEADER}\nada,Ada,admin,Riverside Plant,,,,,\nmaria,Maria,leader,Riverside Plant,,,wed,08:00,2025-03-01`, null, {
      createSites: true,
    });
    const auditBefore = (await core.store.audit.recent('local', 1000)).length;
    // A real SQLite trigger refuses the last person of the next file, after everything before it was written.
    core.store.database.sqlite.exec(
      `CREATE TRIGGER refuse_boom BEFORE INSERT ON people WHEN NEW.id = 'local:boom' BEGIN SELECT RAISE(ABORT, 'provoked failure'); END`,
    );
    const csv = [
      HEADER,
      'maria,Maria Lopez,leader,North Works,Assembly,,fri,10:00,',
      'lee,Lee Chen,leader,North Works,Assembly,Europe/London,,,',
      'ada,Ada,member,,,,,,',
      'sam,Sam Okafor,admin,Riverside Plant,Machining,,,,',
      'boom,Boom,member,,,,,,',
    ].join('\n');
    await expect(importRoster(core.deps, 'local', csv, 'local:ada', { createSites: true })).rejects.toThrow('provoked failure');
    expect((await core.store.people.list('local')).map((p) => p.id).sort()).toEqual(['local:ada', 'local:maria']);
    expect(await core.store.people.get('local', 'local:maria')).toMatchObject({ displayName: 'Maria', role: 'leader' });
    expect((await core.store.people.get('local', 'local:ada'))?.role).toBe('admin');
    expect((await core.store.sites.list('local')).map((s) => s.name)).toEqual(['Riverside Plant']);
    expect(await core.store.teams.list('local')).toEqual([]);
    expect(await core.store.schedules.get('local', 'local:maria')).toEqual({ personId: 'local:maria', weekday: 3, time: '08:00', active: true });
    expect(await core.store.schedules.get('local', 'local:lee')).toBeUndefined();
    expect((await core.store.audit.recent('local', 1000)).length).toBe(auditBefore);
    // Without the trigger the same file goes in whole.
    core.store.database.sqlite.exec('DROP TRIGGER refuse_boom');
    const result = await importRoster(core.deps, 'local', csv, 'local:ada', { createSites: true });
    expect(result.summary).toBe('5 people (3 new, 2 updated); new sites: North Works; new teams: Assembly, Machining');
    expect(await core.store.schedules.get('local', 'local:maria')).toEqual({ personId: 'local:maria', weekday: 5, time: '10:00', active: true });
  });
});
