// A process killed between sending the weekly question (and opening its prompt) and recording the
// send: the process that takes the delivery over records it as sent with the message the prompt
// remembers, and does not ask again. Found by the three-process kill test on PostgreSQL, where such
// rows ended as "skipped: already asked this week" although the question had gone out. The prompt now
// opens in the statement that records the send, so only a process of an earlier release (which
// opened it first) leaves this state behind; what such a process did is done by hand here.
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/core/deliveries';
import type { TestCore } from '../../support/core';
import { composer, LEADER, ORG, sentMessage, walksCore, type WalksCore } from './support';

let w: WalksCore;
let core: TestCore;
afterEach(() => core?.cleanup());

const MONDAY = '2026-11-23T15:00:00Z';
const WED_1400 = Date.parse('2026-11-25T20:00:00Z'); // the prompt's slot (Chicago)
const LEASE = 60_000;

/** Claims the week's question as process 'gone', sends it and opens its prompt, then records nothing. */
async function killedAfterSending(): Promise<{ claimed: Delivery; ref: string }> {
  w = await walksCore(MONDAY);
  core = w.core;
  await core.bot.handleCommand(core.as(LEADER), 'floorwalk schedule wed 14:00');
  core.clock.set(WED_1400 + 1_000);
  await w.scheduler.runPass(core.clock.now());
  const [claimed] = await core.store.deliveries.claim({ now: core.clock.now(), leaseMs: LEASE, owner: 'gone', limit: 1 });
  const ask = composer(core, 'floorwalk_prompt');
  const { message } = sentMessage(await ask.compose(claimed!));
  const ref = await core.deps.platform.sendDirect(ORG, LEADER, message, { deliveryKey: claimed!.key });
  await core.store.prompts.open((await ask.opens!(claimed!, ref, core.clock.now()))!);
  return { claimed: claimed!, ref };
}

describe('the weekly question interrupted after it was sent', () => {
  it('is recorded as sent, with the message the prompt remembers, and not asked again', async () => {
    const { claimed, ref } = await killedAfterSending();
    const later = core.clock.now() + LEASE + 1_000;
    core.clock.set(later);
    expect(await w.scheduler.drain(later)).toMatchObject({ claimed: 1, sent: 1, skipped: 0 });
    expect(await core.store.deliveries.get(claimed.id)).toMatchObject({ status: 'sent', interruptions: 1, messageRef: ref });
    expect(core.local.inbox(LEADER)).toHaveLength(1);
  });

  it('is still skipped as already asked when the prompt was not opened by an interrupted claim of it', async () => {
    const { claimed } = await killedAfterSending();
    const ask = composer(core, 'floorwalk_prompt');
    // Never interrupted (the prompt was opened some other way), or interrupted only after the prompt was opened.
    expect(await ask.compose({ ...claimed, interruptions: 0 })).toEqual({ skip: 'already asked this week' });
    expect(await ask.compose({ ...claimed, interruptions: 1, nextAttemptAt: core.clock.now() + 1 })).toEqual({ skip: 'already asked this week' });
  });
});
