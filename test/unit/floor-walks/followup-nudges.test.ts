import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import {
  asDelivery,
  button,
  buttonsOf,
  composer,
  LEADER,
  MEMBER,
  messageText,
  ORG,
  OTHER_LEADER,
  press,
  QM,
  replyText,
  source,
  tickAt,
  walksCore,
  type WalksCore,
} from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

// Tuesday 24 November 2026, 08:00 in Chicago. Nudges go out at 09:00 local = 15:00Z.
const START = '2026-11-24T14:00:00Z';
const nine = (date: string) => Date.parse(`${date}T15:00:00Z`);

async function setUp(due = '2026-11-25', start = START) {
  w = await walksCore(start);
  core = w.core;
  await w.scheduler.tick(core.clock.now());
  await core.bot.handleCommand(core.as(LEADER), `followup add @max ${due} Replace the guard on press 4`);
}

const nudgeKeys = async (from: string | number, to: string | number) =>
  (await source(core, 'followup_nudge').triggers(Number(new Date(from)), Number(new Date(to)))).map((t) => t.key);

describe('follow-up assigned', () => {
  it('DMs the owner what, raised by whom and when due, with Done and New due date', async () => {
    await setUp();
    await w.scheduler.tick(core.clock.now());
    const [msg] = core.local.inbox(MEMBER);
    const text = messageText(msg!.message);
    expect(text).toContain('Follow-up #1');
    expect(text).toContain('@local:lee raised a follow-up action for you.');
    expect(text).toContain('Action: Replace the guard on press 4');
    expect(text).toContain('Raised by: @local:lee');
    expect(text).toContain('Due: 2026-11-25');
    expect(buttonsOf(msg!.message).map((b) => [b.label, b.action, b.value])).toEqual([
      ['Done', 'followup.done', '{"f":1}'],
      ['New due date', 'followup.reschedule', '{"f":1}'],
    ]);
  });

  it('names the floor walk the action came from', async () => {
    w = await walksCore(START);
    core = w.core;
    await core.bot.handleFormSubmit(
      core.as(LEADER),
      'floorwalk.log',
      { area: 'Paint shop', date: '2026-11-24', followup1: 'Fix extractor', followup1Owner: '@max', followup1Due: '2026-11-27' },
      '{}',
    );
    const composed = await composer(core, 'followup_assigned').compose(
      asDelivery({ orgId: ORG, key: 'followup_assigned:1', kind: 'followup_assigned', personId: MEMBER, subject: { followUpId: 1 }, dueAt: 0 }),
    );
    expect(messageText('message' in composed ? composed.message : undefined)).toContain('on the floor walk of Paint shop (2026-11-24)');
  });
});

describe('follow-up nudge source', () => {
  it('nudges at 09:00 owner-local on the due date and each later work day, one key per date', async () => {
    await setUp('2026-11-25');
    expect(await nudgeKeys(START, '2026-12-01T00:00:00Z')).toEqual([
      'followup_nudge:1:2026-11-25',
      'followup_nudge:1:2026-11-26',
      'followup_nudge:1:2026-11-27',
      'followup_nudge:1:2026-11-30',
    ]);
    const [first] = await source(core, 'followup_nudge').triggers(Date.parse(START), nine('2026-11-25'));
    expect(first).toMatchObject({ kind: 'followup_nudge', personId: MEMBER, subject: { followUpId: 1, date: '2026-11-25' }, dueAt: nine('2026-11-25') });
    expect(await nudgeKeys(nine('2026-11-25'), nine('2026-11-26') - 1)).toEqual([]);
  });

  it('stops after 10 nudges', async () => {
    await setUp('2026-11-02', '2026-11-01T14:00:00Z');
    const keys = await nudgeKeys('2026-11-01T14:00:00Z', '2026-12-04T00:00:00Z');
    expect(keys).toHaveLength(10);
    expect(keys[0]).toBe('followup_nudge:1:2026-11-02');
    expect(keys[9]).toBe('followup_nudge:1:2026-11-13');
  });

  it('follows the owner’s zone', async () => {
    w = await walksCore(START);
    core = w.core;
    await core.store.people.update(ORG, MEMBER, { timeZone: 'Europe/Berlin' }, null);
    await core.bot.handleCommand(core.as(LEADER), 'followup add @max 2026-11-25 Check');
    const [t] = await source(core, 'followup_nudge').triggers(Date.parse(START), Date.parse('2026-11-25T23:00:00Z'));
    expect(t?.dueAt).toBe(Date.parse('2026-11-25T08:00:00Z'));
  });
});

