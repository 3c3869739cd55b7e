import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { runSql } from '../../support/sql';
import { ADMIN, LEADER, MEMBER, ORG, OTHER_LEADER, QM, say, walksCore } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

// Tuesday 24 November 2026, 09:00 in Chicago (ISO week 2026-W48).
const START = '2026-11-24T15:00:00Z';

async function setUp() {
  ({ core } = await walksCore(START));
}

describe('floorwalk', () => {
  it('opens the floorwalk.log form with today in the leader’s zone and no prompt in its state', async () => {
    await setUp();
    const reply = await core.bot.handleCommand(core.as(LEADER), 'floorwalk');
    expect(reply.openForm?.id).toBe('floorwalk.log');
    expect(reply.openForm?.fields.find((f) => f.id === 'date')?.initial).toBe('2026-11-24');
    expect(JSON.parse(reply.openForm!.state)).toEqual({});
    expect(await say(core, LEADER, 'floorwalk now please')).toContain('Usage: floorwalk');
  });

  it('offers the built-in tags and the organisation’s active objectives', async () => {
    await setUp();
    await runSql(core, `INSERT INTO objectives (org_id, code, title, created_at) VALUES ('local', 'OTD', 'On-time delivery', 0)`);
    const reply = await core.bot.handleCommand(core.as(LEADER), 'floorwalk');
    const tags = reply.openForm?.fields.find((f) => f.id === 'tags');
    expect(tags?.options?.map((o) => o.value)).toEqual(['defect-reduction', 'customer', 'safety', 'cost', '5S', 'OTD']);
  });
});

describe('floorwalk schedule', () => {
  it('sets your own day and time, defaulting the time to the org default', async () => {
    await setUp();
    expect(await say(core, LEADER, 'floorwalk schedule wed 10:30')).toContain('Wednesday 10:30 (America/Chicago)');
    expect(await core.store.schedules.get(ORG, LEADER)).toEqual({ personId: LEADER, weekday: 3, time: '10:30', active: true });
    await core.store.orgs.updateSettings(ORG, { defaultWalkTime: '15:15' }, null);
    await say(core, LEADER, 'floorwalk schedule Thursday');
    expect(await core.store.schedules.get(ORG, LEADER)).toMatchObject({ weekday: 4, time: '15:15' });
    const audit = await core.store.audit.history(ORG, 'floor_walk_schedule', LEADER);
    expect(audit.map((a) => a.actorId)).toEqual([LEADER, LEADER]);
  });

  it('shows the current slot, or the default when none is set', async () => {
    await setUp();
    expect(await say(core, LEADER, 'floorwalk schedule')).toContain('not scheduled');
    expect(await say(core, LEADER, 'floorwalk schedule')).toContain('floorwalk schedule fri 14:00');
    await say(core, LEADER, 'floorwalk schedule mon 08:00');
    expect(await say(core, LEADER, 'floorwalk schedule')).toContain('Monday 08:00 (America/Chicago)');
  });

  it('rejects a bad day or time with the fix, and changes nothing', async () => {
    await setUp();
    expect(await say(core, LEADER, 'floorwalk schedule funday 14:00')).toContain("I don't know the day “funday”");
    expect(await say(core, LEADER, 'floorwalk schedule fri 25:00')).toContain('“25:00” is not a time of day');
    expect(await say(core, LEADER, 'floorwalk schedule fri 14:00 weekly')).toContain("I didn't understand “weekly”");
    expect(await core.store.schedules.get(ORG, LEADER)).toBeUndefined();
  });

  it('lets managers set it for a leader, and refuses it to others', async () => {
    await setUp();
    expect(await say(core, QM, 'floorwalk schedule tue 09:00 @lee')).toContain('Lee’s floor-walk question is set for Tuesday 09:00');
    expect(await core.store.schedules.get(ORG, LEADER)).toMatchObject({ weekday: 2, time: '09:00' });
    expect(await say(core, OTHER_LEADER, 'floorwalk schedule fri 14:00 @lee')).toContain('Only a quality manager or an admin');
    expect(await say(core, QM, 'floorwalk schedule fri 14:00 @ghost')).toContain("I don't know anyone called “@ghost”");
    expect(await core.store.schedules.get(ORG, LEADER)).toMatchObject({ weekday: 2 });
  });

  it('refuses it for a member, who gets no floor-walk question', async () => {
    await setUp();
    expect(await say(core, MEMBER, 'floorwalk schedule wed 10:30')).toContain(
      'Only a leader, a quality manager or an admin can use /clause5 floorwalk schedule. Your role is member.',
    );
    expect(await say(core, MEMBER, 'floorwalk schedule')).toContain('Your role is member.');
    expect(await say(core, QM, 'floorwalk schedule wed 10:30 @max')).toContain('Max is a member, not a leader');
    expect(await core.store.schedules.get(ORG, MEMBER)).toBeUndefined();
  });
});

