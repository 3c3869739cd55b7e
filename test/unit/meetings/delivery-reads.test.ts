// What a delivered after-meeting check asks of the store: compose reads the leader (and site) once;
// the occurrence, the prompt's opening after the send and the sender's unreachable mark use them.
import { afterEach, describe, expect, it } from 'vitest';
import { meetingsModule } from '../../../src/core/meetings/module';
import type { TestCore } from '../../support/core';
import { countedDrain } from '../../support/store-calls';
import { LEADER, meetingsCore, ORG, say } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('a delivered after-meeting check', () => {
  it('reads its leader once: one store call a round trip', async () => {
    core = await meetingsCore('2026-03-02T12:00:00Z'); // Monday 06:00 in Chicago
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    const now = core.clock.now();
    const triggers = await meetingsModule.sources!(core.deps)[0]!.triggers(now, now + 43_200_000);
    const check = triggers.find((t) => t.kind === 'meeting_check')!;
    await core.store.deliveries.enqueue([check]);
    core.clock.set(check.dueAt);

    const { result, calls, claims, roundTrips } = await countedDrain(core, meetingsModule);
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    expect(calls).toEqual({
      'meetings.get': 2,
      'people.get': 1,
      'meetings.ensureOccurrence': 2,
      'deliveries.markSent': 1,
    });
    // On PostgreSQL the second ensureOccurrence inserts nothing, then reads the row: two statements.
    if (roundTrips !== undefined) expect(roundTrips).toBe(claims + 7);
    expect(await core.store.prompts.listOpen(ORG, 'meeting_check')).toHaveLength(1);
  });
});
