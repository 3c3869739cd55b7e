// What one delivered floor-walk question asks of the store. Compose reads the person, their site, the
// week's walk, the week's prompt and the week's calendar facts in one call (walks.weekAsk); the prompt's opening after the send (its reminder needs the zone and the site's work days) and the
// sender's unreachable mark use what compose read instead of reading them again. On a PostgreSQL
// server each store call is one round trip: counted at the connection pool as well.
import { afterEach, describe, expect, it } from 'vitest';
import { floorWalksModule } from '../../../src/core/floor-walks/module';
import type { TestCore } from '../../support/core';
import { countedDrain } from '../../support/store-calls';
import { LEADER, ORG, walksCore, type WalksCore } from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

const WED_1400 = Date.parse('2026-11-25T20:00:00Z'); // the prompt's slot (Chicago)

/** Queues the leader's question for Wednesday 14:00. */
async function questionDue(): Promise<void> {
  w = await walksCore('2026-11-23T15:00:00Z');
  core = w.core;
  await core.bot.handleCommand(core.as(LEADER), 'floorwalk schedule wed 14:00');
  core.clock.set(WED_1400 + 1_000);
  await w.scheduler.runPass(core.clock.now());
}

describe('one delivered floor-walk question', () => {
  it('reads its person, site, walk and prompt in one call, calendar included: one store call a round trip', async () => {
    await questionDue();
    const { result, calls, claims, roundTrips } = await countedDrain(core, floorWalksModule);
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    expect(calls).toEqual({
      'walks.weekAsk': 1,
      'deliveries.markSent': 1,
    });
    if (roundTrips !== undefined) expect(roundTrips).toBe(claims + 2);
    expect(await core.store.prompts.find(ORG, LEADER, 'floorwalk', 'week:2026-W48')).toMatchObject({ status: 'open' });
  });

  it('clears an unreachable mark its composer read, without reading the person again', async () => {
    await questionDue();
    await core.store.people.update(ORG, LEADER, { unreachableReason: 'unreachable: gone' }, null);
    const { result, calls } = await countedDrain(core, floorWalksModule);
    expect(result).toMatchObject({ sent: 1 });
    expect((await core.store.people.get(ORG, LEADER))?.unreachableReason).toBeNull();
    expect(calls['people.get']).toBeUndefined();
    expect(calls['walks.weekAsk']).toBe(1);
    expect(calls['people.update']).toBe(1);
  });
});
