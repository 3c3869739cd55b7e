// Issue 10 item 2: who did it, for whom. A meeting answer, a floor-walk correction, a win correction
// and a follow-up change store who recorded them; wherever the record is listed (meeting answers,
// floorwalk list, followups, wins, the evidence pack's examples) it says "recorded by Quinn for Lee"
// when that is not the subject — and nothing extra when the subject did it themselves.
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../../src/core/evidence/pack';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { LEADER, ORG, OTHER_LEADER, QM, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { replyText } from '../../support/messages';

const ZONE = 'America/Chicago';
let core: TestCore;
afterEach(() => core?.cleanup());

async function plant() {
  core = makeTestCore('2026-11-23T15:00:00Z', { defaultTimeZone: ZONE }); // Monday 09:00 in Chicago
  await seedCast(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Plant 1', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  await seedCast(core, { siteId: site.id });
  return async (who: string, text: string) => replyText(await core.bot.handleCommand(core.as(who), text));
}

const FOR_LEE = 'recorded by @local:quinn for @local:lee';

describe('recorded by X for Y', () => {
  it('a quality manager’s meeting answer is stored as theirs and listed “recorded by Quinn for Lee”, also in the evidence pack', async () => {
    const say = await plant();
    await say(LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    core.clock.set(Date.parse('2026-11-24T15:00:00Z'));
    await say(QM, 'meeting answer 1 yes "scrap on line 3"');
    expect((await core.store.meetings.getOccurrence(ORG, 1))!.answeredBy).toBe(QM);
    expect(await say(LEADER, 'meeting answers 1')).toContain(`#1 Tue 24 Nov 07:30 · Yes · scrap on line 3 · ${FOR_LEE}`);
    core.clock.set(Date.parse('2026-11-25T15:00:00Z'));
    await say(LEADER, 'meeting answer 1 yes');
    expect(await say(LEADER, 'meeting answers 1')).toMatch(/#2 Wed 25 Nov 07:30 · Yes\n/);

    const pack = await buildEvidencePack(core.deps, { orgId: ORG, period: parsePeriod('2026-W48', '2026-11-30'), generatedBy: 'Quinn', zone: ZONE });
    const examples = pack.clauses.find((c) => c.clause === '7.4')!.examples;
    expect(examples).toContain('2026-11-24 Lee opened “Line 3 daily” with a quality update: scrap on line 3 (recorded by Quinn for Lee)');
    expect(examples).toContain('2026-11-25 Lee opened “Line 3 daily” with a quality update');
  });

  it('a walk corrected by a quality manager is listed “recorded by Quinn for Lee”; the leader’s own walk is not', async () => {
    const say = await plant();
    for (const area of ['Line 2', 'Dock']) {
      const opened = await core.bot.handleCommand(core.as(LEADER), 'floorwalk');
      await core.bot.handleFormSubmit(core.as(LEADER), 'floorwalk.log', { area, date: '2026-11-23' }, opened.openForm!.state);
    }
    const opened = await core.bot.handleCommand(core.as(QM), 'floorwalk edit 1');
    await core.bot.handleFormSubmit(core.as(QM), opened.openForm!.id, { area: 'Line 4', date: '2026-11-23' }, opened.openForm!.state);
    expect((await core.store.walks.get(ORG, 1))!.recordedBy).toBe(QM);
    const list = await say(LEADER, 'floorwalk list');
    expect(list).toContain(`#1 2026-11-23 (2026-W48) · Line 4 · ${FOR_LEE}`);
    expect(list).toMatch(/#2 2026-11-23 \(2026-W48\) · Dock\n?$/m);

    const pack = await buildEvidencePack(core.deps, { orgId: ORG, period: parsePeriod('2026-W48', '2026-11-30'), generatedBy: 'Quinn', zone: ZONE });
    expect(pack.clauses.find((c) => c.clause === '9.1.1')!.examples).toEqual([
      '2026-11-23 Lee walked Dock; no actions raised',
      '2026-11-23 Lee walked Line 4; no actions raised (recorded by Quinn for Lee)',
    ]);
  });

  it('a win edited and a follow-up moved by a quality manager say who recorded them, for whom', async () => {
    const say = await plant();
    await say(LEADER, 'win @lou cut scrap by twelve percent on line three');
    await say(QM, 'win edit 1 cut scrap by 12 % on line 3');
    expect(await say(LEADER, 'wins')).toContain(`cut scrap by 12 % on line 3 — recognised by @local:lee · ${FOR_LEE}`);
    const pack = await buildEvidencePack(core.deps, { orgId: ORG, period: parsePeriod('2026-W48', '2026-11-30'), generatedBy: 'Quinn', zone: ZONE });
    expect(pack.clauses.find((c) => c.clause === '10.3')!.examples).toEqual([
      '2026-11-23 Lee recognised Lou: cut scrap by 12 % on line 3 (recorded by Quinn for Lee)',
    ]);

    await say(LEADER, 'followup add @lou 2026-11-27 Fix the guard on press 4');
    expect(await say(QM, 'followups all')).not.toContain('recorded by');
    await say(QM, 'followup due 1 2026-11-30');
    expect((await core.store.followUps.get(ORG, 1))!.recordedBy).toBe(QM);
    expect(await say(OTHER_LEADER, 'followups')).toContain(
      '#1 Fix the guard on press 4 — @local:lou · due 2026-11-30 · recorded by @local:quinn for @local:lou',
    );
  });
});
