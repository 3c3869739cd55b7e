import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { button, buttonsOf, LEADER, messageText, ORG, press, replyText, source, tickAt, walksCore, type WalksCore } from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

// Week 2026-W48 runs Monday 23 – Sunday 29 November 2026. Chicago is UTC−6 then.
const MONDAY = '2026-11-23T15:00:00Z';
const WED_1400 = '2026-11-25T20:00:00Z';
const THU_1400 = '2026-11-26T20:00:00Z';
const WEEK_END = '2026-11-30T06:00:00Z'; // Monday 00:00 in Chicago

async function setUp(schedule = 'wed 14:00') {
  w = await walksCore(MONDAY);
  core = w.core;
  await core.bot.handleCommand(core.as(LEADER), `floorwalk schedule ${schedule}`);
  await w.scheduler.tick(core.clock.now());
}

async function weekPrompt() {
  return core.store.prompts.find(ORG, LEADER, 'floorwalk', 'week:2026-W48');
}

function inbox() {
  return core.local.inbox(LEADER);
}

describe('weekly prompt source', () => {
  it('asks on the scheduled day and time, one key per person and week', async () => {
    await setUp('fri 14:00');
    const triggers = await source(core, 'floorwalk_prompt').triggers(Date.parse(MONDAY), Date.parse(WEEK_END));
    expect(triggers).toEqual([
      expect.objectContaining({
        key: 'floorwalk_prompt:local:lee:2026-W48',
        personId: LEADER,
        subject: { weekKey: '2026-W48' },
        dueAt: Date.parse('2026-11-27T20:00:00Z'),
      }),
    ]);
    expect(triggers[0]!.skipReason).toBeUndefined();
  });

  it('moves a Friday prompt to Thursday when Friday is a shutdown day (no owed day after it that week)', async () => {
    await setUp('fri 14:00');
    await core.store.sites.addClosure(ORG, { siteId: w.siteId, fromDate: '2026-11-27', toDate: '2026-11-27', reason: 'Thanksgiving' }, null);
    const triggers = await source(core, 'floorwalk_prompt').triggers(Date.parse(MONDAY), Date.parse(WEEK_END));
    expect(triggers.map((t) => [t.key, t.dueAt])).toEqual([['floorwalk_prompt:local:lee:2026-W48', Date.parse(THU_1400)]]);
  });

  it('prefers the first owed day after the scheduled one in the same week', async () => {
    await setUp('wed 14:00');
    await core.store.sites.addClosure(ORG, { siteId: w.siteId, fromDate: '2026-11-25', toDate: '2026-11-25', reason: null }, null);
    const [t] = await source(core, 'floorwalk_prompt').triggers(Date.parse(MONDAY), Date.parse(WEEK_END));
    expect(t?.dueAt).toBe(Date.parse(THU_1400));
  });

  it('records the week as skipped when no day of it is owed', async () => {
    await setUp('fri 14:00');
    await core.store.away.add(ORG, { personId: LEADER, fromDate: '2026-11-23', toDate: '2026-11-29', reason: 'leave' }, null);
    const [t] = await source(core, 'floorwalk_prompt').triggers(Date.parse(MONDAY), Date.parse(WEEK_END));
    expect(t).toMatchObject({ dueAt: Date.parse('2026-11-27T20:00:00Z'), skipReason: 'no owed day in 2026-W48' });
  });

  it('keys the week that spans New Year as 2026-W53', async () => {
    w = await walksCore('2026-12-28T12:00:00Z');
    core = w.core;
    await core.bot.handleCommand(core.as(LEADER), 'floorwalk schedule fri 14:00');
    const triggers = await source(core, 'floorwalk_prompt').triggers(Date.parse('2026-12-28T12:00:00Z'), Date.parse('2027-01-04T12:00:00Z'));
    expect(triggers.map((t) => [t.key, t.dueAt])).toEqual([['floorwalk_prompt:local:lee:2026-W53', Date.parse('2027-01-01T20:00:00Z')]]);
  });

  it('keeps 14:00 local across the DST change', async () => {
    w = await walksCore('2026-10-26T12:00:00Z');
    core = w.core;
    await core.bot.handleCommand(core.as(LEADER), 'floorwalk schedule mon 14:00');
    const triggers = await source(core, 'floorwalk_prompt').triggers(Date.parse('2026-10-26T12:00:00Z'), Date.parse('2026-11-03T00:00:00Z'));
    expect(triggers.map((t) => t.dueAt)).toEqual([Date.parse('2026-10-26T19:00:00Z'), Date.parse('2026-11-02T20:00:00Z')]);
  });
});

