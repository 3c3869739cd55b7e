// Custom prompt answers as a record (issue 11): the leader changes their answer until 7 days after
// the period; a quality manager records or corrects it for a leader, with a reason, even for a
// missed period; `history prompt answer <n>` shows every version; the scorecard counts the current
// one; every version is a chained audit entry that `clause5 verify` replays.
import { afterEach, describe, expect, it } from 'vitest';
import { buildScorecard } from '../../../src/core/scorecard/build';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { LEADER, MEMBER, ORG, OTHER_LEADER, QM } from '../../support/cast';
import type { TestCore } from '../../support/core';
import { runSql } from '../../support/sql';
import { button, messageText, press, say } from '../../support/messages';
import { promptsPlant, type PromptsPlant } from './support';

let core: TestCore;
let tickAt: PromptsPlant['tickAt'];
afterEach(() => core?.cleanup());

async function setUp() {
  ({ core, tickAt } = await promptsPlant('2026-12-01T12:00:00Z'));
  await say(
    core,
    QM,
    'prompt add "Did you review customer complaints?" monthly day 3 09:00 for @lee @lou answers yes,no,"not applicable" clause 5.1.2 weight 10',
  );
  await tickAt('2026-12-03T15:00:00Z'); // asked: December 2026
}

const question = (personId: string) => core.local.inbox(personId).find((m) => m.message.summary.includes('complaints'))!.message;
const leeQuestionId = async () => (await core.store.prompts.find(ORG, LEADER, 'custom', 'custom:1:2026-12'))!.id;

async function customLine(personId: string) {
  const card = await buildScorecard(core.deps, { orgId: ORG, target: { kind: 'leader', personId }, period: parsePeriod('2026-12', '2027-01-05') });
  return card.leaders[0]!.custom.find((c) => c.promptId === 1);
}

