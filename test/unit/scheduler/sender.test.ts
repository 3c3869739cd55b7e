import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryComposer, DeliveryJob, NewDelivery } from '../../../src/core/deliveries';
import type { CoreDeps } from '../../../src/core/deps';
import { ChatError } from '../../../src/core/ports';
import { backoffDelay } from '../../../src/scheduler/retry';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPerson, EdgePlatform, keyComposer, rateLimited, seedOrg, testModule } from '../../support/scheduler-fixtures';

let core: TestCore;
afterEach(() => core?.cleanup());

const SEC = 1_000;

function dm(orgId: string, key: string, dueAt: number, personId = `${orgId}:ann`): NewDelivery {
  return { orgId, key, kind: 'meeting_reminder', personId, subject: {}, dueAt };
}

async function setup(options: { edge?: EdgePlatform; composers?: DeliveryComposer[]; maxAttempts?: number } = {}) {
  core = makeTestCore('2026-03-02T12:00:00Z');
  for (const org of ['local', 'slack:T1', 'teams:X']) await seedOrg(core, org);
  const deps: CoreDeps = options.edge ? { ...core.deps, platform: options.edge } : core.deps;
  const composers = options.composers ?? [keyComposer('meeting_reminder'), keyComposer('win_post')];
  const scheduler: Scheduler = createScheduler({
    deps,
    owner: 'me',
    maxAttempts: options.maxAttempts,
    modules: [testModule([], composers)],
  });
  return { scheduler, now: core.clock.now() };
}

