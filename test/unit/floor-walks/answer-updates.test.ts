// One press answers the week's floor-walk prompt (or closes a follow-up): every message about it is
// updated exactly once with the answer, including the message whose button was pressed (which the
// reply replaces, so the core must not also update it). Driven through the terminal chat, where a
// double update printed "#N (updated)" twice.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalChat } from '../../../src/platforms/local/chat';
import type { TestCore } from '../../support/core';
import { LEADER, MEMBER, messageText, say, tickAt, walksCore, type WalksCore } from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

// Friday 27 November 2026 in Chicago (UTC−6): the prompt at 14:00, its reminder at 16:00.
const MONDAY = '2026-11-23T15:00:00Z';
const FRI_1400 = '2026-11-27T20:00:00Z';
const FRI_1600 = '2026-11-27T22:00:00Z';

async function leaderChat() {
  w = await walksCore(MONDAY);
  core = w.core;
  await core.bot.handleCommand(core.as(LEADER), 'floorwalk schedule fri 14:00');
  return chatAs(LEADER);
}

async function chatAs(personId: string) {
  const chat = new LocalChat({
    bot: core.bot,
    store: core.store,
    local: core.local,
    clock: core.clock,
    tick: (now) => w.scheduler.tick(now),
    drain: (now) => w.scheduler.drain(now),
    personId,
  });
  await chat.start();
  return chat;
}

/** Counts platform updates per message while `act` runs. */
async function updatesDuring(act: () => Promise<unknown>): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const stop = core.local.onUpdate((m) => counts.set(m.seq, (counts.get(m.seq) ?? 0) + 1));
  try {
    await act();
  } finally {
    stop();
  }
  return counts;
}

describe('answering the floor-walk prompt with a button', () => {
  it('updates the pressed question once when there is no reminder', async () => {
    const chat = await leaderChat();
    await tickAt(w, FRI_1400);
    const [question] = core.local.inbox(LEADER);
    const counts = await updatesDuring(() => chat.input(`${question!.seq}.4`)); // Not this week
    expect([...counts]).toEqual([[question!.seq, 1]]);
    expect(messageText(question!.message)).toContain('no walk this week — noted');
  });

  it('updates the pressed reminder and the question once each', async () => {
    const chat = await leaderChat();
    await tickAt(w, FRI_1400);
    await tickAt(w, FRI_1600);
    const [question, reminder] = core.local.inbox(LEADER);
    expect(messageText(reminder!.message)).toContain('Reminder:');
    const counts = await updatesDuring(() => chat.input(`${reminder!.seq}.4`));
    expect(Object.fromEntries(counts)).toEqual({ [question!.seq]: 1, [reminder!.seq]: 1 });
    for (const m of [question!, reminder!]) expect(messageText(m.message)).toContain('no walk this week — noted');
  });

  it('still updates every message when the platform does not say which was pressed', async () => {
    await leaderChat();
    await tickAt(w, FRI_1400);
    await tickAt(w, FRI_1600);
    const [question, reminder] = core.local.inbox(LEADER);
    const counts = await updatesDuring(() => core.bot.handleAction(core.as(LEADER), 'floorwalk.none', '2026-W48'));
    expect(Object.fromEntries(counts)).toEqual({ [question!.seq]: 1, [reminder!.seq]: 1 });
  });
});

describe('closing a follow-up with Done', () => {
  it('updates the pressed nudge and the assignment message once each', async () => {
    w = await walksCore(MONDAY);
    core = w.core;
    await say(core, LEADER, 'followup add @max 2026-11-24 Replace the guard on press 4');
    await w.scheduler.tick(core.clock.now()); // the assignment DM
    await tickAt(w, '2026-11-24T15:01:00Z'); // Tuesday 09:01: the due-date nudge
    const [assigned, nudge] = core.local.inbox(MEMBER);
    const chat = await chatAs(MEMBER);
    const counts = await updatesDuring(() => chat.input(`${nudge!.seq}.1`)); // Done
    expect(Object.fromEntries(counts)).toEqual({ [assigned!.seq]: 1, [nudge!.seq]: 1 });
    for (const m of [assigned!, nudge!]) expect(messageText(m.message)).toContain('Follow-up #1 — Replace the guard on press 4 — closed on');
  });
});
