// Issue 10 item 6: never owed before being asked. Dev became a leader on Thursday evening, after
// the Thursday 14:00 walk prompt had gone out, so the bot never asked him that week: the week is not
// due. Kim became a leader that Thursday morning, was asked at 14:00 and did not walk: it is due.
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { ADMIN, ORG, QM, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { messageText, replyText } from '../../support/messages';
import { insertRow } from '../../support/sql';

let core: TestCore;
afterEach(() => core?.cleanup());

const ZONE = 'America/Chicago';
// Week 2026-W49: Monday 30 November – Sunday 6 December 2026; Chicago is UTC−6.
const THU_0800 = '2026-12-03T14:00:00Z';
const THU_1000 = '2026-12-03T16:00:00Z';
const THU_1800 = '2026-12-04T00:00:00Z';
const NEXT_MONDAY = '2026-12-07T15:00:00Z';
const WEEK = '2026-11-30..2026-12-06';

/** Dev or Kim: in the organisation since Thursday 08:00 (a member), made a leader by Ann at `leaderAt`. */
async function joinsOnThursday(handle: string, leaderAt: string): Promise<string> {
  core = makeTestCore(THU_0800, { defaultTimeZone: ZONE });
  await seedCast(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Plant 1', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  await seedCast(core, { siteId: site.id });
  const say = async (who: string, text: string) => replyText(await core.bot.handleCommand(core.as(who), text));
  expect(await say(ADMIN, 'admin floorwalk-default thu 14:00')).toContain('14:00');
  const id = `local:${handle}`;
  await core.store.people.ensure({ id, orgId: ORG, displayName: handle, handle, role: 'member', siteId: site.id, joinedOn: '2026-12-03' }, null);
  // Meeting checks at 07:30 on Thursday (before they led anything) and Friday, never answered. The
  // meeting is switched off so that only these two rows exist.
  const meetingId = insertRow(core, 'meetings', {
    orgId: ORG,
    personId: id,
    title: 'Line 3 daily',
    recurrence: 'weekdays',
    time: '07:30',
    timeZone: ZONE,
    active: false,
    createdAt: Date.parse(THU_0800),
  });
  for (const day of ['2026-12-03', '2026-12-04']) {
    insertRow(core, 'meeting_occurrences', {
      orgId: ORG,
      meetingId,
      personId: id,
      occurrenceKey: `${day}T07:30`,
      startsAt: Date.parse(`${day}T13:30:00Z`),
      localDate: day,
    });
  }

  // The scheduler runs every half hour from Thursday 08:00 to Sunday night.
  const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
  for (let t = Date.parse(THU_0800); t <= Date.parse('2026-12-07T05:00:00Z'); t += 1_800_000) {
    core.clock.set(t);
    if (t === Date.parse(leaderAt)) expect(await say(ADMIN, `admin role @${handle} leader`)).toContain('is now leader');
    await scheduler.tick(t);
  }
  return id;
}

async function scorecardOf(handle: string): Promise<string> {
  core.clock.set(Date.parse(NEXT_MONDAY)); // the week is over
  return replyText(await core.bot.handleCommand(core.as(QM), `scorecard @${handle} ${WEEK}`));
}

const walkPrompts = (id: string) => core.local.inbox(id).filter((m) => messageText(m.message).includes('walk the floor'));

describe('a week is owed only once the leader was there to be asked', () => {
  it('a leader from Thursday 18:00, after the Thursday 14:00 walk prompt, owes no walk that week', async () => {
    const dev = await joinsOnThursday('dev', THU_1800);
    expect(walkPrompts(dev)).toEqual([]);
    const text = await scorecardOf('dev');
    expect(text).toContain('Floor walks: n/a');
    expect(text).not.toContain('Floor walks: 0/1');
    // Thursday's 07:30 check came before Dev led anything: only Friday's is due.
    expect(text).toContain('Meetings opened with a quality update: 0/1 (0 %)');
  });

  it('a leader from Thursday 10:00 was asked at 14:00 and owes the walk', async () => {
    const kim = await joinsOnThursday('kim', THU_1000);
    expect(walkPrompts(kim).length).toBeGreaterThan(0); // the prompt, then a reminder
    const text = await scorecardOf('kim');
    expect(text).toContain('Floor walks: 0/1 weeks (0 %)');
    expect(text).toContain('Meetings opened with a quality update: 0/1 (0 %)'); // Friday's; Thursday 07:30 was before 10:00
  });
});
