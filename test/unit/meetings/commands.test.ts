import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { ADMIN, LEADER, MEMBER, meetingsCore, ORG, OTHER_LEADER, QM, say } from './support';
import { rowsOf } from '../../support/sql';

let core: TestCore;
afterEach(() => core?.cleanup());

// Monday 2 March 2026, 06:00 in Chicago.
const START = '2026-03-02T12:00:00Z';

async function rows() {
  return rowsOf(core, 'meetings');
}

describe('meeting add', () => {
  it('stores a weekday meeting with the defaults and the leader’s zone, and confirms it', async () => {
    core = await meetingsCore(START);
    const text = await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    expect(text).toContain('Added Line 3 daily (meeting 1)');
    expect(text).toContain('Repeats: weekdays at 07:30 (America/Chicago)');
    expect(text).toContain('Next: Mon 2 Mar 07:30');
    expect(text).toContain('10 min before');
    const [row] = await rows();
    expect(row).toMatchObject({
      orgId: ORG,
      personId: LEADER,
      title: 'Line 3 daily',
      recurrence: 'weekdays',
      time: '07:30',
      timeZone: 'America/Chicago',
      leadMinutes: 10,
      durationMinutes: 30,
      channel: null,
      active: 1,
    });
    const audit = await core.store.audit.history(ORG, 'meeting', '1');
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['create', LEADER]]);
  });

  it('reads day lists, cron rules, am/pm, tz, lead, duration and channel', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Ops review" mon,wed,FRI 2pm tz europe/london lead 15m duration 45m #C042');
    await say(core, LEADER, 'meeting add "Month end" cron "0 9 1 * *" lead 0');
    await say(core, LEADER, 'meeting add Standup daily 7:05 duration 1h');
    await say(core, LEADER, 'meeting add "Weekend crew" fri-mon,wed 06:00');
    const [ops, month, standup, weekend] = await rows();
    expect(weekend).toMatchObject({ recurrence: 'days', days: '1,3,5,6,7' });
    expect(ops).toMatchObject({
      recurrence: 'days',
      days: '1,3,5',
      time: '14:00',
      timeZone: 'Europe/London',
      leadMinutes: 15,
      durationMinutes: 45,
      channel: 'C042',
    });
    expect(month).toMatchObject({ recurrence: 'cron', cron: '0 9 1 * *', time: null, leadMinutes: 0 });
    expect(standup).toMatchObject({ title: 'Standup', recurrence: 'daily', time: '07:05', durationMinutes: 60 });
  });

  it('lets a quality manager register a meeting for a leader, in that leader’s zone', async () => {
    core = await meetingsCore(START);
    await core.store.people.update(ORG, OTHER_LEADER, { timeZone: 'Asia/Kolkata' }, null);
    const text = await say(core, QM, 'meeting add "Shift handover" weekdays 06:00 @lou');
    expect(text).toContain('for @local:lou');
    const [row] = await rows();
    expect(row).toMatchObject({ personId: OTHER_LEADER, timeZone: 'Asia/Kolkata' });
    expect((await core.store.audit.history(ORG, 'meeting', '1'))[0]?.actorId).toBe(QM);
  });

  const errors: Array<[string, string, string]> = [
    ['an unknown zone', 'meeting add "X" weekdays 07:30 tz Mars/Base', "I don't know the time zone 'Mars/Base' — use an IANA name such as America/New_York"],
    [
      'an abbreviation Intl would misread (CET)',
      'meeting add "X" weekdays 07:30 tz cet',
      "I don't know the time zone 'cet' — use an IANA name such as America/New_York",
    ],
    ['a bad time', 'meeting add "X" weekdays 25:70', '“25:70” is not a time of day — use 24-hour HH:MM'],
    ['a missing time', 'meeting add "X" weekdays', 'What time does it start?'],
    ['a bad day list', 'meeting add "X" mon,wdn,fri 07:30', "I don't understand the days “mon,wdn,fri”: “wdn” is not a day of the week"],
    ['a bad range of days', 'meeting add "X" mon-fri-sun 07:30', '“mon-fri-sun” is not a range of days'],
    ['an empty day in the list', 'meeting add "X" mon,,fri 07:30', 'it has an empty day'],
    ['a missing recurrence', 'meeting add "X" 07:30', 'How often does it happen? Use daily, weekdays'],
    ['a bad cron rule', 'meeting add "X" cron "61 7 * * *"', "The cron rule “61 7 * * *” doesn't work: “61” is outside 0–59"],
    ['a cron rule with too few fields', 'meeting add "X" cron "30 7 *"', 'this one has 3'],
    ['a cron rule with a time', 'meeting add "X" cron "30 7 * * 1-5" 07:30', 'A cron rule carries its own time, so leave out “07:30”'],
    ['a cron rule that never happens', 'meeting add "X" cron "0 9 30 2 *"', 'never happens in the coming year'],
    ['a lead time too long', 'meeting add "X" weekdays 07:30 lead 300m', 'The lead time must be between 0 and 240 minutes; “300m” is 300 minutes.'],
    ['a lead time in hours too long', 'meeting add "X" weekdays 07:30 lead 5h', 'between 0 and 240 minutes'],
    ['a lead that is not minutes', 'meeting add "X" weekdays 07:30 lead soon', '“lead soon” is not a number of minutes'],
    ['a lead without a value', 'meeting add "X" weekdays 07:30 lead', 'Put minutes after “lead”'],
    ['a zero duration', 'meeting add "X" weekdays 07:30 duration 0m', 'The duration must be between 1 and 480 minutes'],
    ['a missing title', 'meeting add weekdays 07:30', 'The meeting needs a title in quotes first'],
    ['an empty title', 'meeting add "" weekdays 07:30', 'The meeting needs a title in quotes first'],
    ['nothing at all', 'meeting add', 'The meeting needs a title in quotes first'],
    ['an unquoted long title', 'meeting add Line 3 daily weekdays 07:30', 'Put the meeting title in quotes'],
    ['a title too long', `meeting add "${'x'.repeat(81)}" weekdays 07:30`, 'The title is 81 characters long; keep it to 80 or fewer.'],
    ['two channels', 'meeting add "X" weekdays 07:30 #a #b', 'A meeting has one channel; you gave #a and #b.'],
    ['two leaders', 'meeting add "X" weekdays 07:30 @lee @lou', 'A meeting has one leader'],
    ['left-over words', 'meeting add "X" weekdays 07:30 sharp', "I didn't understand “sharp”. Usage: meeting add"],
    ['an unknown person', 'meeting add "X" weekdays 07:30 @nobody', "I don't know anyone called “@nobody”"],
  ];
  for (const [what, command, expected] of errors) {
    it(`refuses ${what} with a specific message and stores nothing`, async () => {
      core = await meetingsCore(START);
      expect(await say(core, ADMIN, command)).toContain(expected);
      expect(await rows()).toHaveLength(0);
    });
  }

  it('refuses a leader registering for someone else, a member target and a member for themselves', async () => {
    core = await meetingsCore(START);
    expect(await say(core, LEADER, 'meeting add "X" weekdays 07:30 @lou')).toContain(
      'Only a quality manager or an admin can register a meeting for someone else',
    );
    expect(await say(core, ADMIN, 'meeting add "X" weekdays 07:30 @max')).toContain('Max is not a leader (role: member)');
    expect(await say(core, MEMBER, 'meeting add "X" weekdays 07:30')).toContain(
      'Only a leader, a quality manager or an admin can use /clause5 meeting add. Your role is member.',
    );
    expect(await rows()).toHaveLength(0);
  });
});