describe('floorwalk list', () => {
  async function seedWalks() {
    const mk = (walkDate: string, weekKey: string, area: string) =>
      core.store.walks.create({ orgId: ORG, personId: LEADER, area, walkDate, weekKey, wentWell: null, concerns: null, tags: [], source: 'adhoc' }, [], LEADER);
    await mk('2026-11-24', '2026-W48', 'Line 3');
    await mk('2026-11-10', '2026-W46', 'Warehouse');
    await mk('2026-09-15', '2026-W38', 'Paint shop');
  }

  it('lists own walks for this week, the last 5 weeks or the last 13 weeks', async () => {
    await setUp();
    await seedWalks();
    const week = await say(core, LEADER, 'floorwalk list week');
    expect(week).toContain('Line 3');
    expect(week).not.toContain('Warehouse');
    const month = await say(core, LEADER, 'floorwalk list');
    expect(month).toContain('Your floor walks, the last 5 weeks (2)');
    expect(month.indexOf('Line 3')).toBeLessThan(month.indexOf('Warehouse'));
    expect(await say(core, LEADER, 'floorwalk list quarter')).toContain('Paint shop');
  });

  it('says so when there are none, and rejects an unknown period', async () => {
    await setUp();
    expect(await say(core, OTHER_LEADER, 'floorwalk list')).toContain('none logged since 2026-W44');
    expect(await say(core, LEADER, 'floorwalk list year')).toContain('“year” is not a period — use week, month or quarter');
  });

  it('lets a manager list a leader’s walks; a member may not', async () => {
    await setUp();
    await seedWalks();
    expect(await say(core, ADMIN, 'floorwalk list week @lee')).toContain('Lee’s floor walks, this week (1)');
    expect(await say(core, MEMBER, 'floorwalk list @lee')).toContain('Only a quality manager or an admin can list floor walks for someone else');
  });
});

describe('followup add / done / due', () => {
  it('adds a follow-up, queues the owner’s message and lists it', async () => {
    await setUp();
    const text = await say(core, LEADER, 'followup add @max 2026-11-30 Replace the worn guard on press 4');
    expect(text).toContain('Follow-up #1 added: Replace the worn guard on press 4 — owner @local:max, due 2026-11-30');
    const f = await core.store.followUps.get(ORG, 1);
    expect(f).toMatchObject({ raisedBy: LEADER, ownerId: MEMBER, dueDate: '2026-11-30', walkId: null, status: 'open' });
    const delivery = await core.store.deliveries.getByKey('followup_assigned:1');
    expect(delivery).toMatchObject({ kind: 'followup_assigned', personId: MEMBER, subject: { followUpId: 1 }, status: 'pending' });
  });

  it('rejects a missing owner, a bad or past date, missing text and unknown people', async () => {
    await setUp();
    expect(await say(core, LEADER, 'followup add 2026-11-30 Fix it')).toContain('Start with the owner');
    expect(await say(core, LEADER, 'followup add @max 30/11/2026 Fix it')).toContain('“30/11/2026” is not a date — use YYYY-MM-DD');
    expect(await say(core, LEADER, 'followup add @max 2026-11-23 Fix it')).toContain(
      'The due date 2026-11-23 is in the past — pick today (2026-11-24) or later',
    );
    expect(await say(core, LEADER, 'followup add @max 2026-11-30')).toContain('What is the action?');
    expect(await say(core, LEADER, 'followup add @nobody 2026-11-30 Fix it')).toContain("I don't know anyone called “@nobody”");
    expect(await say(core, LEADER, `followup add @max 2026-11-30 ${'x'.repeat(501)}`)).toContain('under 500 characters');
    expect(await core.store.followUps.countOpen(ORG)).toBe(0);
  });

  it('closes for the owner, the raiser or a manager; a second close changes nothing', async () => {
    await setUp();
    await say(core, LEADER, 'followup add @max 2026-11-30 Fix guard');
    expect(await say(core, OTHER_LEADER, 'followup done 1')).toContain('Only the owner, the person who raised it, or a quality manager can close follow-up #1');
    expect(await say(core, MEMBER, 'followup done #1')).toContain('Follow-up #1 — Fix guard — closed on 2026-11-24');
    expect(await core.store.followUps.get(ORG, 1)).toMatchObject({ status: 'done', closedOn: '2026-11-24' });
    expect(await say(core, LEADER, 'followup done 1')).toContain('already closed on 2026-11-24 — nothing changed');
    expect((await core.store.audit.history(ORG, 'follow_up', '1')).length).toBe(2);
    expect(await say(core, QM, 'followup done 99')).toContain('There is no follow-up #99');
    expect(await say(core, QM, 'followup done abc')).toContain('“abc” is not a follow-up number');
    expect(await say(core, QM, 'followup done')).toContain('Which follow-up?');
  });

  it('closes on the owner’s local date even when the closer is in another zone', async () => {
    await setUp();
    await core.store.people.update(ORG, MEMBER, { timeZone: 'Asia/Tokyo' }, null);
    await say(core, LEADER, 'followup add @max 2026-11-30 Fix guard');
    core.clock.set(Date.parse('2026-11-25T05:00:00Z')); // 23:00 Chicago, 14:00 next day in Tokyo
    await say(core, LEADER, 'followup done 1');
    expect((await core.store.followUps.get(ORG, 1))?.closedOn).toBe('2026-11-25');
  });

  it('moves the due date, keeps the earlier one in the audit log, and refuses past or unchanged dates', async () => {
    await setUp();
    await say(core, LEADER, 'followup add @max 2026-11-30 Fix guard');
    expect(await say(core, MEMBER, 'followup due 1 2026-12-07')).toContain('is now due on 2026-12-07 (was 2026-11-30)');
    expect(await say(core, MEMBER, 'followup due 1 2026-12-07')).toContain('already due on 2026-12-07 — nothing changed');
    expect(await say(core, MEMBER, 'followup due 1 2026-11-01')).toContain('is in the past');
    expect(await say(core, MEMBER, 'followup due 1')).toContain('Give the new due date');
    expect(await say(core, OTHER_LEADER, 'followup due 1 2026-12-09')).toContain('Only the owner');
    const history = await core.store.audit.history(ORG, 'follow_up', '1');
    expect(history.filter((h) => h.action === 'update').map((h) => h.before)).toEqual([{ dueDate: '2026-11-30', recordedBy: null }]);
    await say(core, MEMBER, 'followup done 1');
    expect(await say(core, MEMBER, 'followup due 1 2026-12-20')).toContain('was closed on 2026-11-24; its due date stays 2026-12-07');
  });
});

