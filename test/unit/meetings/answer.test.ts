import { afterEach, describe, expect, it } from 'vitest';
import { meetingsModule } from '../../../src/core/meetings/module';
import type { Button, Message, Reply } from '../../../src/core/model';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import type { TestCore } from '../../support/core';
import { LEADER, meetingsCore, messageText, ORG, OTHER_LEADER, QM, replyText, say } from './support';
import { seedRows } from '../../support/sql';

let core: TestCore;
let scheduler: Scheduler;
afterEach(() => core?.cleanup());

// Monday 2 March 2026, 06:00 in Chicago; "Line 3 daily" is at 07:30, its check at 08:00.
const START = '2026-03-02T12:00:00Z';
const REMINDER_AT = Date.parse('2026-03-02T13:20:00Z');
const CHECK_AT = Date.parse('2026-03-02T14:00:00Z');

/** A leader's meeting whose check went out through the real scheduler into the local mailbox. */
async function checkSent(): Promise<Message> {
  core = await meetingsCore(START);
  await seedRows(core, 'objectives', [{ orgId: ORG, code: 'OTD', title: 'On-time delivery', createdAt: 0 }]);
  scheduler = createScheduler({ deps: core.deps, modules: [meetingsModule], owner: 'test' });
  await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
  await scheduler.tick(core.clock.now());
  core.clock.set(REMINDER_AT);
  await scheduler.tick(REMINDER_AT);
  core.clock.set(CHECK_AT);
  await scheduler.tick(CHECK_AT);
  const inbox = core.local.inbox(LEADER);
  return inbox[inbox.length - 1]!.message;
}

function button(message: Message | undefined, label: string): Button {
  const found = message?.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).find((b) => b.label === label);
  if (!found) throw new Error(`no “${label}” button in ${JSON.stringify(message)}`);
  return found;
}

function press(personId: string, b: Button): Promise<Reply> {
  return core.bot.handleAction(core.as(personId), b.action, b.value);
}

async function occurrence() {
  return (await core.store.meetings.findOccurrence(ORG, 1, '2026-03-02T07:30'))!;
}

async function prompt() {
  return (await core.store.prompts.find(ORG, LEADER, 'meeting_check', `occurrence:${(await occurrence()).id}`))!;
}

