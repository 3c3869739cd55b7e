// Custom prompts in the evidence pack: an answer that counts as done is evidence under each clause
// its prompt is tagged with (5.1.2, 6.1, 9.3 …), as a dated line naming the leader, the question,
// the period, the note, and who recorded it for them and why; a "no" is not evidence; a corrected
// answer counts as it stands now, and the correction is listed with who, when and why.
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../../src/core/evidence/pack';
import { renderPackCsvFiles } from '../../../src/core/evidence/render-csv';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { LEADER, ORG, OTHER_LEADER, QM } from '../../support/cast';
import type { TestCore } from '../../support/core';
import { button, press, say } from '../../support/messages';
import { promptsPlant, ZONE } from '../prompts/support';

let core: TestCore;
afterEach(() => core?.cleanup());

const asked = (personId: string, text: string) => core.local.inbox(personId).find((m) => m.message.summary.includes(text))!.message;

describe('custom prompts in the evidence pack', () => {
  it('lists done answers under the prompt’s clauses, dated and attributed, and their corrections', async () => {
    const plant = await promptsPlant('2026-12-01T12:00:00Z');
    core = plant.core;
    const { tickAt } = plant;
    await say(core, QM, 'prompt add "Did you review customer complaints with your team?" monthly day 3 09:00 for @lee @lou clause 5.1.2');
    await say(core, QM, 'prompt add "Risks and opportunities reviewed for the management review?" monthly day 7 09:00 for @lee clause 6.1,9.3');
    await say(core, QM, 'prompt add "Roles posted on the team board?" monthly day 8 09:00 for @lou');
    await tickAt('2026-12-03T15:00:00Z');
    await press(core, LEADER, button(asked(LEADER, 'complaints'), 'Yes'));
    await press(core, OTHER_LEADER, button(asked(OTHER_LEADER, 'complaints'), 'No')); // not evidence
    await tickAt('2026-12-07T15:00:00Z');
    await say(core, LEADER, 'prompt answer 2 yes "top risk: resin supplier"');
    await tickAt('2026-12-08T15:00:00Z');
    await press(core, OTHER_LEADER, button(asked(OTHER_LEADER, 'Roles'), 'Yes'));
    await tickAt('2026-12-09T15:00:00Z');
    // Lou's "no" is corrected by Quinn: now evidence, recorded by Quinn for Lou with the reason.
    await say(core, QM, 'prompt answer 1 @lou yes "complaint 4415 reviewed" reason "reviewed in my office on the 4th"');

    const pack = await buildEvidencePack(core.deps, { orgId: ORG, period: parsePeriod('2026-12', '2027-01-02'), generatedBy: 'Quinn', zone: ZONE });
    const byClause = Object.fromEntries(pack.clauses.map((c) => [c.clause, c.counts]));
    expect(byClause).toEqual({
      '5.1.1': { 'custom-prompt': 1 },
      '5.1.2': { 'custom-prompt': 2 },
      '6.1': { 'custom-prompt': 1 },
      '9.3': { 'custom-prompt': 1 },
    });
    const examples = (clause: string) => pack.clauses.find((c) => c.clause === clause)!.examples;
    expect(examples('5.1.2')).toEqual([
      '2026-12-03 Lee answered “Did you review customer complaints with your team?” for December 2026: yes',
      '2026-12-03 Lou answered “Did you review customer complaints with your team?” for December 2026: yes — complaint 4415 reviewed (recorded by Quinn for Lou: reviewed in my office on the 4th)',
    ]);
    expect(examples('9.3')).toEqual([
      '2026-12-07 Lee answered “Risks and opportunities reviewed for the management review?” for December 2026: yes — top risk: resin supplier',
    ]);
    expect(examples('6.1')).toEqual(examples('9.3'));
    expect(examples('5.1.1')).toEqual(['2026-12-08 Lou answered “Roles posted on the team board?” for December 2026: yes']); // untagged: leadership

    const corrections = renderPackCsvFiles(pack)['corrections.csv']!.split('\r\n').slice(1, -1);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatch(
      /^"2026-12-09 15:00","Quinn","custom_answer \d+","answer corrected","reviewed in my office on the 4th","answer: “no” → “yes”; note: — → “complaint 4415 reviewed”",/,
    );
    expect(renderPackCsvFiles(pack)['clauses.csv']!.split('\r\n')[0]).toBe(
      '"Clause","Title","Meeting updates","Floor walks","Follow-ups","Wins","Leadership prompts"',
    );

    // A corrected-away "yes" is no longer evidence.
    await say(core, LEADER, 'prompt answer 2 no reason "the review was postponed"');
    const after = await buildEvidencePack(core.deps, { orgId: ORG, period: parsePeriod('2026-12', '2027-01-02'), generatedBy: 'Quinn', zone: ZONE });
    expect(after.clauses.map((c) => c.clause)).toEqual(['5.1.1', '5.1.2']);
  });
});