describe('followups', () => {
  async function seed() {
    await say(core, LEADER, 'followup add @max 2026-11-30 Fix guard');
    await say(core, OTHER_LEADER, 'followup add @lou 2026-11-24 Sweep aisle');
    await say(core, QM, 'followup add @quinn 2026-12-10 Audit gauges');
    // Make #2 overdue by moving time forward two days.
    core.clock.set(Date.parse('2026-11-26T15:00:00Z'));
  }

  it('mine: open actions I own or raised, with id, owner, due date and overdue marked', async () => {
    await setUp();
    await seed();
    const mine = await say(core, OTHER_LEADER, 'followups');
    expect(mine).toContain('Your open follow-ups (owned or raised by you) (1)');
    expect(mine).toContain('#2 Sweep aisle — @local:lou · due 2026-11-24 · OVERDUE 2 days');
    expect(await say(core, MEMBER, 'followups mine')).toContain('#1 Fix guard — @local:max · due 2026-11-30');
    expect(await say(core, ADMIN, 'followups')).toContain('none');
  });

  it('all and overdue show the whole organisation to managers', async () => {
    await setUp();
    await seed();
    const all = await say(core, QM, 'followups all');
    expect(all).toContain('Open follow-ups\n');
    expect(all).toContain('Showing 1–3 of 3 follow-ups.');
    expect(all.indexOf('#2')).toBeLessThan(all.indexOf('#1'));
    const overdue = await say(core, ADMIN, 'followups overdue');
    expect(overdue).toContain('Overdue follow-ups (1)');
    expect(overdue).toContain('#2 Sweep aisle');
    expect(overdue).not.toContain('#1');
  });

  it('refuses “all” to non-managers and shows them only their own overdue', async () => {
    await setUp();
    await seed();
    expect(await say(core, MEMBER, 'followups all')).toContain('Only a quality manager or an admin can use /clause5 followups all. Your role is member.');
    expect(await say(core, MEMBER, 'followups overdue')).toContain('Your overdue follow-ups: none');
    expect(await say(core, OTHER_LEADER, 'followups overdue')).toContain('#2 Sweep aisle');
    expect(await say(core, MEMBER, 'followups later')).toContain('“later” is not a list I know');
  });

  it('judges overdue in the owner’s zone', async () => {
    await setUp();
    await core.store.people.update(ORG, MEMBER, { timeZone: 'Asia/Tokyo' }, null);
    await say(core, LEADER, 'followup add @max 2026-11-24 Fix guard');
    core.clock.set(Date.parse('2026-11-25T04:00:00Z')); // still the 24th in Chicago, already the 25th in Tokyo
    expect(await say(core, QM, 'followups overdue')).toContain('#1 Fix guard — @local:max · due 2026-11-24 · OVERDUE 1 day');
  });
});