describe('answering the after-meeting check', () => {
  it('records Yes from the button, closes the prompt and replaces the message without answer buttons', async () => {
    const check = await checkSent();
    expect(check.heading).toBe('Did you open Line 3 daily with a quality update?');
    core.clock.advance(4 * 60_000);
    const reply = await press(LEADER, button(check, 'Yes'));
    expect(await occurrence()).toMatchObject({ answer: 'yes', answeredBy: LEADER, answeredAt: CHECK_AT + 4 * 60_000 });
    expect(await prompt()).toMatchObject({ status: 'answered', answer: 'yes', answeredAt: CHECK_AT + 4 * 60_000 });
    const replaced = messageText(reply.replaceOriginal);
    expect(replaced).toContain('Recorded: Yes — you opened with a quality update.');
    expect(replaced).toContain('[Add the topic]');
    expect(replaced).not.toContain('[No]');
    expect(reply.message).toBeUndefined();
  });

  it('does not change the answer on a second tap, and says what and when was recorded', async () => {
    const check = await checkSent();
    core.clock.advance(5 * 60_000);
    await press(LEADER, button(check, 'No'));
    core.clock.advance(60_000);
    const second = await press(LEADER, button(check, 'Yes'));
    expect((await occurrence()).answer).toBe('no');
    expect(replyText(second)).toContain('This check was already recorded as No at 08:05. To change it, type /clause5 meeting answer 1 yes|no|cancelled.');
    expect(messageText(second.replaceOriginal)).toContain('Recorded: No');
    expect((await core.store.audit.history(ORG, 'meeting_occurrence', String((await occurrence()).id))).length).toBe(1);
  });

  it('lets only the leader or a manager answer', async () => {
    const check = await checkSent();
    const refused = await press(OTHER_LEADER, button(check, 'Yes'));
    expect(replyText(refused)).toContain('Only Lee (or a quality manager or admin) can answer for this meeting.');
    expect((await occurrence()).answer).toBeNull();
    expect(messageText((await press(QM, button(check, 'Meeting cancelled'))).replaceOriginal)).toContain('Recorded: Meeting cancelled');
    expect(await occurrence()).toMatchObject({ answer: 'cancelled', answeredBy: QM });
  });

  it('rejects a tampered button value', async () => {
    await checkSent();
    const reply = await core.bot.handleAction(core.as(LEADER), 'meeting.answer', JSON.stringify({ o: (await occurrence()).id, a: 'maybe' }));
    expect(replyText(reply)).toContain('That button is out of date');
    expect(replyText(await core.bot.handleAction(core.as(LEADER), 'meeting.answer', 'not json'))).toContain('out of date');
    expect((await occurrence()).answer).toBeNull();
  });

  it('takes a topic and tags through the form, with errors on the fields', async () => {
    const check = await checkSent();
    const answered = await press(LEADER, button(check, 'Yes'));
    const opened = await press(LEADER, button(answered.replaceOriginal, 'Add the topic'));
    const form = opened.openForm!;
    expect(form.id).toBe('meeting.topic');
    expect(form.fields.find((f) => f.id === 'topic')).toMatchObject({ kind: 'text', maxLength: 150 });
    expect(form.fields.find((f) => f.id === 'tags')?.options?.map((o) => o.value)).toEqual(['OTD', 'defect-reduction', 'customer', 'safety', 'cost']);

    const tooLong = await core.bot.handleFormSubmit(core.as(LEADER), form.id, { topic: 'x'.repeat(151) }, form.state);
    expect(tooLong.formErrors?.topic).toContain('150 characters');
    const badTag = await core.bot.handleFormSubmit(core.as(LEADER), form.id, { topic: 'Scrap', tags: ['nope'] }, form.state);
    expect(badTag.formErrors?.tags).toContain("I don't know the tag “nope”");
    expect((await occurrence()).topic).toBeNull();

    const saved = await core.bot.handleFormSubmit(core.as(LEADER), form.id, { topic: 'Scrap on line 3 down 12 %', tags: ['OTD', 'safety'] }, form.state);
    expect(replyText(saved)).toContain('Saved the topic for Line 3 daily on Mon 2 Mar 07:30: Scrap on line 3 down 12 %');
    expect(await occurrence()).toMatchObject({ answer: 'yes', topic: 'Scrap on line 3 down 12 %', tags: ['OTD', 'safety'] });
    // The check DM in the mailbox now shows the topic.
    const dm = core.local.inbox(LEADER).at(-1)!;
    expect(messageText(dm.message)).toContain('Topic: Scrap on line 3 down 12 %');
    expect(await press(OTHER_LEADER, button(answered.replaceOriginal, 'Add the topic')).then(replyText)).toContain('Only Lee');
  });

  it('corrects an answer with "meeting answer", keeping the earlier answer in the audit log', async () => {
    const check = await checkSent();
    await press(LEADER, button(check, 'No'));
    core.clock.advance(30 * 60_000);
    const text = await say(core, LEADER, 'meeting answer 1 yes "Customer complaint on labels closed"');
    expect(text).toContain(
      'Recorded Yes (was No; the earlier answer stays in history meeting answer 1) for Line 3 daily on Mon 2 Mar 07:30 — topic: Customer complaint on labels closed.',
    );
    expect(await occurrence()).toMatchObject({ answer: 'yes', topic: 'Customer complaint on labels closed' });
    const history = await core.store.audit.history(ORG, 'meeting_occurrence', String((await occurrence()).id));
    expect(history.map((h) => [h.action, (h.before as { answer: string }).answer, (h.after as { answer: string }).answer])).toEqual([
      ['update', null, 'no'],
      ['update', 'no', 'yes'],
    ]);
    // The prompt keeps its first answer time (response time is about the first reply).
    expect(await prompt()).toMatchObject({ status: 'answered', answer: 'no' });
    expect(messageText(core.local.inbox(LEADER).at(-1)!.message)).toContain('Recorded: Yes');
  });

  it('answers from chat when the button was missed, closing the open prompt and retiring its buttons', async () => {
    await checkSent();
    core.clock.advance(2 * 3_600_000);
    expect(await say(core, LEADER, 'meeting answer 1 no')).toContain('Recorded No for Line 3 daily on Mon 2 Mar 07:30.');
    expect(await prompt()).toMatchObject({ status: 'answered', answer: 'no' });
    const dm = core.local.inbox(LEADER).at(-1)!;
    expect(dm.updatedAt).toBe(core.clock.now());
    expect(messageText(dm.message)).not.toContain('[Yes]');
  });

  it('refuses "meeting answer" with a clear message for each mistake', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    expect(await say(core, LEADER, 'meeting answer 1 yes')).toContain('Meeting 1 (“Line 3 daily”) hasn’t happened yet; the first one is Mon 2 Mar 07:30.');
    core.clock.set(CHECK_AT);
    expect(await say(core, LEADER, 'meeting answer 4 yes')).toContain('I can’t find meeting 4.');
    expect(await say(core, LEADER, 'meeting answer 1 maybe')).toContain('“maybe” is not an answer: use yes, no or cancelled');
    expect(await say(core, LEADER, 'meeting answer 1')).toContain('Give an answer: use yes, no or cancelled');
    expect(await say(core, LEADER, `meeting answer 1 yes "${'y'.repeat(151)}"`)).toContain('Keep the topic to one line of 150 characters; this one has 151.');
    expect(await say(core, OTHER_LEADER, 'meeting answer 1 yes')).toContain('belongs to Lee; only they or a quality manager or admin can answer for it.');
    expect(await core.store.meetings.recentOccurrences(ORG, LEADER)).toEqual([]);
    expect(await say(core, QM, 'meeting answer 1 cancel')).toContain('Recorded Meeting cancelled');
    expect((await core.store.meetings.recentOccurrences(ORG, LEADER)).map((o) => [o.occurrenceKey, o.answer, o.answeredBy])).toEqual([
      ['2026-03-02T07:30', 'cancelled', QM],
    ]);
  });
});