describe('the weekly prompt through the scheduler', () => {
  it('sends the question with four buttons and opens the prompt with the message reference', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    expect(inbox()).toHaveLength(1);
    const msg = inbox()[0]!.message;
    expect(messageText(msg)).toContain('Did you walk the floor this week?');
    expect(buttonsOf(msg).map((b) => [b.label, b.action])).toEqual([
      ['Log it', 'floorwalk.log'],
      ['Snooze', 'floorwalk.snooze'],
      ['Away this week', 'floorwalk.away'],
      ['Not this week', 'floorwalk.none'],
    ]);
    expect(await weekPrompt()).toMatchObject({ status: 'open', sentAt: Date.parse(WED_1400), messageRef: String(inbox()[0]!.seq) });
  });

  it('skips the question when a walk is already logged this week', async () => {
    await setUp();
    await core.bot.handleFormSubmit(core.as(LEADER), 'floorwalk.log', { area: 'Dock', date: '2026-11-23' }, '{}');
    await tickAt(w, WED_1400);
    expect(inbox()).toHaveLength(0);
    expect(await core.store.deliveries.getByKey('floorwalk_prompt:local:lee:2026-W48')).toMatchObject({ status: 'skipped' });
    expect(await weekPrompt()).toBeUndefined();
  });

  it('reminds once 24 h later when unanswered', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    await tickAt(w, '2026-11-26T19:59:00Z');
    expect(inbox()).toHaveLength(1);
    await tickAt(w, THU_1400);
    expect(inbox()).toHaveLength(2);
    expect(messageText(inbox()[1]!.message)).toContain('Reminder: Did you walk the floor this week?');
    expect(await core.store.deliveries.getByKey('floorwalk_reminder:local:lee:2026-W48:0')).toMatchObject({ status: 'sent' });
    await tickAt(w, '2026-11-27T20:00:00Z');
    expect(inbox()).toHaveLength(2);
  });

  it('reminds at the end of a snooze instead, under a key with the snooze count', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    core.clock.set(Date.parse('2026-11-25T21:00:00Z')); // Wednesday 15:00
    const reply = await press(core, LEADER, button(inbox()[0]!.message, 'Snooze'));
    expect(messageText(reply.replaceOriginal)).toContain("snoozed — I'll ask again on Thursday 2026-11-26 at 15:00");
    expect(await weekPrompt()).toMatchObject({ snoozeCount: 1, snoozedUntil: Date.parse('2026-11-26T21:00:00Z'), status: 'open' });
    await tickAt(w, THU_1400);
    expect(inbox()).toHaveLength(1);
    await tickAt(w, '2026-11-26T21:00:00Z');
    expect(inbox()).toHaveLength(2);
    expect(await core.store.deliveries.getByKey('floorwalk_reminder:local:lee:2026-W48:1')).toMatchObject({ status: 'sent' });
    expect(await core.store.deliveries.getByKey('floorwalk_reminder:local:lee:2026-W48:0')).toBeUndefined();
  });

  it('snoozes to the next work morning when +24 h is a shutdown day, and refuses when no work day is left', async () => {
    await setUp();
    await core.store.sites.addClosure(ORG, { siteId: w.siteId, fromDate: '2026-11-26', toDate: '2026-11-26', reason: 'Thanksgiving' }, null);
    await tickAt(w, WED_1400);
    const snooze = button(inbox()[0]!.message, 'Snooze');
    expect(messageText((await press(core, LEADER, snooze)).replaceOriginal)).toContain('Friday 2026-11-27 at 09:00');
    core.clock.set(Date.parse('2026-11-27T22:00:00Z')); // Friday 16:00: only the weekend is left
    const refused = await press(core, LEADER, snooze);
    expect(replyText(refused)).toContain("There's no work day left in week 48 to remind you on — nothing changed");
    expect((await weekPrompt())?.snoozeCount).toBe(1);
  });

  it('marks an unanswered week missed at Monday 00:00 and updates the original message; nothing new is sent', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    await tickAt(w, THU_1400);
    expect(inbox()).toHaveLength(2);
    await tickAt(w, '2026-11-30T05:59:00Z');
    expect((await weekPrompt())?.status).toBe('open');
    const staleTap = button(inbox()[1]!.message, 'Not this week');
    await tickAt(w, WEEK_END);
    expect((await weekPrompt())?.status).toBe('missed');
    expect(inbox()).toHaveLength(2);
    expect(buttonsOf(inbox()[1]!.message)).toEqual([]); // the reminder's buttons retire too
    const original = inbox()[0]!;
    expect(original.updatedAt).toBe(Date.parse(WEEK_END));
    expect(original.message.summary).toBe('Week 48 is over — marked as missed. You can still log a walk any time with /clause5 floorwalk');
    expect(buttonsOf(original.message)).toEqual([]);
    expect(await core.store.deliveries.getByKey('floorwalk_week_end:local:lee:2026-W48')).toMatchObject({ status: 'done', lastError: 'week closed' });
    // A tap on the reminder's buttons now changes nothing.
    const late = await press(core, LEADER, staleTap);
    expect(replyText(late)).toContain('Week 48 is over and was marked as missed — nothing changed');
    expect((await weekPrompt())?.status).toBe('missed');
  });
});

