// Issue 10 item 9: a roster row naming an unknown site or team, or joining in the future, is an
// error with its line number (nothing is created silently); --create-sites creates them.
import { afterEach, describe, expect, it } from 'vitest';
import { importRoster, ROSTER_HEADER } from '../../../src/core/people/roster';
import { makeTestCore, type TestCore } from '../../support/core';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('roster import: sites, teams and joining dates', () => {
  it('reports unknown site, unknown team and a future joined_on by line and writes nothing', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await core.store.orgs.ensure({ id: 'local', platform: 'local', name: 'Local plant' });
    await core.store.sites.create({ orgId: 'local', name: 'Riverside', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    const csv = [
      ROSTER_HEADER,
      'ada,Ada,admin,Riverside,,,,,2026-01-05',
      'nina,Nina,leader,Riversdie,,,,,',
      'omar,Omar,member,Riverside,Paint,,,,',
      'pat,Pat,member,Riverside,,,,,2026-12-01',
    ].join('\n');
    const result = await importRoster(core.deps, 'local', csv, null);
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(result.errors[0]!.message).toContain('unknown site “Riversdie” (sites: Riverside)');
    expect(result.errors[1]!.message).toContain('unknown team “Paint”');
    expect(result.errors[2]!.message).toContain('joined_on 2026-12-01 is after today (2026-11-23)');
    expect(await core.store.sites.list('local')).toHaveLength(1);
    expect(await core.store.teams.list('local')).toHaveLength(0);
    expect(await core.store.people.count('local')).toBe(0);
  });

  it('--create-sites creates the sites and teams the file names', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const csv = [ROSTER_HEADER, 'ada,Ada,admin,North,Paint,,,,'].join('\n');
    const result = await importRoster(core.deps, 'local', csv, null, { createSites: true });
    expect(result.errors).toEqual([]);
    expect((await core.store.sites.list('local')).map((s) => s.name)).toEqual(['North']);
    expect((await core.store.teams.list('local')).map((t) => t.name)).toEqual(['Paint']);
  });
});
