import { afterEach, describe, expect, it } from 'vitest';
import type { Composed, Delivery, DeliveryComposer } from '../../../src/core/deliveries';
import { meetingsModule } from '../../../src/core/meetings/module';
import type { Message } from '../../../src/core/model';
import type { TestCore } from '../../support/core';
import { seedRows } from '../../support/sql';
import { asDelivery, LEADER, meetingsCore, messageText, ORG, OTHER_LEADER, say } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

// Monday 2 March 2026, 06:00 in Chicago; the meeting is at 07:30.
const START = '2026-03-02T12:00:00Z';
const DAY = 86_400_000;

function composer(kind: string): DeliveryComposer {
  return meetingsModule.composers!(core.deps).find((c) => c.kind === kind)!;
}

/** The trigger of `kind` for today's 07:30 occurrence, with the clock moved to when it is due. */
async function dueDelivery(kind: 'meeting_reminder' | 'meeting_check'): Promise<Delivery> {
  const now = core.clock.now();
  const triggers = await meetingsModule.sources!(core.deps)[0]!.triggers(now, now + DAY / 2);
  const trigger = triggers.find((t) => t.kind === kind)!;
  core.clock.set(trigger.dueAt);
  return asDelivery(trigger);
}

function sent(composed: Composed): { personId: string; message: Message } {
  if (!('to' in composed) || !('personId' in composed.to)) throw new Error(`not a direct message: ${JSON.stringify(composed)}`);
  return { personId: composed.to.personId, message: composed.message };
}

async function seedTalkingPoints() {
  const now = core.clock.now();
  await seedRows(core, 'wins', [
    { orgId: ORG, postedBy: OTHER_LEADER, text: 'Line 3 scrap down after the new fixture', tags: '[]', metric: 'scrap −12 %', postedAt: now - 2 * DAY },
    { orgId: ORG, postedBy: OTHER_LEADER, text: 'An old win from last month', tags: '[]', postedAt: now - 20 * DAY },
  ]);
  await seedRows(core, 'follow_ups', [
    { orgId: ORG, raisedBy: LEADER, ownerId: LEADER, text: 'Fix the guard on press 4', dueDate: '2026-02-27', createdAt: now, updatedAt: now },
    { orgId: ORG, raisedBy: LEADER, ownerId: OTHER_LEADER, text: 'Relabel the quarantine rack', dueDate: '2026-03-06', createdAt: now, updatedAt: now },
    { orgId: ORG, raisedBy: LEADER, ownerId: LEADER, text: 'Closed one', dueDate: '2026-03-01', status: 'done', createdAt: now, updatedAt: now },
  ]);
  await seedRows(core, 'objectives', [
    { orgId: ORG, code: 'OTD', title: 'On-time delivery above 97 %', createdAt: now },
    { orgId: ORG, code: 'OLD', title: 'Retired objective', active: false, createdAt: now },
  ]);
}

describe('the meeting reminder', () => {
  it('draws talking points from recent wins, open follow-ups (overdue marked) and active objectives', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30 #line3');
    await seedTalkingPoints();
    const delivery = await dueDelivery('meeting_reminder');
    const { personId, message } = sent(await composer('meeting_reminder').compose(delivery));
    expect(personId).toBe(LEADER);
    expect(message.heading).toBe('Open Line 3 daily with a quality update');
    const text = messageText(message);
    expect(text).toContain('Line 3 daily starts at 07:30 — in 10 minutes.');
    expect(text).toContain('- Line 3 scrap down after the new fixture (scrap −12 %)');
    expect(text).not.toContain('old win');
    expect(text).toContain('- Overdue since 2026-02-27: Fix the guard on press 4');
    expect(text).toContain('- Relabel the quarantine rack — due 2026-03-06 — @local:lou');
    expect(text).not.toContain('Closed one');
    expect(text).toContain('- OTD — On-time delivery above 97 %');
    expect(text).not.toContain('Retired');
    expect(text).toContain('Meeting channel: #line3');
    expect(text).not.toContain('Ideas for your quality update');
  });

  it('offers generic prompts when the store has nothing to talk about', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    const text = messageText(sent(await composer('meeting_reminder').compose(await dueDelivery('meeting_reminder'))).message);
    expect(text).toContain('Ideas for your quality update');
    expect(text).toContain('Share one quality number from last week');
  });

  it('is skipped when the meeting was removed meanwhile', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    const delivery = await dueDelivery('meeting_reminder');
    await say(core, LEADER, 'meeting remove 1');
    expect(await composer('meeting_reminder').compose(delivery)).toEqual({ skip: 'meeting removed' });
  });
});

describe('the after-meeting check', () => {
  it('creates the occurrence, asks with three buttons and opens a prompt after sending', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    const delivery = await dueDelivery('meeting_check');
    const { personId, message } = sent(await composer('meeting_check').compose(delivery));
    const occurrence = await core.store.meetings.findOccurrence(ORG, 1, '2026-03-02T07:30');
    expect(occurrence).toMatchObject({ personId: LEADER, startsAt: Date.parse('2026-03-02T13:30:00Z'), localDate: '2026-03-02', answer: null });
    expect(personId).toBe(LEADER);
    expect(message.heading).toBe('Did you open Line 3 daily with a quality update?');
    const buttons = message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => [b.label, b.action, JSON.parse(b.value)])).toEqual([
      ['Yes', 'meeting.answer', { o: occurrence!.id, a: 'yes' }],
      ['No', 'meeting.answer', { o: occurrence!.id, a: 'no' }],
      ['Meeting cancelled', 'meeting.answer', { o: occurrence!.id, a: 'cancelled' }],
    ]);
    const opens = await composer('meeting_check').opens!(delivery, 'ref-7', core.clock.now());
    expect(opens).toMatchObject({ orgId: ORG, personId: LEADER, kind: 'meeting_check', subject: `occurrence:${occurrence!.id}`, messageRef: 'ref-7' });
    await core.store.prompts.open(opens!);
    const prompt = await core.store.prompts.find(ORG, LEADER, 'meeting_check', `occurrence:${occurrence!.id}`);
    expect(prompt).toMatchObject({ status: 'open', messageRef: 'ref-7', sentAt: core.clock.now() });
  });

  it('is skipped once the occurrence is answered, and when the meeting was removed', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    await say(core, LEADER, 'meeting add "Ops" weekdays 07:30');
    const deliveries = (await meetingsModule.sources!(core.deps)[0]!.triggers(core.clock.now(), core.clock.now() + DAY / 2))
      .filter((t) => t.kind === 'meeting_check')
      .map((t) => asDelivery(t));
    core.clock.set(deliveries[0]!.dueAt - 5 * 60_000);
    expect(await say(core, LEADER, 'meeting answer 1 yes')).toContain('Recorded Yes for Line 3 daily on Mon 2 Mar 07:30.');
    await say(core, LEADER, 'meeting remove 2');
    core.clock.set(deliveries[0]!.dueAt);
    expect(await composer('meeting_check').compose(deliveries[0]!)).toEqual({ skip: 'already answered: yes' });
    expect(await composer('meeting_check').compose(deliveries[1]!)).toEqual({ skip: 'meeting removed' });
  });
});
