// Escalation of missed floor walks (off by default): at N missed weeks in a row a leader is named
// to their site's quality manager by DM, on the Monday the Nth missed week closed — once per run.
import { afterEach, describe, expect, it } from 'vitest';
import { tableRows } from '../../support/sql';
import { coreModules } from '../../../src/core/modules';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { textOf } from '../people/helpers';
import { seeder } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

const WEDNESDAYS = ['2026-10-07', '2026-10-14', '2026-10-21', '2026-10-28', '2026-11-04', '2026-11-11']; // W41–W46
const MONDAYS = ['2026-11-30', '2026-12-07', '2026-12-14']; // the slots for W48, W49, W50 (08:00 Chicago)

/**
 * Plant 1 (Chicago): Ann walked W41–W46, none since (W47 is her first miss). Fay walked W41–W44,
 * missed W45, was away all of W46 (skipped, not a break), and walks no more. Quinn is Plant 1's
 * quality manager; Una is the quality manager of another site and hears nothing about Plant 1.
 */
async function start() {
  core = makeTestCore('2026-11-27T15:00:00Z');
  const s = seeder(core);
  s.org();
  const plant = s.site('Plant 1', 'America/Chicago');
  const other = s.site('Hilltop', 'America/Chicago');
  s.person({ id: 'local:ada', name: 'Ada Admin', role: 'admin', siteId: plant });
  s.person({ id: 'local:quinn', name: 'Quinn Hart', role: 'quality_manager', siteId: plant });
  s.person({ id: 'local:una', name: 'Una Moss', role: 'quality_manager', siteId: other });
  s.person({ id: 'local:ann', name: 'Ann Archer', siteId: plant });
  s.person({ id: 'local:fay', name: 'Fay Fox', siteId: plant });
  for (const [i, date] of WEDNESDAYS.entries()) {
    s.walk('local:ann', date);
    if (i < 4) s.walk('local:fay', date);
  }
  s.away('local:fay', '2026-11-09', '2026-11-15');
  const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
  await scheduler.runPass(core.clock.now());
  const say = async (text: string) => textOf((await core.bot.handleCommand(core.as('local:ada'), text)).message);
  /** Escalations Quinn and Una received on each Monday, by the names in them. */
  const mondays = async () => {
    const seen: Array<[string, string[], string[]]> = [];
    for (const monday of MONDAYS) {
      const before = { quinn: core.local.inbox('local:quinn').length, una: core.local.inbox('local:una').length };
      core.clock.set(Date.parse(`${monday}T14:00:30Z`));
      await scheduler.tick(core.clock.now());
      const named = (who: 'quinn' | 'una') =>
        core.local
          .inbox(`local:${who}`)
          .slice(before[who])
          .filter((m) => m.message.heading?.startsWith('Floor walks missed'))
          .flatMap((m) => ['Ann Archer', 'Fay Fox'].filter((n) => textOf(m.message).includes(n)));
      seen.push([monday, named('quinn'), named('una')]);
    }
    return seen;
  };
  return { say, mondays };
}

describe('escalation of missed floor walks', () => {
  it('names a leader to the site’s quality manager once, on the Monday the Nth missed week closes', async () => {
    const { say, mondays } = await start();
    expect(await say('admin escalation walks 3')).toContain('misses 3 floor walks in a row will be named');
    expect(await mondays()).toEqual([
      ['2026-11-30', ['Fay Fox'], []], // Fay: W45, (W46 away), W47, W48 — Ann has missed only two
      ['2026-12-07', ['Ann Archer'], []], // Ann's third; Fay's fourth is not named again
      ['2026-12-14', [], []],
    ]);
    const dm = core.local.inbox('local:quinn').find((m) => m.message.heading === 'Floor walks missed 3 weeks in a row')!;
    expect(textOf(dm.message)).toContain('Fay Fox — no floor walk logged in weeks 2026-W45, 2026-W47, 2026-W48');
    expect(textOf(dm.message)).toContain('Walk grid: /clause5 scorecard site "Plant 1" quarter chart grid');
  });

  it('names a leader with no site to the digest recipients', async () => {
    const { say, mondays } = await start();
    const s = seeder(core);
    s.person({ id: 'local:nia', name: 'Nia Noor', siteId: null });
    s.walk('local:nia', '2026-11-11'); // W46, then nothing: her second miss is W48
    await core.store.digest.add('local', 'local:ada', null);
    await say('admin escalation walks 2');
    expect(await mondays()).toEqual([
      ['2026-11-30', ['Ann Archer'], []],
      ['2026-12-07', [], []],
      ['2026-12-14', [], []],
    ]);
    const toAda = core.local
      .inbox('local:ada')
      .filter((m) => m.message.heading?.startsWith('Floor walks missed'))
      .map((m) => textOf(m.message));
    expect(toAda).toHaveLength(1);
    expect(toAda[0]).toContain('leader with no site just reached 2 missed floor walks');
    expect(toAda[0]).toContain('Nia Noor — no floor walk logged in weeks 2026-W47, 2026-W48');
  });

  it('sends nothing when off (the default) or turned off again', async () => {
    const { say, mondays } = await start();
    expect(await say('admin escalation')).toContain('Escalation is off');
    expect(await say('admin escalation walks 0')).toContain('use a whole number from 1 to 26');
    await say('admin escalation walks 2');
    expect(await say('admin escalation')).toContain('misses 2 floor walks in a row');
    expect(await say('admin escalation off')).toContain('Escalation is off');
    expect(await mondays()).toEqual([
      ['2026-11-30', [], []],
      ['2026-12-07', [], []],
      ['2026-12-14', [], []],
    ]);
    const rows = tableRows(core, 'deliveries').filter((d) => d.kind === 'walk_escalation');
    expect(rows).toEqual([]);
  });
});