describe('meeting list', () => {
  it('shows your own meetings with id, title, rule, next occurrence and lead', async () => {
    core = await meetingsCore(START);
    expect(await say(core, LEADER, 'meeting list')).toContain('You have no meetings yet.');
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30 lead 5m #line3');
    await say(core, OTHER_LEADER, 'meeting add "Lou’s review" fri 15:00');
    const text = await say(core, LEADER, 'meeting list');
    expect(text).toContain('Your meetings');
    expect(text).toContain('- 1 Line 3 daily — weekdays at 07:30 (America/Chicago) · next Mon 2 Mar 07:30 · reminder 5 min before · #line3');
    expect(text).not.toContain('review');
  });

  it('lets managers list anyone’s or all, and refuses leaders listing others', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    await say(core, OTHER_LEADER, 'meeting add "Lou review" fri 15:00');
    const lou = await say(core, QM, 'meeting list @lou');
    expect(lou).toContain('Meetings of Lou');
    expect(lou).toContain('2 Lou review — Fri at 15:00 (America/Chicago) · next Fri 6 Mar 15:00');
    expect(lou).not.toContain('Line 3');
    const all = await say(core, ADMIN, 'meeting list all');
    expect(all).toContain('All meetings');
    expect(all).toContain('Line 3 daily');
    expect(all).toContain('@local:lou');
    expect(await say(core, LEADER, 'meeting list @lou')).toContain('Only a quality manager or an admin can list other people’s meetings');
    expect(await say(core, LEADER, 'meeting list all')).toContain('Only a quality manager or an admin');
    expect(await say(core, LEADER, 'meeting list @lee')).toContain('Line 3 daily');
  });
});

describe('meeting remove', () => {
  it('soft-removes the owner’s meeting with an audit row and hides it from the list', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    core.clock.advance(60_000);
    expect(await say(core, LEADER, 'meeting remove 1')).toContain('Removed Line 3 daily (meeting 1)');
    const [row] = await rows();
    expect(row).toMatchObject({ active: 0, removedAt: Date.parse(START) + 60_000 });
    expect(await say(core, LEADER, 'meeting list')).toContain('You have no meetings yet.');
    const audit = await core.store.audit.history(ORG, 'meeting', '1');
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[1]?.before).toMatchObject({ active: true, title: 'Line 3 daily' });
    expect(await say(core, LEADER, 'meeting remove 1')).toContain('Meeting 1 (“Line 3 daily”) was removed on Mon 2 Mar.');
  });

  it('refuses unknown ids, non-numbers and someone else’s meeting; a manager may remove it', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    expect(await say(core, LEADER, 'meeting remove 9')).toContain('I can’t find meeting 9.');
    expect(await say(core, LEADER, 'meeting remove line3')).toContain('“line3” is not a meeting id');
    expect(await say(core, LEADER, 'meeting remove')).toContain('Which meeting? Usage: meeting remove <id>');
    expect(await say(core, OTHER_LEADER, 'meeting remove 1')).toContain(
      'Meeting 1 (“Line 3 daily”) belongs to Lee; only they or a quality manager or admin can remove it.',
    );
    expect((await rows())[0]?.active).toBe(1);
    expect(await say(core, QM, 'meeting remove #1')).toContain('Removed');
    expect((await rows())[0]?.active).toBe(0);
  });

  it('never finds a meeting of another organisation', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    await core.store.orgs.ensure({ id: 'slack:T9', platform: 'slack', name: 'Other' });
    const reply = await core.bot.handleCommand({ orgId: 'slack:T9', platform: 'slack', personId: 'slack:T9:U1' }, 'meeting remove 1');
    expect(reply.message?.summary).toContain('I can’t find meeting 1.');
    expect((await rows())[0]?.active).toBe(1);
  });
});