describe('answering the prompt', () => {
  it('Away this week: away from tomorrow to Sunday (never the days gone by), prompt answered, no reminder; a second tap changes nothing', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    const away = button(inbox()[0]!.message, 'Away this week');
    const reply = await press(core, LEADER, away);
    expect(messageText(reply.replaceOriginal)).toContain("you're marked away 2026-11-26 – 2026-11-29. Days before 2026-11-26 still count");
    expect(await core.store.away.list(ORG, LEADER)).toEqual([expect.objectContaining({ fromDate: '2026-11-26', toDate: '2026-11-29', recordedBy: LEADER })]);
    expect(await weekPrompt()).toMatchObject({ status: 'answered', answer: 'away' });
    const again = await press(core, LEADER, away);
    expect(replyText(again)).toContain('You already answered for week 48 (you were away) — nothing changed');
    expect(again.replaceOriginal).toBeUndefined();
    expect(await core.store.away.list(ORG, LEADER)).toHaveLength(1);
    await tickAt(w, THU_1400);
    await tickAt(w, WEEK_END);
    expect(inbox()).toHaveLength(1);
    expect((await weekPrompt())?.status).toBe('answered');
  });

  it('Not this week: answered no_walk and the message says what was recorded', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    core.clock.set(Date.parse('2026-11-25T20:30:00Z'));
    const snooze = button(inbox()[0]!.message, 'Snooze');
    const reply = await press(core, LEADER, button(inbox()[0]!.message, 'Not this week'));
    expect(messageText(reply.replaceOriginal)).toContain('no walk this week — noted');
    expect(await weekPrompt()).toMatchObject({ status: 'answered', answer: 'no_walk', answeredAt: Date.parse('2026-11-25T20:30:00Z') });
    expect(replyText(await press(core, LEADER, snooze))).toContain('You already answered for week 48 (no walk this week)');
  });

  it('Log it: opens the form carrying the prompt; submitting answers it and retires the buttons', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    const reply = await press(core, LEADER, button(inbox()[0]!.message, 'Log it'));
    const prompt = (await weekPrompt())!;
    expect(reply.openForm?.id).toBe('floorwalk.log');
    expect(JSON.parse(reply.openForm!.state)).toEqual({ p: prompt.id });
    await core.bot.handleFormSubmit(core.as(LEADER), 'floorwalk.log', { area: 'Press shop', date: '2026-11-25' }, reply.openForm!.state);
    expect(await weekPrompt()).toMatchObject({ status: 'answered', answer: 'logged' });
    expect(messageText(inbox()[0]!.message)).toContain('Week 48: floor walk logged — Press shop on 2026-11-25');
    expect(buttonsOf(inbox()[0]!.message)).toEqual([]);
    // The same button tapped again (e.g. on another device) changes nothing.
    const again = await core.bot.handleAction(core.as(LEADER), 'floorwalk.log', '2026-W48');
    expect(again.openForm).toBeUndefined();
    expect(replyText(again)).toContain('You already answered for week 48 (a walk was logged) — nothing changed');
    await tickAt(w, THU_1400);
    expect(inbox()).toHaveLength(1);
  });

  it('refuses a stale or foreign button value clearly', async () => {
    await setUp();
    expect(replyText(await core.bot.handleAction(core.as(LEADER), 'floorwalk.none', 'garbage'))).toContain('That button is out of date');
    expect(replyText(await core.bot.handleAction(core.as(LEADER), 'floorwalk.none', '2026-W40'))).toContain(
      'I have no floor-walk question for you for week 40',
    );
  });
});
