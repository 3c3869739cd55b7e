// "prompt answers <id> [period]" for quality managers: each person's answer, when, note and who
// recorded it; who is open, missed, excused (not applicable) or was never asked because they were
// away for the whole period (and owes nothing on the scorecard); 20 people to a page. Retiring
// the prompt keeps all of it.
import { afterEach, describe, expect, it } from 'vitest';
import { buildScorecard } from '../../../src/core/scorecard/build';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { LEADER, MEMBER, ORG, OTHER_LEADER, QM } from '../../support/cast';
import type { TestCore } from '../../support/core';
import { button, buttonsOf, messageText, press, say } from '../../support/messages';
import { promptsPlant, type PromptsPlant } from './support';

let core: TestCore;
let tickAt: PromptsPlant['tickAt'];
afterEach(() => core?.cleanup());

async function setUp(extraLeaders: number) {
  ({ core, tickAt } = await promptsPlant('2026-12-01T12:00:00Z', extraLeaders));
}

const question = (personId: string) => core.local.inbox(personId).find((m) => m.message.summary.includes('complaints'))?.message;

describe('reading a custom prompt’s answers back', () => {
  it('shows each person’s answer, note and recorder, who is open or missed, and who was away and owes nothing', async () => {
    await setUp(1);
    await say(core, QM, 'prompt add "Did you review customer complaints?" monthly day 3 09:00 for leaders answers yes,no,"not applicable" clause 5.1.2');
    // Zed 01 is away from before the slot to the end of December: never asked, nothing owed.
    expect(await say(core, QM, 'away @z01 2026-12-02 2026-12-31 reason "parental leave"')).toContain('away from 2026-12-02 to 2026-12-31');
    await tickAt('2026-12-03T15:00:00Z');
    expect(question('local:z01')).toBeUndefined();
    await press(core, LEADER, button(question(LEADER), 'No'));
    await press(core, OTHER_LEADER, button(question(OTHER_LEADER), 'Not applicable'));
    await tickAt('2026-12-04T16:30:00Z');
    await say(core, QM, 'prompt answer 1 @lee yes "4411 reviewed at the gemba" reason "reviewed with me on the 4th"');

    expect(await say(core, LEADER, 'prompt answers 1')).toMatch(/quality manager|admin/i);
    const open = await say(core, QM, 'prompt answers 1');
    expect(open).toContain('Did you review customer complaints? — December 2026. 3 people: 1 answered, 1 not applicable, 0 open, 0 missed, 1 not asked.');
    expect(open).toContain('- Zed 01 — not asked yet'); // December is not over
    await tickAt('2027-01-01T06:00:00Z');
    const shown = await say(core, QM, 'prompt answers 1 2026-12');
    const id = (await core.store.prompts.find(ORG, LEADER, 'custom', 'custom:1:2026-12'))!.id;
    const louId = (await core.store.prompts.find(ORG, OTHER_LEADER, 'custom', 'custom:1:2026-12'))!.id;
    expect(shown.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      `- Lee — yes · Fri 4 Dec 10:30 · “4411 reviewed at the gemba” · recorded by @local:quinn for @local:lee — why: reviewed with me on the 4th · #${id}`,
      `- Lou — not applicable · Thu 3 Dec 09:00 · #${louId}`,
      '- Zed 01 — not asked — away or shut down on every day it could be asked (excused)',
    ]);
    expect(await say(core, QM, 'prompt answers 1 2026-W49')).toContain('Period: “2026-W49” is not a month');
    expect(await say(core, QM, 'prompt answers 9')).toContain('There is no prompt 9');

    // The scorecard agrees: Lee 1/1, Lou excused (no line), Zed 01 away (no line).
    const card = await buildScorecard(core.deps, { orgId: ORG, target: { kind: 'all' }, period: parsePeriod('2026-12', '2027-01-02') });
    const line = (id: string) => card.leaders.find((l) => l.id === id)?.custom.find((c) => c.promptId === 1);
    expect(line(LEADER)).toMatchObject({ done: 1, due: 1 });
    expect(line(OTHER_LEADER)).toBeUndefined();
    expect(line('local:z01')).toBeUndefined();

    // Retiring the prompt stops the questions, never the record: answers, read-back and history stay.
    expect(await say(core, QM, 'prompt retire 1')).toContain('its answers stay on record');
    expect(await core.store.customPrompts.answers(ORG, 1)).toHaveLength(2);
    expect(await say(core, QM, 'prompt answers 1 2026-12')).toContain('3 people: 1 answered, 1 not applicable, 0 open, 0 missed, 1 not asked.');
    expect(await say(core, QM, `history prompt answer ${id}`)).toContain('answer corrected by @local:quinn for @local:lee — answer: “no” → “yes”');
    expect(await core.store.verify(ORG)).toMatchObject({ ok: true });
  });

  it('pages a long audience 20 at a time; Next replaces the page', async () => {
    await setUp(23); // Lee, Lou and 23 more leaders
    await say(core, QM, 'prompt add "Did you review customer complaints?" weekly thu 09:00');
    await tickAt('2026-12-03T15:00:00Z');
    await tickAt('2026-12-07T06:00:00Z'); // week 49 over: everyone missed
    const first = await core.bot.handleCommand(core.as(QM), 'prompt answers 1');
    const text = messageText(first.message);
    expect(text).toContain('25 people: 0 answered, 0 not applicable, 0 open, 25 missed, 0 not asked.');
    expect(text).toContain('Showing 1–20 of 25 people (page 1 of 2). Next page: /clause5 prompt answers 1 2026-W49 page 2');
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(20);
    const next = await press(core, QM, button(first.message, 'Next'));
    const second = messageText(next.replaceOriginal);
    expect(second.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(5);
    expect(second).toContain('- Zed 23 — missed (asked Thu 3 Dec 09:00)');
    expect(buttonsOf(next.replaceOriginal).map((b) => b.label)).toEqual(['Previous']);
    expect(await say(core, QM, 'prompt answers 1 page 3')).toContain('There are only 2 pages of people (25 in all)');
    expect(await say(core, MEMBER, 'prompt answers 1')).toMatch(/quality manager|admin/i);
  });
});
