// The weekly scorecard digest: Monday 08:00 (the organisation's default zone), last week's
// scorecard to each recipient by DM (every leader) and to the digest channel (sites and the
// organisation only: a scorecard is never in a channel), through the real scheduler.
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules';
import { digestSource } from '../../../src/core/scorecard/digest';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg, textOf } from '../people/helpers';
import { seeder } from './fixture';
import { tableRows } from '../../support/sql';

let core: TestCore;
afterEach(() => core?.cleanup());

const HOUR = 3_600_000;

describe('the weekly digest', () => {
  it('is due Mondays at 08:00 in the default zone and reports on the week before', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    await say('ada', 'admin digest add @quinn');
    await say('ada', 'admin digest channel #quality');
    const from = Date.parse('2026-11-24T00:00:00Z');
    const triggers = await digestSource(core.deps).triggers(from, from + 14 * 24 * HOUR);
    expect(triggers.map((t) => [t.key, new Date(t.dueAt).toISOString(), t.personId ?? t.channel, t.subject.week])).toEqual([
      ['digest:local:2026-W48:local:quinn', '2026-11-30T14:00:00.000Z', 'local:quinn', '2026-W48'],
      ['digest:local:2026-W48:#quality', '2026-11-30T14:00:00.000Z', 'quality', '2026-W48'],
      ['digest:local:2026-W49:local:quinn', '2026-12-07T14:00:00.000Z', 'local:quinn', '2026-W49'],
      ['digest:local:2026-W49:#quality', '2026-12-07T14:00:00.000Z', 'quality', '2026-W49'],
    ]);
    expect(triggers.every((t) => t.kind === 'digest' && t.orgId === 'local')).toBe(true);
  });

  it('sends last week’s scorecard to each recipient and the digest channel, and skips one who is no longer a manager', async () => {
    core = makeTestCore('2026-11-27T15:00:00Z'); // Friday 09:00 in Chicago
    const { say } = await smallOrg(core);
    await say('ada', 'admin digest add @quinn');
    await say('ada', 'admin digest add @ada');
    await say('ada', 'admin digest channel #quality');
    seeder(core).walk('local:maria', '2026-11-25');
    const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
    await scheduler.runPass(core.clock.now());
    await say('ada', 'admin role @quinn member');
    const digests = (to: string) => core.local.inbox(to).filter((m) => m.message.heading?.startsWith('Weekly digest'));
    for (let t = core.clock.now() + HOUR; t <= Date.parse('2026-11-30T13:59:00Z'); t += HOUR) {
      core.clock.set(t);
      await scheduler.tick(t);
    }
    expect(digests('local:ada')).toEqual([]);
    core.clock.set(Date.parse('2026-11-30T14:00:30Z'));
    await scheduler.tick(core.clock.now());

    const [dm] = digests('local:ada');
    expect(dm!.message.heading).toBe('Weekly digest: all leaders of local, week 2026-W48');
    const text = textOf(dm!.message);
    expect(text).toContain('Top movers');
    expect(text).toContain('Maria Lopez (Riverside Plant)');
    expect(digests('#quality')).toHaveLength(1);
    expect(digests('local:quinn')).toEqual([]);
    const rows = tableRows(core, 'deliveries').filter((d) => d.kind === 'digest');
    expect(rows.map((r) => [r.key, r.status, r.lastError]).sort()).toEqual([
      ['digest:local:2026-W48:#quality', 'sent', null],
      ['digest:local:2026-W48:local:ada', 'sent', null],
      ['digest:local:2026-W48:local:quinn', 'skipped', 'the recipient is no longer a quality manager or admin'],
    ]);
  });

  it('keeps every leader’s figures out of the digest channel: sites and the organisation only', async () => {
    core = makeTestCore('2026-11-27T15:00:00Z');
    const { say, site } = await smallOrg(core);
    await core.store.people.ensure(
      { id: 'local:lee', orgId: 'local', displayName: 'Lee Park', handle: 'lee', role: 'leader', siteId: site.id, joinedOn: '2026-01-01' },
      null,
    );
    const solo = await core.store.sites.create(
      { orgId: 'local', name: 'Hilltop', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null },
      null,
    );
    await core.store.people.ensure(
      { id: 'local:sol', orgId: 'local', displayName: 'Sol Reyes', handle: 'sol', role: 'leader', siteId: solo.id, joinedOn: '2026-01-01' },
      null,
    );
    await core.store.people.update('local', 'local:jo', { unreachableReason: 'Clause5 is not installed for them' }, null);
    await core.store.people.update('local', 'local:lee', { unreachableReason: 'Teams app not installed' }, null);
    await say('ada', 'admin digest add @quinn');
    await say('ada', 'admin digest channel #quality');
    seeder(core).walk('local:maria', '2026-11-25');
    const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
    await scheduler.runPass(core.clock.now());
    core.clock.set(Date.parse('2026-11-30T14:00:30Z'));
    await scheduler.tick(core.clock.now());

    const inChannel = core.local.inbox('#quality');
    expect(inChannel).toHaveLength(1);
    const channel = textOf(inChannel[0]!.message);
    expect(inChannel[0]!.message.heading).toBe('Weekly digest: sites of local, week 2026-W48');
    expect(channel).toContain('local · index 22 ▲ +22 (previous 0) · 3 leaders');
    expect(channel).toContain('Riverside Plant · index 34 ▲ +34 · 2 leaders · walks 50 %');
    // A site with one leader would show that leader's own figures: withheld in the channel.
    expect(channel).toContain('Hilltop · 1 leader · figures withheld here');
    expect(channel).not.toContain('2. Hilltop'); // nor ranked: its place would tell its index
    for (const name of ['Maria Lopez', 'Lee Park', 'Sol Reyes', 'Jo Rivera']) expect(channel).not.toContain(name);
    expect(channel).not.toContain('streak');
    expect(JSON.stringify(inChannel[0]!.message)).not.toMatch(/local:(maria|lee|sol)/);

    // Leaders are named in the recipient's DM: Lee and Sol have never walked, Maria rose.
    const dm = textOf(core.local.inbox('local:quinn').find((m) => m.message.heading?.startsWith('Weekly digest'))!.message);
    for (const name of ['Maria Lopez', 'Lee Park', 'Sol Reyes']) expect(dm).toContain(name);
    expect(dm).toContain('Lee Park (Riverside Plant) — Clause5 cannot message them (Teams app not installed); no floor walk 8+ weeks running');
    expect(dm).toContain('⚠ Also not reachable: Jo Rivera (Clause5 is not installed for them).');
  });
});
