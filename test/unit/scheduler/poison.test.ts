// A delivery whose send takes the process down every time: each crash leaves it 'sending' until its
// lease runs out, and the next claim takes it over. After maxAttempts + 2 such take-overs it is
// failed instead of sent, so it cannot crash the scheduler forever. Rate-limit waits never count.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/deps';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { EdgePlatform, keyComposer, rateLimited, seedOrg, testModule } from '../../support/scheduler-fixtures';

let core: TestCore;
afterEach(() => core?.cleanup());

const SEC = 1_000;
const LEASE = 60 * SEC;

async function setup(edge = new EdgePlatform()) {
  core = makeTestCore('2026-03-02T12:00:00Z');
  await seedOrg(core);
  const deps: CoreDeps = { ...core.deps, platform: edge };
  const scheduler = createScheduler({ deps, owner: 'me', leaseMs: LEASE, modules: [testModule([], [keyComposer('win_post')])] });
  const now = core.clock.now();
  await core.store.deliveries.enqueue([{ orgId: 'local', key: 'poison', kind: 'win_post', channel: '#wins', subject: {}, dueAt: now }]);
  return { scheduler, edge, now };
}

/** `times` processes each claim the delivery and die mid-send (nothing recorded); returns when the last lease ran out. */
async function crashLoop(now: number, times: number): Promise<number> {
  let at = now;
  for (let i = 0; i < times; i++) {
    const claimed = await core.store.deliveries.claim({ now: at, leaseMs: LEASE, owner: `dead-${i}`, limit: 1 });
    expect(claimed.map((d) => d.key)).toEqual(['poison']);
    at += LEASE + SEC;
  }
  return at;
}

describe('a delivery that crashes the process every time it is sent', () => {
  it('counts only take-overs of an expired lease as interruptions', async () => {
    const { now } = await setup();
    const at = await crashLoop(now, 3);
    expect(await core.store.deliveries.getByKey('poison')).toMatchObject({ status: 'sending', attempts: 3, interruptions: 2 });
    await core.store.deliveries.claim({ now: at - LEASE, leaseMs: LEASE, owner: 'too-early', limit: 1 });
    expect(await core.store.deliveries.getByKey('poison')).toMatchObject({ attempts: 3, interruptions: 2 });
  });

  it('is still sent on its 12th claim (11 interruptions)', async () => {
    const { scheduler, edge, now } = await setup();
    const at = await crashLoop(now, 11);
    expect((await scheduler.drain(at)).sent).toBe(1);
    expect(edge.sent()).toHaveLength(1);
    expect(await core.store.deliveries.getByKey('poison')).toMatchObject({ status: 'sent', attempts: 12, interruptions: 11 });
  });

  it('is failed, not sent, on its 13th claim (attempts above maxAttempts + 2), and never claimed again', async () => {
    const { scheduler, edge, now } = await setup();
    const at = await crashLoop(now, 12);
    const result = await scheduler.drain(at);
    expect(result).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    expect(edge.calls).toHaveLength(0);
    expect(await core.store.deliveries.getByKey('poison')).toMatchObject({
      status: 'failed',
      attempts: 13,
      interruptions: 12,
      lastError: 'gave up: the process stopped while sending it 12 times',
    });
    expect((await scheduler.drain(at + 10 * LEASE)).claimed).toBe(0);
  });

  it('does not count rate-limit waits: a delivery limited 15 times is still sent', async () => {
    const edge = new EdgePlatform();
    let refusals = 0;
    edge.failWith = () => (refusals++ < 15 ? rateLimited(30 * SEC) : undefined);
    const { scheduler, now } = await setup(edge);
    let at = now;
    for (let i = 0; i < 16; i++) {
      await scheduler.drain(at);
      at += 31 * SEC;
    }
    expect(edge.sent()).toHaveLength(1);
    expect(await core.store.deliveries.getByKey('poison')).toMatchObject({ status: 'sent', attempts: 1, interruptions: 0 });
  });
});