describe('correcting a custom prompt answer', () => {
  it('lets the leader change their answer within the period and 7 days after it, keeping every version in history', async () => {
    await setUp();
    await press(core, LEADER, button(question(LEADER), 'No'));
    const id = await leeQuestionId();
    await tickAt('2026-12-20T15:00:00Z');
    const changed = await say(core, LEADER, 'prompt answer 1 yes "reviewed on the 18th after all"');
    expect(changed).toContain('Recorded yes — Did you review customer complaints? — December 2026 (was no;');
    expect(changed).toContain(`history prompt answer ${id}`);
    expect(messageText(question(LEADER))).toContain('December 2026: yes'); // the DM shows the current answer
    expect(await say(core, LEADER, 'prompt answer 1 yes 2026-12 "reviewed on the 18th after all"')).toContain('already recorded as yes — nothing changed');
    await tickAt('2027-01-05T15:00:00Z'); // 7 January is the last day the answer may change
    expect(await say(core, LEADER, 'prompt answer 1 no 2026-12 reason "misread the question"')).toContain('Recorded no');
    await tickAt('2027-01-08T06:00:00Z'); // midnight in Chicago: the window has closed
    expect(await say(core, LEADER, 'prompt answer 1 yes 2026-12')).toContain(
      'December 2026 ended more than 7 days ago (answers could be recorded or changed until 2027-01-07) — nothing changed.',
    );

    const history = await say(core, LEADER, `history prompt answer ${id}`);
    const lines = history.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^- v1 · Thu 3 Dec \d\d:\d\d · answered by @local:lee — “no”$/);
    expect(lines[1]).toBe('- v2 · Sun 20 Dec 09:00 · answer corrected by @local:lee — answer: “no” → “yes”; note: — → “reviewed on the 18th after all”');
    expect(lines[2]).toBe('- v3 · Tue 5 Jan 09:00 · answer corrected by @local:lee — answer: “yes” → “no” — why: misread the question (current)');
    expect(await customLine(LEADER)).toMatchObject({ done: 0, due: 1 }); // the current answer counts
    expect(await core.store.verify(ORG)).toMatchObject({ ok: true });
  });

  it('lets a quality manager record a missed period for a leader, with a reason, and says so everywhere', async () => {
    await setUp();
    await tickAt('2027-01-01T06:00:00Z'); // December is over: both missed
    expect(await customLine(LEADER)).toMatchObject({ done: 0, due: 1 });
    expect(await say(core, LEADER, 'prompt answer 1 yes')).toContain(
      'December 2026 is over and was marked as missed — a quality manager or an admin can record the answer for you, with a reason, until 2027-01-07.',
    );
    expect(await say(core, MEMBER, 'prompt answer 1 @lee yes')).toContain('Only a quality manager or an admin can record an answer for someone else');
    expect(await say(core, QM, 'prompt answer 1 @lee yes')).toContain('Reason: say why you record this for Lee');
    expect(await say(core, QM, 'prompt answer 1 @lee yes 2026-W52 reason "x"')).toContain('Period: “2026-W52” is not a month');
    expect(await say(core, QM, 'prompt answer 1 @lee yes reason "   "')).toContain('Say why');
    const recorded = await say(
      core,
      QM,
      'prompt answer 1 @lee yes 2026-12 "complaints 4411 and 4415 closed" reason "reviewed with me on 30 Dec; Slack was down"',
    );
    expect(recorded).toContain('Recorded yes for @local:lee — Did you review customer complaints? — December 2026.');
    expect(await customLine(LEADER)).toMatchObject({ done: 1, due: 1 });
    expect(await customLine(OTHER_LEADER)).toMatchObject({ done: 0, due: 1 }); // Lou's stays missed
    expect(messageText(question(LEADER))).toContain('December 2026: yes — recorded for you by @local:quinn: reviewed with me on 30 Dec; Slack was down.');

    const id = await leeQuestionId();
    expect(await core.store.customPrompts.answerTo(ORG, id)).toMatchObject({
      personId: LEADER,
      answeredBy: QM,
      reason: 'reviewed with me on 30 Dec; Slack was down',
      note: 'complaints 4411 and 4415 closed',
    });
    const history = await say(core, LEADER, `history prompt answer ${id}`);
    expect(history).toContain(
      'v1 · Fri 1 Jan 00:00 · answered by @local:quinn for @local:lee — “yes” · “complaints 4411 and 4415 closed” — why: reviewed with me on 30 Dec; Slack was down (current)',
    );
    expect(await say(core, OTHER_LEADER, `history prompt answer ${id}`)).toContain('is for the people it is about, quality managers and admins');
    const entries = await core.store.audit.history(ORG, 'custom_answer', String(id));
    expect(entries).toEqual([expect.objectContaining({ actorId: QM, action: 'create' })]);

    // verify replays the record: an answer changed behind Clause5's back is caught.
    expect(await core.store.verify(ORG)).toMatchObject({ ok: true });
    await runSql(core, "UPDATE custom_answers SET reason = 'no reason' WHERE prompt_id = ?", [id]);
    expect((await core.store.verify(ORG)).problem).toMatchObject({ where: `custom_answer ${id}` });
  });

  it('lets a manager correct a leader’s answer and a leader answer a checklist by typing', async () => {
    await setUp();
    await press(core, LEADER, button(question(LEADER), 'Yes'));
    const id = await leeQuestionId();
    const corrected = await say(core, QM, 'prompt answer 1 @lee "not applicable" reason "no complaints came in this month"');
    expect(corrected).toContain('Recorded not applicable for @local:lee');
    expect(corrected).toContain('(was yes;');
    expect(await customLine(LEADER)).toBeUndefined(); // not applicable: nothing due
    expect(await say(core, QM, `history prompt answer ${id}`)).toContain('answer corrected by @local:quinn for @local:lee — answer: “yes” → “not applicable”');

    await say(core, QM, 'prompt add "Quarterly risk review" quarterly day 1 09:00 for @lee checklist "Risks reviewed","Actions have owners" clause 6.1');
    await tickAt('2027-01-01T15:00:00Z');
    expect(await say(core, LEADER, 'prompt answer 2 yes')).toContain(
      'Answer: prompt 2 is a checklist of 2 items — give yes, no or n/a for each, separated by commas, e.g. yes,yes.',
    );
    expect(await say(core, LEADER, 'prompt answer 2 yes,no "owners next week"')).toContain('1 of 2 yes');
    expect(await say(core, LEADER, 'prompt answer 2 yes,yes')).toContain('Recorded 2 of 2 yes');
    const [checklist] = await core.store.customPrompts.answers(ORG, 2);
    expect(checklist).toMatchObject({ items: ['yes', 'yes'], outcome: 'done', note: 'owners next week' });
    expect(await say(core, LEADER, `history prompt answer ${checklist!.promptId}`)).toContain(
      'answer corrected by @local:lee — answer: “1 of 2 yes” → “2 of 2 yes”; checklist: “yes, no” → “yes, yes”',
    );
    expect(await core.store.verify(ORG)).toMatchObject({ ok: true });
  });
});