describe('the sender', () => {
  it('pauses only the rate-limited organisation; the other keeps sending and nothing is dropped', async () => {
    const edge = new EdgePlatform();
    const { scheduler, now } = await setup({ edge });
    let limited = false;
    edge.failWith = (call) => {
      if (call.orgId === 'slack:T1' && !limited) {
        limited = true;
        return rateLimited(30 * SEC);
      }
      return undefined;
    };
    const rows = ['slack:T1', 'teams:X'].flatMap((org) => Array.from({ length: 10 }, (_, i) => dm(org, `${org}:${i}`, now - 60 * SEC + i)));
    await core.store.deliveries.enqueue(rows);

    const first = await scheduler.drain(now);
    expect(edge.sent('teams:X')).toHaveLength(10);
    expect(edge.refused).toHaveLength(1);
    expect(edge.sent('slack:T1').length).toBeLessThanOrEqual(1); // at most the one already in flight
    expect(first.failed).toBe(0);
    const slackLeft = 10 - edge.sent('slack:T1').length;
    expect(await core.store.deliveries.counts('slack:T1')).toMatchObject({ pending: slackLeft, failed: 0 });
    // The paused organisation's rows are not even claimed (no attempt burnt on them).
    const untouched = (await Promise.all(rows.filter((r) => r.orgId === 'slack:T1').map((r) => core.store.deliveries.getByKey(r.key)))).filter(
      (d) => d!.attempts === 0,
    );
    expect(untouched.length).toBeGreaterThanOrEqual(8);

    // Still paused just before the retry-after, free again at it.
    expect((await scheduler.drain(now + 29 * SEC)).sent).toBe(0);
    expect((await scheduler.drain(now + 30 * SEC)).sent).toBe(slackLeft);
    const keys = edge.calls.map((c) => c.summary);
    expect(new Set(keys).size).toBe(20);
    expect(keys).toHaveLength(20);
  });

  it('retries a delivery whose sender crashed after claiming it, once the lease runs out', async () => {
    const { scheduler, now } = await setup();
    await core.store.deliveries.enqueue([dm('local', 'k1', now, 'local:ann')]);
    // Another process claimed it and died without marking anything.
    const [claimed] = await core.store.deliveries.claim({ now, leaseMs: 60 * SEC, owner: 'dead-process', limit: 1 });
    expect(claimed?.status).toBe('sending');
    expect((await scheduler.drain(now + 59 * SEC)).sent).toBe(0);
    expect((await scheduler.drain(now + 61 * SEC)).sent).toBe(1);
    expect(await core.store.deliveries.getByKey('k1')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(core.local.inbox('local:ann')).toHaveLength(1);
  });

  it('backs off 30 s doubling to 1 h on transient errors, then fails after the last attempt', async () => {
    const edge = new EdgePlatform();
    edge.failWith = () => new ChatError('transient', 'HTTP 503');
    const { scheduler, now } = await setup({ edge });
    await core.store.deliveries.enqueue([dm('slack:T1', 'k1', now)]);
    const delays: number[] = [];
    let at = now;
    for (let i = 0; i < 12; i++) {
      await scheduler.drain(at);
      const d = (await core.store.deliveries.getByKey('k1'))!;
      if (d.status !== 'pending') break;
      delays.push(d.nextAttemptAt - at);
      at = d.nextAttemptAt;
    }
    const d = (await core.store.deliveries.getByKey('k1'))!;
    expect(d).toMatchObject({ status: 'failed', attempts: 10 });
    expect(d.lastError).toBe('gave up after 10 attempts: transient: HTTP 503');
    expect(delays).toHaveLength(9);
    const nominal = [30, 60, 120, 240, 480, 960, 1920, 3600, 3600].map((s) => s * SEC);
    delays.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(Math.min(nominal[i]! * 0.8, 3600 * SEC * 0.8));
      expect(ms).toBeLessThanOrEqual(Math.min(nominal[i]! * 1.2, 3600 * SEC));
    });
    expect(edge.refused).toHaveLength(10);
    expect(backoffDelay(1, () => 0.5)).toBe(30 * SEC);
    expect(backoffDelay(20, () => 1)).toBe(3600 * SEC);
  });

  it('counts only failed sends toward the last attempt, never rate-limit waits', async () => {
    const edge = new EdgePlatform();
    let calls = 0;
    edge.failWith = () => (++calls <= 20 ? rateLimited(SEC) : calls === 21 ? new ChatError('transient', 'HTTP 503') : undefined);
    const { scheduler, now } = await setup({ edge });
    await core.store.deliveries.enqueue([dm('slack:T1', 'k1', now)]);
    let at = now;
    for (let i = 0; i < 20; i++) {
      expect((await scheduler.drain(at)).retried).toBe(1);
      at = (await core.store.deliveries.getByKey('k1'))!.nextAttemptAt;
    }
    expect(await core.store.deliveries.getByKey('k1')).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await scheduler.drain(at)).retried).toBe(1); // the 503
    const d = (await core.store.deliveries.getByKey('k1'))!;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastError: 'transient: HTTP 503' });
    expect((await scheduler.drain(d.nextAttemptAt)).sent).toBe(1);
    expect(await core.store.deliveries.getByKey('k1')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(edge.sent('slack:T1')).toHaveLength(1);
  });

  it('retries an unexpected exception like a transient error', async () => {
    const edge = new EdgePlatform();
    let calls = 0;
    edge.failWith = () => (++calls === 1 ? new TypeError('socket hang up') : undefined);
    const { scheduler, now } = await setup({ edge });
    await core.store.deliveries.enqueue([dm('slack:T1', 'k1', now)]);
    expect((await scheduler.drain(now)).retried).toBe(1);
    expect((await core.store.deliveries.getByKey('k1'))?.lastError).toBe('TypeError: socket hang up');
    expect((await scheduler.drain(now + 3_600 * SEC)).sent).toBe(1);
  });

  it('fails refused payloads and missing channels at once, without retrying', async () => {
    const edge = new EdgePlatform();
    edge.failWith = (call) =>
      call.to === '#gone' ? new ChatError('not_found', 'channel_not_found') : call.to.endsWith('bad') ? new ChatError('invalid', 'invalid_blocks') : undefined;
    const { scheduler, now } = await setup({ edge });
    await core.store.deliveries.enqueue([
      dm('slack:T1', 'k-bad', now, 'slack:T1:bad'),
      { orgId: 'slack:T1', key: 'k-gone', kind: 'win_post', channel: '#gone', subject: {}, dueAt: now },
    ]);
    expect(await scheduler.drain(now)).toMatchObject({ failed: 2, retried: 0 });
    expect(await core.store.deliveries.getByKey('k-bad')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'invalid: invalid_blocks' });
    expect(await core.store.deliveries.getByKey('k-gone')).toMatchObject({ status: 'failed', lastError: 'not_found: channel_not_found' });
    expect((await scheduler.drain(now + 86_400 * SEC)).claimed).toBe(0);
  });

  it('marks an unreachable person, warns once, and clears the mark after a later send succeeds', async () => {
    const { now } = await setup();
    const warnings: string[] = [];
    const log = { ...core.deps.log, warn: (_o: object, msg?: string) => void warnings.push(msg ?? '') };
    const scheduler = createScheduler({ deps: core.deps, log, modules: [testModule([], [keyComposer('meeting_reminder')])] });
    await addPerson(core, { id: 'local:bob', displayName: 'Bob' });
    core.local.setUnreachable('local:bob');
    await core.store.deliveries.enqueue([dm('local', 'k1', now, 'local:bob'), dm('local', 'k2', now + 1, 'local:bob')]);
    expect(await scheduler.drain(now + 1)).toMatchObject({ failed: 2 });
    expect((await core.store.people.get('local', 'local:bob'))?.unreachableReason).toBe('unreachable: local:bob cannot receive messages');
    expect(warnings.filter((w) => w.includes('Bob cannot be messaged'))).toHaveLength(1);
    expect(await core.store.deliveries.getByKey('k2')).toMatchObject({ status: 'failed', attempts: 1 });

    core.local.setUnreachable('local:bob', false);
    await core.store.deliveries.enqueue([dm('local', 'k3', now + 2, 'local:bob')]);
    expect((await scheduler.drain(now + 2)).sent).toBe(1);
    expect((await core.store.people.get('local', 'local:bob'))?.unreachableReason).toBeNull();
  });

  it("records a composer's skip, fails a kind nobody composes, and calls afterSend with the reference", async () => {
    const composer = keyComposer('meeting_reminder');
    const { scheduler, now } = await setup({ composers: [composer] });
    await core.store.deliveries.enqueue([
      { ...dm('local', 'answered', now, 'local:ann'), subject: { skip: 'already answered' } },
      dm('local', 'fresh', now, 'local:ann'),
      { orgId: 'local', key: 'orphan', kind: 'wins_roundup', channel: '#wins', subject: {}, dueAt: now },
    ]);
    expect(await scheduler.drain(now)).toMatchObject({ sent: 1, skipped: 1, failed: 1 });
    expect(await core.store.deliveries.getByKey('answered')).toMatchObject({ status: 'skipped', lastError: 'already answered' });
    expect(await core.store.deliveries.getByKey('orphan')).toMatchObject({ status: 'failed', lastError: 'no composer for wins_roundup' });
    const fresh = (await core.store.deliveries.getByKey('fresh'))!;
    expect(composer.afterSends).toEqual([{ id: fresh.id, ref: fresh.messageRef, sentAt: now }]);
    expect(core.local.inbox('local:ann').map((m) => m.message.summary)).toEqual(['fresh']);
  });

  it('runs a job (work with no message of its own) once, records what it did as done, and retries one that throws', async () => {
    const ran: string[] = [];
    let failOnce = true;
    const job: DeliveryJob = {
      kind: 'close_week',
      async run(d) {
        if (d.key === 'flaky' && failOnce) {
          failOnce = false;
          throw new Error('database busy');
        }
        ran.push(d.key);
        return `closed ${d.key}`;
      },
    };
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    const now = core.clock.now();
    const scheduler = createScheduler({ deps: core.deps, owner: 'me', modules: [{ name: 'jobs', jobs: () => [job] }] });
    await core.store.deliveries.enqueue([
      { orgId: 'local', key: 'w1', kind: 'close_week', personId: 'local:ann', subject: {}, dueAt: now },
      { orgId: 'local', key: 'flaky', kind: 'close_week', personId: 'local:ann', subject: {}, dueAt: now },
    ]);
    expect(await scheduler.drain(now)).toMatchObject({ done: 1, retried: 1, sent: 0 });
    expect(await core.store.deliveries.getByKey('w1')).toMatchObject({ status: 'done', lastError: 'closed w1' });
    expect(core.local.inbox('local:ann')).toEqual([]);
    expect(await scheduler.drain(now + 3_600_000)).toMatchObject({ done: 1 });
    expect(await core.store.deliveries.getByKey('flaky')).toMatchObject({ status: 'done', lastError: 'closed flaky' });
    expect(ran).toEqual(['w1', 'flaky']);
    expect(await core.store.deliveries.counts('local')).toMatchObject({ done: 2, pending: 0, skipped: 0 });
  });

  it('runs afterSend before marking the delivery sent, so a crash in between sends again and afterSend runs', async () => {
    const base = keyComposer('meeting_reminder');
    let crashed = false;
    // The first process "dies" inside afterSend: it never comes back and never marks anything.
    const composer: DeliveryComposer = {
      ...base,
      afterSend: (d, ref, sentAt) => (crashed ? base.afterSend!(d, ref, sentAt) : ((crashed = true), new Promise<void>(() => {}))),
    };
    const { now } = await setup({ composers: [composer] });
    await core.store.deliveries.enqueue([dm('local', 'k1', now, 'local:ann')]);
    const dying = createScheduler({ deps: core.deps, owner: 'dying', modules: [testModule([], [composer])] });
    void dying.drain(now);
    await vi.waitFor(() => expect(core.local.inbox('local:ann')).toHaveLength(1));
    expect(await core.store.deliveries.getByKey('k1')).toMatchObject({ status: 'sending' });

    const restarted = createScheduler({ deps: core.deps, owner: 'restarted', modules: [testModule([], [composer])] });
    expect((await restarted.drain(now + 61 * SEC)).sent).toBe(1);
    const d = (await core.store.deliveries.getByKey('k1'))!;
    expect(d).toMatchObject({ status: 'sent' });
    expect(base.afterSends).toEqual([{ id: d.id, ref: d.messageRef, sentAt: now + 61 * SEC }]);
    expect(core.local.inbox('local:ann')).toHaveLength(2); // at least once: the message went out twice
  });

  it("keeps sending for other organisations while one organisation's sends hang", async () => {
    const edge = new EdgePlatform();
    const releases: Array<() => void> = [];
    const slow = new EdgePlatform();
    // slack:T1 never answers until released; everything else goes through at once.
    const platform = {
      name: 'local' as const,
      limits: edge.limits,
      sendDirect: (orgId: string, personId: string, message: Parameters<EdgePlatform['sendDirect']>[2]) =>
        orgId === 'slack:T1'
          ? new Promise<string>((resolve) => releases.push(() => resolve(slow.sendDirect(orgId, personId, message))))
          : edge.sendDirect(orgId, personId, message),
      postToChannel: edge.postToChannel.bind(edge),
    };
    const { now } = await setup();
    const scheduler = createScheduler({ deps: { ...core.deps, platform }, modules: [testModule([], [keyComposer('meeting_reminder')])] });
    await core.store.deliveries.enqueue([
      ...Array.from({ length: 5 }, (_, i) => dm('slack:T1', `s${i}`, now - 100 + i)),
      ...Array.from({ length: 8 }, (_, i) => dm('teams:X', `t${i}`, now - 50 + i)),
    ]);
    const draining = scheduler.drain(now);
    await vi.waitFor(() => expect(edge.sent('teams:X')).toHaveLength(8));
    expect(releases).toHaveLength(2); // at most half of the 4 slots for one organisation
    await vi.waitFor(
      () => {
        releases.splice(0).forEach((release) => release());
        expect(slow.calls).toHaveLength(5);
      },
      { timeout: 2_000, interval: 5 },
    );
    expect(await draining).toMatchObject({ sent: 13 });
  });
});