describe('follow-up nudges through the scheduler', () => {
  it('sends a nudge, opens its prompt, and stops once Done is tapped', async () => {
    await setUp('2026-11-25');
    await tickAt(w, nine('2026-11-25'));
    const inbox = core.local.inbox(MEMBER);
    expect(inbox).toHaveLength(2);
    const nudge = inbox[1]!.message;
    expect(messageText(nudge)).toContain('Follow-up #1 is due today');
    const prompt = await core.store.prompts.find(ORG, MEMBER, 'followup_nudge', 'followup:1:2026-11-25');
    expect(prompt).toMatchObject({ status: 'open', messageRef: String(inbox[1]!.seq) });

    await tickAt(w, nine('2026-11-26'));
    expect(messageText(core.local.inbox(MEMBER)[2]!.message)).toContain('is overdue by 1 day');

    core.clock.set(nine('2026-11-26') + 3_600_000);
    const reply = await press(core, MEMBER, button(nudge, 'Done'));
    expect(messageText(reply.replaceOriginal)).toContain('Follow-up #1 — Replace the guard on press 4 — closed on 2026-11-26');
    expect(await core.store.followUps.get(ORG, 1)).toMatchObject({ status: 'done', closedOn: '2026-11-26' });
    expect((await core.store.prompts.find(ORG, MEMBER, 'followup_nudge', 'followup:1:2026-11-25'))?.answer).toBe('done');

    expect(replyText(await press(core, MEMBER, button(nudge, 'Done')))).toContain('already closed on 2026-11-26 — nothing changed');
    await tickAt(w, nine('2026-11-27'));
    expect(core.local.inbox(MEMBER)).toHaveLength(3);
    expect(await nudgeKeys(nine('2026-11-26'), nine('2026-12-01'))).toEqual([]);
  });

  it('skips a queued nudge when the action was closed in the meantime', async () => {
    await setUp('2026-11-25');
    const [t] = await source(core, 'followup_nudge').triggers(Date.parse(START), nine('2026-11-25'));
    await core.bot.handleCommand(core.as(MEMBER), 'followup done 1');
    expect(await composer(core, 'followup_nudge').compose(asDelivery(t!))).toEqual({ skip: 'follow-up closed' });
  });

  it('New due date: a form with a date; the past is refused by field; the move answers the nudge and keeps the earlier date', async () => {
    await setUp('2026-11-25');
    await tickAt(w, nine('2026-11-25'));
    const nudgeMessage = core.local.inbox(MEMBER)[1]!;
    const opened = await press(core, MEMBER, button(nudgeMessage.message, 'New due date'));
    expect(opened.openForm).toMatchObject({ id: 'followup.reschedule', fields: [expect.objectContaining({ id: 'due', kind: 'date', initial: '2026-11-25' })] });
    const form = opened.openForm!;
    const past = await core.bot.handleFormSubmit(core.as(MEMBER), form.id, { due: '2026-11-20' }, form.state);
    expect(past.formErrors).toEqual({ due: 'The due date 2026-11-20 is in the past — pick today (2026-11-25) or later.' });
    const moved = await core.bot.handleFormSubmit(core.as(MEMBER), form.id, { due: '2026-12-02' }, form.state);
    expect(replyText(moved)).toContain('is now due on 2026-12-02 (was 2026-11-25)');
    expect((await core.store.followUps.get(ORG, 1))?.dueDate).toBe('2026-12-02');
    const history = await core.store.audit.history(ORG, 'follow_up', '1');
    expect(history.at(-1)).toMatchObject({ actorId: MEMBER, before: { dueDate: '2026-11-25' }, after: { dueDate: '2026-12-02' } });
    expect((await core.store.prompts.find(ORG, MEMBER, 'followup_nudge', 'followup:1:2026-11-25'))?.answer).toBe('rescheduled');
    expect(messageText(nudgeMessage.message)).toContain('is now due on 2026-12-02');
    // Still open: the message offers Done / New due date for the new date, not the stale nudge's.
    expect(buttonsOf(nudgeMessage.message).map((b) => [b.label, b.value])).toEqual([
      ['Done', '{"f":1}'],
      ['New due date', '{"f":1}'],
    ]);
    expect(await nudgeKeys(nine('2026-11-25'), nine('2026-12-02'))).toEqual(['followup_nudge:1:2026-12-02']);
  });

  it('closing answers every open nudge of the action: by command, and from the assignment message', async () => {
    await setUp('2026-11-25');
    await core.bot.handleCommand(core.as(LEADER), 'followup add @max 2026-11-25 Fix the extractor');
    await tickAt(w, nine('2026-11-25'));
    await tickAt(w, nine('2026-11-26'));
    const nudgeStatus = async (id: number) =>
      (await core.store.prompts.listOpen(ORG, 'followup_nudge')).filter((p) => p.subject.startsWith(`followup:${id}:`)).length;
    expect([await nudgeStatus(1), await nudgeStatus(2)]).toEqual([2, 2]);

    await core.bot.handleCommand(core.as(MEMBER), 'followup done 1');
    for (const date of ['2026-11-25', '2026-11-26']) {
      expect(await core.store.prompts.find(ORG, MEMBER, 'followup_nudge', `followup:1:${date}`)).toMatchObject({ status: 'answered', answer: 'done' });
    }
    const assigned = core.local.inbox(MEMBER).find((m) => m.message.summary.startsWith('New follow-up for you: Fix the extractor'))!;
    expect(replyText(await press(core, MEMBER, button(assigned.message, 'Done')))).toBe('');
    expect([await nudgeStatus(1), await nudgeStatus(2)]).toEqual([0, 0]);
    expect((await core.store.prompts.find(ORG, MEMBER, 'followup_nudge', 'followup:2:2026-11-26'))?.answer).toBe('done');
  });

  it('once overdue, only a quality manager or an admin may move the due date; the move answers every open nudge', async () => {
    await setUp('2026-11-25');
    await tickAt(w, nine('2026-11-25'));
    await tickAt(w, nine('2026-11-26')); // overdue by a day
    const refused = 'is overdue (it was due on 2026-11-25), so only a quality manager or an admin can move its due date';
    expect(replyText(await core.bot.handleCommand(core.as(MEMBER), 'followup due 1 2026-12-02'))).toContain(refused);
    expect(replyText(await core.bot.handleCommand(core.as(LEADER), 'followup due 1 2026-12-02'))).toContain(refused);
    const nudge = core.local.inbox(MEMBER).at(-1)!.message;
    const opened = await press(core, MEMBER, button(nudge, 'New due date'));
    expect(opened.openForm).toBeUndefined();
    expect(replyText(opened)).toContain(refused);
    expect((await core.store.followUps.get(ORG, 1))?.dueDate).toBe('2026-11-25');
    expect((await core.store.prompts.listOpen(ORG, 'followup_nudge')).length).toBe(2);

    expect(replyText(await core.bot.handleCommand(core.as(QM), 'followup due 1 2026-12-02'))).toContain('moving it needs a reason');
    expect(replyText(await core.bot.handleCommand(core.as(QM), 'followup due 1 2026-12-02 "parts on order"'))).toContain(
      'is now due on 2026-12-02 (was 2026-11-25)',
    );
    expect((await core.store.followUps.get(ORG, 1))?.dueDate).toBe('2026-12-02');
    for (const date of ['2026-11-25', '2026-11-26']) {
      expect(await core.store.prompts.find(ORG, MEMBER, 'followup_nudge', `followup:1:${date}`)).toMatchObject({ status: 'answered', answer: 'rescheduled' });
    }
    // No longer overdue: the owner may move it again.
    expect(replyText(await core.bot.handleCommand(core.as(MEMBER), 'followup due 1 2026-12-04'))).toContain('is now due on 2026-12-04');
  });

  it('refuses the buttons to people who may not change the action', async () => {
    await setUp('2026-11-25');
    const value = '{"f":1}';
    expect(replyText(await core.bot.handleAction(core.as(OTHER_LEADER), 'followup.done', value))).toContain(
      'Only the owner, the person who raised it, or a quality manager',
    );
    expect(replyText(await core.bot.handleAction(core.as(OTHER_LEADER), 'followup.reschedule', value))).toContain('Only the owner');
    expect(replyText(await core.bot.handleAction(core.as(MEMBER), 'followup.done', 'nonsense'))).toContain('That button is out of date');
    expect((await core.store.followUps.get(ORG, 1))?.status).toBe('open');
  });
});
