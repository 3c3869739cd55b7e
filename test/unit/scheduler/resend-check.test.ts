// The sender looks before it re-sends: only a delivery taken over from a stopped process is looked
// up (ChatPlatform.findSent), a found message is recorded as sent without a second send, and a
// lookup that fails or finds nothing never stops the delivery. The platform is a fake at the
// network edge that remembers the delivery keys it was sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/deps';
import type { Message } from '../../../src/core/model';
import type { MessageRef, SendOptions, SentTarget } from '../../../src/core/ports';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { EdgePlatform, keyComposer, seedOrg, testModule } from '../../support/scheduler-fixtures';

let core: TestCore;
afterEach(() => core?.cleanup());

const LEASE = 60_000;

/** An edge platform whose remote side can be searched by delivery key. */
class LookupPlatform extends EdgePlatform {
  readonly keys = new Map<string, MessageRef>();
  readonly lookups: Array<{ target: SentTarget; key: string; sinceMs: number }> = [];
  lookupFails = false;

  override async postToChannel(orgId: string, channel: string, message: Message, options?: SendOptions): Promise<MessageRef> {
    const ref = await super.postToChannel(orgId, channel, message);
    if (options?.deliveryKey) this.keys.set(options.deliveryKey, ref);
    return ref;
  }

  async findSent(_orgId: string, target: SentTarget, key: string, sinceMs: number): Promise<MessageRef | undefined> {
    this.lookups.push({ target, key, sinceMs });
    if (this.lookupFails) throw new Error('connection reset');
    return this.keys.get(key);
  }
}

async function setup() {
  core = makeTestCore('2026-03-02T12:00:00Z');
  await seedOrg(core);
  const edge = new LookupPlatform();
  const composer = keyComposer('win_post');
  const deps: CoreDeps = { ...core.deps, platform: edge };
  const scheduler = createScheduler({ deps, owner: 'me', leaseMs: LEASE, modules: [testModule([], [composer])] });
  const now = core.clock.now();
  await core.store.deliveries.enqueue([{ orgId: 'local', key: 'win_post:1', kind: 'win_post', channel: '#wins', subject: {}, dueAt: now - 5_000 }]);
  return { edge, composer, scheduler, now };
}

/** A process claims the delivery, maybe sends it, and stops before recording anything; returns when its lease ran out. */
async function stoppedMidSend(edge: LookupPlatform, now: number, reachedRemote: boolean): Promise<number> {
  const [claimed] = await core.store.deliveries.claim({ now, leaseMs: LEASE, owner: 'gone', limit: 1 });
  if (reachedRemote) await edge.postToChannel('local', '#wins', { summary: claimed!.key, blocks: [] }, { deliveryKey: claimed!.key });
  return now + LEASE + 1_000;
}

describe('look before you resend', () => {
  it('a first send is not looked up, and carries its delivery key', async () => {
    const { edge, scheduler, now } = await setup();
    expect(await scheduler.drain(now)).toMatchObject({ sent: 1, resendsAvoided: 0 });
    expect(edge.lookups).toHaveLength(0);
    expect(edge.keys.has('win_post:1')).toBe(true);
  });

  it('a taken-over delivery the remote side has is recorded as sent with that message, not sent again', async () => {
    const { edge, composer, scheduler, now } = await setup();
    const at = await stoppedMidSend(edge, now, true);
    const ref = edge.keys.get('win_post:1');
    expect(await scheduler.drain(at)).toMatchObject({ claimed: 1, sent: 1, resendsAvoided: 1 });
    expect(edge.calls).toHaveLength(1); // the stopped process's send only
    expect(edge.lookups).toEqual([{ target: { channel: '#wins' }, key: 'win_post:1', sinceMs: now - 5_000 }]);
    expect(await core.store.deliveries.getByKey('win_post:1')).toMatchObject({ status: 'sent', messageRef: ref, sentAt: at, interruptions: 1 });
    expect(composer.afterSends).toEqual([expect.objectContaining({ ref, sentAt: at })]);
  });

  it('a taken-over delivery the remote side does not have is sent', async () => {
    const { edge, scheduler, now } = await setup();
    const at = await stoppedMidSend(edge, now, false);
    expect(await scheduler.drain(at)).toMatchObject({ sent: 1, resendsAvoided: 0 });
    expect(edge.lookups).toHaveLength(1);
    expect(edge.calls).toHaveLength(1);
  });

  it('a lookup that fails sends as before (here: a duplicate)', async () => {
    const { edge, scheduler, now } = await setup();
    const at = await stoppedMidSend(edge, now, true);
    edge.lookupFails = true;
    expect(await scheduler.drain(at)).toMatchObject({ sent: 1, resendsAvoided: 0 });
    expect(edge.calls).toHaveLength(2);
    expect(await core.store.deliveries.getByKey('win_post:1')).toMatchObject({ status: 'sent' });
  });
});
