// Issue 10 item 11: once a prompt or a follow-up is answered — from any of its messages, or by a
// typed command — every message about it is updated, so none keeps live buttons.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { button, buttonsOf, LEADER, MEMBER, messageText, ORG, press, say, tickAt, walksCore, type WalksCore } from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

const MONDAY = '2026-11-23T15:00:00Z'; // 09:00 Chicago, week 2026-W48
const FRI_1400 = '2026-11-27T20:00:00Z';
const FRI_1600 = '2026-11-27T22:00:00Z';

async function promptAndReminder() {
  w = await walksCore(MONDAY);
  core = w.core;
  await say(core, LEADER, 'floorwalk schedule fri 14:00');
  await w.scheduler.tick(core.clock.now());
  await tickAt(w, FRI_1400);
  await tickAt(w, FRI_1600);
  const [prompt, reminder] = core.local.inbox(LEADER);
  expect(messageText(reminder!.message)).toContain('Reminder: Did you walk the floor this week?');
  return { prompt: prompt!, reminder: reminder! };
}

describe('every message about a prompt is updated when it is answered', () => {
  it('“Not this week” on the reminder retires the original prompt too', async () => {
    const { prompt, reminder } = await promptAndReminder();
    await press(core, LEADER, button(reminder.message, 'Not this week'));
    for (const m of [prompt, reminder]) {
      expect(buttonsOf(core.local.find(m.seq)!.message), `#${m.seq}`).toEqual([]);
      expect(messageText(core.local.find(m.seq)!.message)).toContain('no walk this week — noted');
    }
  });

  it('a walk logged from the reminder’s form retires the original prompt and the reminder', async () => {
    const { prompt, reminder } = await promptAndReminder();
    const opened = await press(core, LEADER, button(reminder.message, 'Log it'));
    const form = opened.openForm!;
    await core.bot.handleFormSubmit(core.as(LEADER), form.id, { area: 'Paint shop', date: '2026-11-27' }, form.state ?? '');
    for (const m of [prompt, reminder]) {
      expect(buttonsOf(core.local.find(m.seq)!.message), `#${m.seq}`).toEqual([]);
      expect(messageText(core.local.find(m.seq)!.message)).toContain('floor walk logged — Paint shop');
    }
  });

  it('a follow-up closed by typing “followup done” retires its assignment DM and every nudge', async () => {
    w = await walksCore(MONDAY);
    core = w.core;
    await say(core, LEADER, 'followup add @max 2026-11-24 Replace the guard on press 4');
    await w.scheduler.tick(core.clock.now()); // the assignment DM
    await tickAt(w, '2026-11-24T15:01:00Z'); // Tuesday 09:01: due today
    await tickAt(w, '2026-11-25T15:01:00Z'); // Wednesday 09:01: overdue by a day
    const sent = core.local.inbox(MEMBER);
    expect(sent).toHaveLength(3);
    expect(sent.every((m) => buttonsOf(m.message).some((b) => b.label === 'Done'))).toBe(true);
    expect(await say(core, MEMBER, 'followup done 1')).toContain('closed on 2026-11-25');
    for (const m of sent) {
      expect(buttonsOf(core.local.find(m.seq)!.message), `#${m.seq}`).toEqual([]);
      expect(messageText(core.local.find(m.seq)!.message)).toContain('Follow-up #1 — Replace the guard on press 4 — closed on 2026-11-25');
    }
  });

  it('a new due date from one nudge shows on every message about the follow-up', async () => {
    w = await walksCore(MONDAY);
    core = w.core;
    await say(core, LEADER, 'followup add @max 2026-11-24 Replace the guard on press 4');
    await w.scheduler.tick(core.clock.now());
    await tickAt(w, '2026-11-24T15:01:00Z');
    const sent = core.local.inbox(MEMBER);
    expect(sent).toHaveLength(2);
    const opened = await press(core, MEMBER, button(sent[1]!.message, 'New due date'));
    await core.bot.handleFormSubmit(core.as(MEMBER), opened.openForm!.id, { due: '2026-11-30' }, opened.openForm!.state ?? '');
    expect((await core.store.followUps.get(ORG, 1))?.dueDate).toBe('2026-11-30');
    for (const m of sent) {
      const now = core.local.find(m.seq)!.message;
      expect(messageText(now)).toContain('is now due on 2026-11-30 (was 2026-11-24)');
      // Still open: Done and New due date stay, for the new date.
      expect(buttonsOf(now).map((b) => b.label)).toEqual(['Done', 'New due date']);
    }
  });
});
