// What a delivered custom question asks of the store: its compose reads the person, and the prompt's
// opening after the send (its period's end in the person's zone) and the sender's unreachable mark
// use that person instead of reading them again; the site is read by id, not the organisation's list.
import { afterEach, describe, expect, it } from 'vitest';
import { customPromptsModule } from '../../../src/core/prompts/module';
import { LEADER, ORG, OTHER_LEADER, QM } from '../../support/cast';
import { say } from '../../support/messages';
import { countedDrain } from '../../support/store-calls';
import { promptsPlant, type PromptsPlant } from './support';

let plant: PromptsPlant;
afterEach(() => plant?.core.cleanup());

describe('a delivered custom question', () => {
  it('reads its definition, person and site once each: one store call a round trip', async () => {
    plant = await promptsPlant('2026-12-01T12:00:00Z');
    const { core } = plant;
    await say(core, QM, 'prompt add "Did you review the complaints?" monthly day 3 09:00 for leaders site "Riverside Plant" answers yes,no');
    core.clock.set(Date.parse('2026-12-03T15:00:00Z'));
    await plant.scheduler.runPass(core.clock.now());
    const { result, calls, claims, roundTrips } = await countedDrain(core, customPromptsModule, 1);
    expect(result).toMatchObject({ claimed: 2, sent: 2 });
    // Two leaders of the site: two questions.
    expect(calls).toEqual({
      'customPrompts.get': 2,
      'people.get': 2,
      'sites.get': 2,
      'deliveries.markSent': 2,
    });
    if (roundTrips !== undefined) expect(roundTrips).toBe(claims + 8);
    const open = await core.store.prompts.listOpen(ORG, 'custom');
    expect(open.map((p) => p.personId).sort()).toEqual([LEADER, OTHER_LEADER].sort());
    expect(open.every((p) => p.closesAt === Date.parse('2027-01-01T06:00:00Z'))).toBe(true); // the month's end in Chicago
  });
});
