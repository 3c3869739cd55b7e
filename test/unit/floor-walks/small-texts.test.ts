// Issue 10 item 16 (follow-ups) and item 15 (US dates in follow-ups): no DM to yourself about a
// follow-up you raised for yourself; a due date typed MM/DD/YYYY is read month first.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { LEADER, MEMBER, ORG, say, walksCore } from './support';

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
});
