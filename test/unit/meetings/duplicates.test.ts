// Issue 10, item 12: the same 'meeting add' twice is refused; a leader above the weekly prompt
// budget is warned. Item 16: "Reminder: 0 min before" reads "at the start time".
import { afterEach, describe, expect, it } from 'vitest';
import { PROMPT_BUDGET } from '../../../src/core/meetings/budget';
import type { TestCore } from '../../support/core';
import { LEADER, meetingsCore, ORG, say } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

const START = '2026-03-02T12:00:00Z'; // Monday 06:00 Chicago

describe('meeting add duplicates and volume', () => {
  it('refuses an identical meeting (same leader, title, rule, time)', async () => {
    core = await meetingsCore(START);
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    const again = await say(core, LEADER, 'meeting add "line 3 DAILY" weekdays 07:30');
    expect(again).toContain('already registered as meeting 1');
    expect(await core.store.meetings.list(ORG, LEADER)).toHaveLength(1);
    const other = await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 08:30');
    expect(other).toContain('Added');
    expect(await core.store.meetings.list(ORG, LEADER)).toHaveLength(2);
  });

  it(`warns once the leader's week passes ${PROMPT_BUDGET} prompts`, async () => {
    core = await meetingsCore('2026-03-16T11:00:00Z'); // Monday 06:00 Chicago, a week without a clock change
    const first = await say(core, LEADER, 'meeting add "Daily A" daily 07:00'); // 7×2 + 1 walk = 15
    expect(first).not.toContain('prompts a week');
    const second = await say(core, LEADER, 'meeting add "Daily B" daily 09:00'); // 29
    expect(second).toContain('about 29 prompts a week');
    expect(second).toContain(`above the ${PROMPT_BUDGET}`);
  });

  it('a reminder lead of 0 minutes reads “at the start time”', async () => {
    core = await meetingsCore(START);
    const text = await say(core, LEADER, 'meeting add "Huddle" weekdays 07:30 lead 0m');
    expect(text).toContain('at the start time');
    expect(text).not.toContain('0 min before');
  });
});
