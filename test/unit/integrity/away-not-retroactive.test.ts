// Issue 10 item 1: a leader's own "away" excuses only what is still ahead. Sam ignores four meeting
// checks Monday–Thursday, presses "Away this week" on Friday 15:00: his week must not improve.
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { button, messageText, press, replyText } from '../../support/messages';

let core: TestCore;
afterEach(() => core?.cleanup());

const ORG = 'local';
const SAM = 'local:lee';
const QM = 'local:quinn';
const ZONE = 'America/Chicago';
// Week 2026-W48: Monday 23 – Sunday 29 November 2026; Chicago is UTC−6.
const MONDAY_0600 = '2026-11-23T12:00:00Z';
const FRIDAY_1500 = '2026-11-27T21:00:00Z';

async function samsWeek() {
  core = makeTestCore(MONDAY_0600, { defaultTimeZone: ZONE });
  await seedCast(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Plant 1', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  await seedCast(core, { siteId: site.id });
  const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
  const say = async (who: string, text: string) => replyText(await core.bot.handleCommand(core.as(who), text));
  await say(SAM, 'meeting add "Line 3 daily" mon,tue,wed,thu 07:30');
  await say(SAM, 'floorwalk schedule fri 14:00');
  // Every half hour through the week up to Friday 15:00: checks are sent and never answered.
  for (let t = Date.parse(MONDAY_0600); t <= Date.parse(FRIDAY_1500); t += 1_800_000) {
    core.clock.set(t);
    await scheduler.tick(t);
  }
  const index = async () => {
    const text = await say(QM, 'scorecard @lee 2026-11-23..2026-11-29');
    return text;
  };
  return { say, index };
}

describe('a leader cannot excuse the past', () => {
  // Pressing a button is itself a response (the 48 h response part counts it), so the fair comparison
  // is the same week answered "Not this week": excusing must add nothing on top of that.
  it('"Away this week" on Friday 15:00 after four ignored checks scores the week like "Not this week"', async () => {
    const indexAfter = async (label: string) => {
      const { index } = await samsWeek();
      const prompt = core.local.inbox(SAM).find((m) => messageText(m.message).includes('walk the floor'));
      const reply = await press(core, SAM, button(prompt!.message, label));
      core.clock.set(Date.parse('2026-11-30T15:00:00Z')); // the week is over
      const text = await index();
      core.cleanup();
      return { reply: messageText(reply.replaceOriginal), text };
    };
    const away = await indexAfter('Away this week');
    expect(away.reply).toContain("you're marked away 2026-11-28 – 2026-11-29");
    expect(away.text).toContain('Meetings opened with a quality update: 0/4 (0 %)');
    expect(away.text).toContain('Floor walks: 0/1 weeks (0 %)');
    const honest = await indexAfter('Not this week');
    const indexOf = (text: string) => text.match(/Index: (\d+|n\/a)/)![1];
    expect(indexOf(away.text)).toBe(indexOf(honest.text));
  });

  it('the away command refuses today and the past for yourself; a manager records them with a reason, and who recorded it shows', async () => {
    const { say, index } = await samsWeek();
    const before = await index();
    expect(await say(SAM, 'away 2026-11-27 2026-11-29')).toContain('you can mark yourself away from tomorrow (2026-11-28)');
    expect(await say(SAM, 'away 2026-11-23 2026-11-27 sick')).toContain('2026-11-23 is in the past');
    expect(await index()).toBe(before);
    expect(await say(QM, 'away @lee 2026-11-23 to 2026-11-27')).toContain('needs a reason');
    expect(await core.store.away.list(ORG, SAM)).toEqual([]);
    expect(await say(QM, 'away @lee 2026-11-23 to 2026-11-27 reason "sick leave"')).toContain('is away from 2026-11-23 to 2026-11-27');
    expect(await core.store.away.list(ORG, SAM)).toEqual([expect.objectContaining({ reason: 'sick leave', recordedBy: QM })]);
    expect(await index()).toContain('Meetings opened with a quality update: n/a');
    core.clock.set(Date.parse('2026-11-23T12:00:00Z'));
    expect(await say(SAM, 'away list')).toContain('sick leave (now) (recorded by @local:quinn)');
  });
});
