// The limits of src/core/limits.ts through the real command and form paths on real SQLite: each
// refusal names the limit, and nothing is stored past it.
import { afterEach, describe, expect, it } from 'vitest';
import type { FormValues } from '../../../src/core/model';
import { LIMITS } from '../../../src/core/limits';
import type { TestCore } from '../../support/core';
import { LEADER, MEMBER, ORG, OTHER_LEADER, QM, replyText, say, walksCore } from '../floor-walks/support';

let core: TestCore;
afterEach(() => core?.cleanup());

// Tuesday 24 November 2026, 09:00 in Chicago.
const START = '2026-11-24T15:00:00Z';
const DUE = '2026-12-04';

function walk(personId: string, followUps: Array<[owner: string, text: string]>) {
  const values: FormValues = { area: 'Line 3', date: '2026-11-24' };
  followUps.forEach(([owner, text], i) => {
    values[`followup${i + 1}`] = text;
    values[`followup${i + 1}Owner`] = owner;
    values[`followup${i + 1}Due`] = DUE;
  });
  return core.bot.handleFormSubmit(core.as(personId), 'floorwalk.log', values, '{}');
}

describe('limits', () => {
  it('says the numbers the README says', () => {
    expect(LIMITS).toEqual({ meetingsPerLeader: 30, meetingOccurrencesPerWeek: 50, peoplePerWin: 20, openFollowUpsPerPair: 20 });
  });

  it('meetings per leader: 30, for the leader and for a manager adding for them', async () => {
    ({ core } = await walksCore(START));
    const days = ['mon', 'tue', 'wed', 'thu', 'fri'];
    for (let i = 0; i < 30; i++) {
      expect(await say(core, LEADER, `meeting add "M${i}" ${days[i % 5]} 07:${String(i).padStart(2, '0')}`)).toContain('Meeting added');
    }
    expect(await say(core, LEADER, 'meeting add "One more" mon 09:00')).toContain('the limit is 30 meetings per leader');
    expect(await say(core, QM, 'meeting add "For Lee" mon 09:00 @lee')).toContain('Lee has 30 meetings already; the limit is 30 meetings per leader');
    expect(await core.store.meetings.list(ORG, LEADER)).toHaveLength(30);
  });

  it('meeting occurrences per leader per week: 50 across all their meetings', async () => {
    ({ core } = await walksCore(START));
    expect(await say(core, LEADER, 'meeting add "Hourly" cron "0 8-19 * * *"')).toContain(
      'would have 84 meetings in a week; the limit is 50 meeting occurrences per leader per week',
    );
    for (let i = 0; i < 7; i++) expect(await say(core, LEADER, `meeting add "Daily ${i}" daily 0${i}:30`)).toContain('Meeting added');
    // 7 × 7 = 49 a week; an eighth daily meeting would make 56.
    expect(await say(core, LEADER, 'meeting add "Daily 8" daily 08:30')).toContain('would have 56 meetings in a week; the limit is 50');
    expect(await say(core, LEADER, 'meeting add "Weekly" mon 08:30')).toContain('Meeting added'); // 50 exactly
    expect(await core.store.meetings.list(ORG, LEADER)).toHaveLength(8);
  });

  it('people named in one win: 20, by command and by form', async () => {
    ({ core } = await walksCore(START));
    const handles: string[] = [];
    for (let i = 0; i < 21; i++) {
      handles.push(`p${i}`);
      await core.store.people.ensure({ id: `local:p${i}`, orgId: ORG, displayName: `P${i}`, handle: `p${i}`, role: 'member', joinedOn: '2025-01-01' }, null);
    }
    const at = (n: number) =>
      handles
        .slice(0, n)
        .map((h) => `@${h}`)
        .join(' ');
    expect(await say(core, LEADER, `win ${at(21)} cut scrap on line three`)).toContain('That win names 21 people; the limit is 20 people per win');
    const form = await core.bot.handleFormSubmit(
      core.as(LEADER),
      'win.new',
      { what: 'cut scrap on line three', people: handles.map((h) => `local:${h}`) },
      '{}',
    );
    expect(form.formErrors?.people).toContain('the limit is 20 people per win');
    expect(await core.store.wins.recent(ORG, 0)).toHaveLength(0);
    expect(await say(core, LEADER, `win ${at(20)} cut scrap on line three`)).toContain('Saved your win');
  });

  it('open follow-ups one person assigns to another: 20, by command and from a floor walk', async () => {
    ({ core } = await walksCore(START));
    for (let i = 0; i < 19; i++) expect(await say(core, LEADER, `followup add @lou ${DUE} Task ${i}`)).toContain('added');
    // The walk's first follow-up to Lou is the 20th; its second would be the 21st.
    const reply = await walk(LEADER, [
      ['@lou', 'Guard'],
      ['@lou', 'Gauge'],
    ]);
    expect(reply.formErrors).toEqual({
      followup2Owner: expect.stringContaining('Lou would have 21 open follow-ups from you; the limit is 20 open follow-ups'),
    });
    expect(replyText(await walk(LEADER, [['@lou', 'Guard']]))).toContain('Floor walk logged');
    expect(await say(core, LEADER, `followup add @lou ${DUE} One more`)).toContain('the limit is 20 open follow-ups one person may assign to another');
    expect(await core.store.followUps.countOpenBetween(ORG, LEADER, OTHER_LEADER)).toBe(20);
    // Others may still assign to Lou, and closing one makes room.
    expect(await say(core, QM, `followup add @lou ${DUE} From Quinn`)).toContain('added');
    const [first] = await core.store.followUps.listOpenFor(ORG, LEADER, 1);
    expect(await say(core, OTHER_LEADER, `followup done ${first!.id}`)).toContain('closed');
    expect(await say(core, LEADER, `followup add @lou ${DUE} Now it fits`)).toContain('added');
  });

  it('a member assigns follow-ups to leaders only from their own floor walk', async () => {
    ({ core } = await walksCore(START));
    expect(await say(core, MEMBER, `followup add @lee ${DUE} Fix the guard`)).toContain("As a member you can't assign follow-ups to Lee (a leader)");
    expect(await say(core, MEMBER, `followup add @quinn ${DUE} Fix the guard`)).toContain("can't assign follow-ups to Quinn");
    expect(await core.store.followUps.countOpen(ORG)).toBe(0);
    expect(await say(core, MEMBER, `followup add @max ${DUE} My own`)).toContain('added');
    expect(replyText(await walk(MEMBER, [['@lee', 'Guard on line 3']]))).toContain('Floor walk logged');
    expect(await core.store.followUps.countOpenBetween(ORG, MEMBER, LEADER)).toBe(1);
    expect(await say(core, LEADER, `followup add @lou ${DUE} Leaders may`)).toContain('added');
  });
});