describe('the whole loop through the scheduler', () => {
  it('reminds, checks once, and skips a check answered in advance or a reminder too late to help', async () => {
    await checkSent();
    const inbox = () => core.local.inbox(LEADER).map((m) => m.message.heading);
    expect(inbox()).toEqual(['Open Line 3 daily with a quality update', 'Did you open Line 3 daily with a quality update?']);
    await scheduler.tick(CHECK_AT + 60_000);
    expect(inbox()).toHaveLength(2);
    // Tuesday: answered from chat during the meeting, so the check is skipped, not sent.
    const tuesdayStart = Date.parse('2026-03-03T13:30:00Z');
    core.clock.set(tuesdayStart - 10 * 60_000);
    await scheduler.tick(core.clock.now());
    core.clock.set(tuesdayStart + 5 * 60_000);
    await say(core, LEADER, 'meeting answer 1 yes');
    core.clock.set(tuesdayStart + 30 * 60_000);
    await scheduler.tick(core.clock.now());
    expect(inbox()).toHaveLength(3);
    expect((await core.store.deliveries.getByKey('meeting_check:1:2026-03-03T07:30'))?.status).toBe('skipped');
    expect((await core.store.deliveries.getByKey('meeting_reminder:1:2026-03-03T07:30'))?.status).toBe('sent');
    // Wednesday: the process was down from before the reminder until after the meeting ended.
    core.clock.set(Date.parse('2026-03-04T14:01:00Z'));
    await scheduler.tick(core.clock.now());
    expect((await core.store.deliveries.getByKey('meeting_reminder:1:2026-03-04T07:30'))?.status).toBe('skipped');
    expect(inbox().at(-1)).toBe('Did you open Line 3 daily with a quality update?');
    expect(inbox()).toHaveLength(4);
  });
});
