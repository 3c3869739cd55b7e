// The prompt lifecycle stores, when a question goes out, the instants it looks at it next (its
// planned reminder and its period's end) so that a pass reads only what falls due. What changes
// after that — an absence recorded later, a prompt row from before those instants were stored —
// must still be reminded and closed at the right time.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { runSql } from '../../support/sql';
import { LEADER, messageText, ORG, source, tickAt, walksCore, type WalksCore } from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

// Week 2026-W48 runs Monday 23 – Sunday 29 November 2026 (Chicago, UTC−6).
const WED_1400 = '2026-11-25T20:00:00Z';
const THU_1400 = '2026-11-26T20:00:00Z';
const FRI_0900 = '2026-11-27T15:00:00Z';
const WEEK_END = '2026-11-30T06:00:00Z';

async function setUp() {
  w = await walksCore('2026-11-23T15:00:00Z');
  core = w.core;
  await core.bot.handleCommand(core.as(LEADER), 'floorwalk schedule wed 14:00');
  await w.scheduler.tick(core.clock.now());
}

const weekPrompt = () => core.store.prompts.find(ORG, LEADER, 'floorwalk', 'week:2026-W48');
const inbox = () => core.local.inbox(LEADER);

describe('the instants stored with a floor-walk prompt', () => {
  it('are its reminder (24 h later) and the week end, set when the question goes out', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    expect(await weekPrompt()).toMatchObject({ remindAt: Date.parse(THU_1400), closesAt: Date.parse(WEEK_END) });
  });

  it('move the reminder to the next work morning when an absence is recorded after the question went out', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    await core.store.away.add(ORG, { personId: LEADER, fromDate: '2026-11-26', toDate: '2026-11-26', reason: 'training' }, null);
    await tickAt(w, THU_1400);
    expect(inbox()).toHaveLength(1);
    await tickAt(w, '2026-11-27T14:59:00Z');
    expect(inbox()).toHaveLength(1);
    await tickAt(w, FRI_0900);
    expect(inbox()).toHaveLength(2);
    expect(messageText(inbox()[1]!.message)).toContain('Reminder: Did you walk the floor this week?');
    expect(await core.store.deliveries.getByKey('floorwalk_reminder:local:lee:2026-W48:0')).toMatchObject({ status: 'sent', dueAt: Date.parse(FRI_0900) });
  });

  it('send a reminder the calendar moved earlier at its planned instant rather than never', async () => {
    await setUp();
    // Away Tuesday and Wednesday when the question goes out: the reminder is planned for Thursday 09:00…
    await core.bot.handleCommand(core.as(LEADER), 'floorwalk schedule mon 14:00');
    await core.store.away.add(ORG, { personId: LEADER, fromDate: '2026-11-24', toDate: '2026-11-24', reason: null }, null);
    const wednesday = await core.store.away.add(ORG, { personId: LEADER, fromDate: '2026-11-25', toDate: '2026-11-25', reason: null }, null);
    await tickAt(w, '2026-11-23T20:00:00Z'); // Monday 14:00
    expect(await weekPrompt()).toMatchObject({ remindAt: Date.parse('2026-11-26T15:00:00Z') }); // Thursday 09:00
    await tickAt(w, '2026-11-24T21:00:00Z'); // Tuesday 15:00: the passes went by 24 h after the question
    // …then Wednesday's absence is withdrawn: now Wednesday 09:00 would be the reminder, and no pass looks then.
    await core.store.away.remove(ORG, wednesday.id, null);
    await tickAt(w, '2026-11-25T14:59:00Z');
    await tickAt(w, '2026-11-25T15:00:00Z');
    expect(inbox()).toHaveLength(1);
    await tickAt(w, '2026-11-26T15:00:00Z');
    expect(inbox()).toHaveLength(2);
    expect(await core.store.deliveries.getByKey('floorwalk_reminder:local:lee:2026-W48:0')).toMatchObject({
      status: 'sent',
      dueAt: Date.parse('2026-11-26T15:00:00Z'),
    });
  });

  it('are worked out on the fly for a prompt stored before they existed, which is reminded and closed as before', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    await runSql(core, 'UPDATE prompts SET remind_at = NULL, closes_at = NULL'); // as rows from before migration 0010
    await tickAt(w, THU_1400);
    expect(inbox()).toHaveLength(2);
    await tickAt(w, WEEK_END);
    expect(await weekPrompt()).toMatchObject({ status: 'missed' });
    expect(await core.store.deliveries.getByKey('floorwalk_week_end:local:lee:2026-W48')).toMatchObject({ status: 'done', lastError: 'week closed' });
  });

  it('let the week-end source find nothing outside the window of the stored end', async () => {
    await setUp();
    await tickAt(w, WED_1400);
    const weekEnd = source(core, 'floorwalk_week_end');
    expect(await weekEnd.triggers(Date.parse(WED_1400), Date.parse(WEEK_END) - 1)).toEqual([]);
    expect(await weekEnd.triggers(Date.parse(WEEK_END) - 60_000, Date.parse(WEEK_END))).toEqual([
      expect.objectContaining({ key: 'floorwalk_week_end:local:lee:2026-W48', dueAt: Date.parse(WEEK_END) }),
    ]);
  });
});
