// Issue 10 item 16 (follow-ups) and item 15 (US dates in follow-ups): no DM to yourself about a
// follow-up you raised for yourself; a due date typed MM/DD/YYYY is read month first.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { LEADER, MEMBER, messageText, ORG, QM, say, tickAt, walksCore } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

const START = '2026-11-24T15:00:00Z'; // Tuesday 09:00 Chicago

describe('follow-up small texts', () => {
  it('a follow-up raised for yourself sends you no “you own a follow-up” DM; one for someone else does', async () => {
    ({ core } = await walksCore(START));
    expect(await say(core, LEADER, 'followup add @lee 2026-11-30 Order new gloves')).toContain('Follow-up #1 added');
    expect(await core.store.deliveries.getByKey('followup_assigned:1')).toBeUndefined();
    await say(core, LEADER, 'followup add @max 2026-11-30 Replace the guard');
    expect(await core.store.deliveries.getByKey('followup_assigned:2')).toMatchObject({ personId: MEMBER });
  });

  it('reads a US due date month first and names what was typed when it is not a date', async () => {
    ({ core } = await walksCore(START));
    await say(core, LEADER, 'followup add @max 12/09/2026 Replace the guard');
    expect((await core.store.followUps.get(ORG, 1))?.dueDate).toBe('2026-12-09');
    expect(await say(core, LEADER, 'followup add @max 30/11/2026 Fix it')).toContain('“30/11/2026” is not a date');
  });

  it('tells the raiser when someone else closes the follow-up or moves its due date; not when they do it themselves', async () => {
    const w = await walksCore(START);
    core = w.core;
    await say(core, LEADER, 'followup add @max 2026-11-30 Replace the guard');
    await say(core, LEADER, 'followup add @max 2026-11-30 Order gloves');
    expect(await say(core, MEMBER, 'followup due 1 2026-12-02')).toContain('is now due on 2026-12-02 (was 2026-11-30)');
    await say(core, MEMBER, 'followup done 2');
    await say(core, LEADER, 'followup due 1 2026-12-03'); // the raiser's own change: no message to themselves
    await tickAt(w, core.clock.now() + 60_000);
    const told = core.local.inbox(LEADER).map((m) => messageText(m.message));
    // The pass sends the two messages concurrently: they arrive in either order.
    expect(told).toHaveLength(2);
    expect(told).toEqual(
      expect.arrayContaining([
        expect.stringContaining('moved the due date of follow-up #1 you raised — Replace the guard — from 2026-11-30 to 2026-12-03'),
        expect.stringContaining('closed follow-up #2 you raised — Order gloves — on 2026-11-24'),
      ]),
    );
  });

  it('moving a due date that has passed needs a reason, which is kept with the follow-up and in its history', async () => {
    const w = await walksCore(START);
    core = w.core;
    await say(core, LEADER, 'followup add @max 2026-11-25 Replace the guard');
    core.clock.set(Date.parse('2026-11-27T15:00:00Z')); // Friday: two days overdue
    expect(await say(core, QM, 'followup due 1 2026-12-04')).toContain('was due on 2026-11-25, which has passed: moving it needs a reason');
    expect((await core.store.followUps.get(ORG, 1))?.dueDate).toBe('2026-11-25');
    expect(await say(core, QM, 'followup due 1 2026-12-04 "waiting for the spare part"')).toContain('Reason kept: waiting for the spare part');
    expect(await core.store.followUps.get(ORG, 1)).toMatchObject({ dueDate: '2026-12-04', lateMoveReason: 'waiting for the spare part' });
    const history = await core.store.audit.history(ORG, 'follow_up', '1');
    expect(history.at(-1)).toMatchObject({
      actorId: QM,
      before: { dueDate: '2026-11-25' },
      after: { dueDate: '2026-12-04', lateMoveReason: 'waiting for the spare part' },
    });
    // A later move before the new date passes needs no reason, and the reason stays.
    expect(await say(core, QM, 'followup due 1 2026-12-05')).toContain('is now due on 2026-12-05');
    expect((await core.store.followUps.get(ORG, 1))?.lateMoveReason).toBe('waiting for the spare part');
    await tickAt(w, core.clock.now() + 60_000);
    expect(
      core.local
        .inbox(LEADER)
        .map((m) => messageText(m.message))
        .join('\n'),
    ).toContain('Reason: waiting for the spare part');
  });
});
