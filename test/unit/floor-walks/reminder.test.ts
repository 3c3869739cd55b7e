// When the one floor-walk reminder goes out: 24 h later on an owed day, else 09:00 on the next owed
// day of the week, else 2 h after the prompt — so a Friday prompt at a Mon–Fri site is reminded.
import { afterEach, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../../src/core/people/calendar';
import { walkReminderAt } from '../../../src/core/floor-walks/walk-followthrough';
import { weekClock } from '../../../src/core/floor-walks/week';
import type { TestCore } from '../../support/core';
import { button, LEADER, messageText, ORG, press, source, tickAt, walksCore, ZONE, type WalksCore } from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

// Week 2026-W48 runs Monday 23 – Sunday 29 November 2026. Chicago is UTC−6 then.
const MONDAY = '2026-11-23T15:00:00Z';
const WED_1400 = '2026-11-25T20:00:00Z';
const FRI_0900 = '2026-11-27T15:00:00Z';
const FRI_1400 = '2026-11-27T20:00:00Z';
const FRI_1600 = '2026-11-27T22:00:00Z';
const SAT_1400 = '2026-11-28T20:00:00Z';

async function setUp(schedule: string, workDays = [1, 2, 3, 4, 5]) {
  w = await walksCore(MONDAY);
  core = w.core;
  if (workDays.length !== 5) await core.store.sites.update(ORG, w.siteId, { workDays }, null);
  await core.bot.handleCommand(core.as(LEADER), `floorwalk schedule ${schedule}`);
  await w.scheduler.tick(core.clock.now());
}

const inbox = () => core.local.inbox(LEADER);
const reminder = (snoozes = 0) => core.store.deliveries.getByKey(`floorwalk_reminder:local:lee:2026-W48:${snoozes}`);

describe('the floor-walk reminder', () => {
  it('reminds a default Friday 14:00 prompt at a Monday–Friday site 2 h later, not on Saturday', async () => {
    await setUp('fri 14:00');
    await tickAt(w, FRI_1400);
    expect(inbox()).toHaveLength(1);
    await tickAt(w, '2026-11-27T21:59:00Z');
    expect(inbox()).toHaveLength(1);
    await tickAt(w, FRI_1600);
    expect(inbox()).toHaveLength(2);
    expect(messageText(inbox()[1]!.message)).toContain('Reminder: Did you walk the floor this week?');
    expect(await reminder()).toMatchObject({ status: 'sent', dueAt: Date.parse(FRI_1600) });
    await tickAt(w, SAT_1400);
    expect(inbox()).toHaveLength(2);
  });

  it('reminds 24 h later when that is an owed day of the week (a site that works Saturdays)', async () => {
    await setUp('fri 14:00', [1, 2, 3, 4, 5, 6]);
    await tickAt(w, FRI_1400);
    await tickAt(w, FRI_1600);
    expect(inbox()).toHaveLength(1);
    await tickAt(w, SAT_1400);
    expect(inbox()).toHaveLength(2);
    expect(await reminder()).toMatchObject({ status: 'sent', dueAt: Date.parse(SAT_1400) });
  });

  it('reminds at 09:00 on the next owed day when 24 h later is a shutdown day', async () => {
    await setUp('wed 14:00');
    await core.store.sites.addClosure(ORG, { siteId: w.siteId, fromDate: '2026-11-26', toDate: '2026-11-26', reason: 'Thanksgiving' }, null);
    await tickAt(w, WED_1400);
    await tickAt(w, '2026-11-26T20:00:00Z'); // Thursday 14:00: the shutdown day
    expect(inbox()).toHaveLength(1);
    await tickAt(w, FRI_0900);
    expect(inbox()).toHaveLength(2);
    expect(await reminder()).toMatchObject({ status: 'sent', dueAt: Date.parse(FRI_0900) });
  });

  it('reminds 2 h later when the leader is away for the rest of the week', async () => {
    await setUp('wed 14:00');
    await tickAt(w, WED_1400);
    await core.store.away.add(ORG, { personId: LEADER, fromDate: '2026-11-26', toDate: '2026-11-27', reason: 'training' }, null);
    await tickAt(w, '2026-11-25T22:00:00Z');
    expect(inbox()).toHaveLength(2);
    expect(await reminder()).toMatchObject({ status: 'sent', dueAt: Date.parse('2026-11-25T22:00:00Z') });
  });

  it('leaves the 2 h reminder in place when a Friday-afternoon snooze is refused', async () => {
    await setUp('fri 14:00');
    await tickAt(w, FRI_1400);
    core.clock.set(Date.parse('2026-11-27T20:30:00Z'));
    const reply = await press(core, LEADER, button(inbox()[0]!.message, 'Snooze'));
    // Only the weekend is left after Friday: the snooze is refused, so the 2 h reminder stands.
    expect(messageText(reply.message)).toContain("There's no work day left in week 48");
    await tickAt(w, FRI_1600);
    expect(await reminder()).toMatchObject({ status: 'sent' });
  });

  it('gives the source nothing before the reminder is due, and the one trigger in its window', async () => {
    await setUp('fri 14:00');
    await tickAt(w, FRI_1400);
    const reminders = source(core, 'floorwalk_reminder');
    expect(await reminders.triggers(Date.parse(FRI_1400), Date.parse(FRI_1600) - 1)).toEqual([]);
    expect(await reminders.triggers(Date.parse(FRI_1600) - 60_000, Date.parse(FRI_1600))).toEqual([
      expect.objectContaining({ key: 'floorwalk_reminder:local:lee:2026-W48:0', dueAt: Date.parse(FRI_1600) }),
    ]);
    expect(await reminders.triggers(Date.parse(FRI_1600), Date.parse('2026-11-30T06:00:00Z'))).toEqual([]);
  });
});

describe('walkReminderAt', () => {
  const prompt = (sentIso: string, snoozedUntil: number | null = null) => ({
    id: 1,
    orgId: ORG,
    personId: LEADER,
    kind: 'floorwalk' as const,
    subject: 'week:2026-W48',
    sentAt: Date.parse(sentIso),
    status: 'open' as const,
    answer: null,
    answeredAt: null,
    snoozeCount: snoozedUntil === null ? 0 : 1,
    snoozedUntil,
    messageRef: null,
  });
  const W48 = weekClock('2026-W48', ZONE);
  const monFri = buildCalendar({ joinedOn: '2025-01-01' }, [1, 2, 3, 4, 5], [], []);

  it('follows the rule in order: snooze end, +24 h, next owed 09:00, +2 h', () => {
    expect(walkReminderAt(prompt(WED_1400, 123), W48, monFri)).toBe(123);
    expect(walkReminderAt(prompt(WED_1400), W48, monFri)).toBe(Date.parse('2026-11-26T20:00:00Z'));
    const thursdayOff = buildCalendar({ joinedOn: '2025-01-01' }, [1, 2, 3, 5], [], []);
    expect(walkReminderAt(prompt(WED_1400), W48, thursdayOff)).toBe(Date.parse(FRI_0900));
    expect(walkReminderAt(prompt(FRI_1400), W48, monFri)).toBe(Date.parse(FRI_1600));
  });

  it('never lets "24 h later" cross into the next ISO week', () => {
    const everyDay = buildCalendar({ joinedOn: '2025-01-01' }, [1, 2, 3, 4, 5, 6, 7], [], []);
    const sunday = '2026-11-29T20:00:00Z';
    expect(walkReminderAt(prompt(sunday), W48, everyDay)).toBe(Date.parse(sunday) + 2 * 3_600_000);
  });

  it('reads the days right in the week the clocks go back (Chicago, Sunday 1 November 2026)', () => {
    const w44 = weekClock('2026-W44', ZONE);
    const saturday = { ...prompt('2026-10-31T19:00:00Z'), subject: 'week:2026-W44' }; // Saturday 14:00 CDT
    const everyDay = buildCalendar({ joinedOn: '2025-01-01' }, [1, 2, 3, 4, 5, 6, 7], [], []);
    expect(walkReminderAt(saturday, w44, everyDay)).toBe(Date.parse('2026-11-01T19:00:00Z')); // Sunday 13:00 CST
    const monSat = buildCalendar({ joinedOn: '2025-01-01' }, [1, 2, 3, 4, 5, 6], [], []);
    expect(walkReminderAt(saturday, w44, monSat)).toBe(Date.parse('2026-10-31T21:00:00Z'));
    expect(w44.midnights[7]).toBe(Date.parse('2026-11-02T06:00:00Z'));
  });
});
