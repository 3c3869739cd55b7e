import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/core/people/demo';
import { makeTestCore, type TestCore } from '../../support/core';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('the demo plant', () => {
  it('seeds one site, five leaders, a quality manager, an admin, two teams, objectives, meetings and wins — once', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const first = await seedDemo(core.deps);
    expect(first).toEqual({ created: true, notes: [] });
    const { store } = core;
    const people = await store.people.list('local');
    expect(
      people
        .filter((p) => p.role === 'leader')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['local:dev', 'local:lee', 'local:maria', 'local:priya', 'local:sam']);
    expect(people.find((p) => p.id === 'local:quinn')?.role).toBe('quality_manager');
    expect(people.find((p) => p.id === 'local:ada')?.role).toBe('admin');
    const sites = await store.sites.list('local');
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ name: 'Riverside Plant', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: 'riverside-wins' });
    const teams = await store.teams.list('local');
    expect(teams.map((t) => [t.name, t.leaderId, t.channel])).toEqual([
      ['Assembly', 'local:dev', 'assembly'],
      ['Machining', 'local:sam', null],
    ]);
    expect((await store.objectives.listActive('local')).map((o) => [o.code, o.customerFocus])).toEqual([
      ['CUST', true],
      ['OTD', false],
      ['SCRAP', false],
    ]);
    const schedules = await store.schedules.listActive('local');
    expect(schedules.map((s) => s.personId).sort()).toEqual(['local:dev', 'local:lee', 'local:maria', 'local:priya', 'local:sam']);
    expect(schedules.find((s) => s.personId === 'local:maria')).toMatchObject({ weekday: 5, time: '14:00' });
    expect((await store.digest.list('local')).sort()).toEqual(['local:ada', 'local:quinn']);
    const meetings = await store.meetings.list('local');
    expect(meetings).toHaveLength(5);
    expect(meetings.find((m) => m.personId === 'local:maria')).toMatchObject({ title: 'Plant morning meeting', time: '07:30' });
    const wins = await store.wins.recent('local', 0);
    expect(wins).toHaveLength(2);
    expect(wins.flatMap((w) => w.tags).sort()).toEqual(['OTD', 'SCRAP', 'cost', 'defect-reduction']);

    const again = await seedDemo(core.deps);
    expect(again.created).toBe(false);
    expect(await store.people.count('local')).toBe(people.length);
    expect(await store.meetings.list('local')).toHaveLength(5);
    expect(await store.wins.recent('local', 0)).toHaveLength(2);
  });

  it('uses the configured default time zone for the site', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z', { defaultTimeZone: 'Europe/London' });
    await seedDemo(core.deps);
    expect((await core.store.sites.list('local'))[0]?.timeZone).toBe('Europe/London');
  });

  it('does nothing when the local organisation already has people', async () => {
    core = makeTestCore();
    await core.bot.handleCommand(core.as('local:someone'), 'help');
    expect((await seedDemo(core.deps)).created).toBe(false);
    expect(await core.store.sites.list('local')).toEqual([]);
  });
});
