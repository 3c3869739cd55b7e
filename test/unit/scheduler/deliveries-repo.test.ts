// The delivery queue's contract, on both engines (test/support/engines.ts).
import { expect, it } from 'vitest';
import type { NewDelivery } from '../../../src/core/deliveries';
import { describeEngines, type EngineStore } from '../../support/engines';

const T0 = Date.parse('2026-03-02T12:00:00Z');

function row(key: string, dueAt: number, extra: Partial<NewDelivery> = {}): NewDelivery {
  return { orgId: 'local', key, kind: 'meeting_reminder', personId: 'local:ann', subject: { n: key }, dueAt, ...extra };
}

describeEngines('the delivery queue', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup(): Promise<{ store: EngineStore }> {
    clock = T0;
    const store = await engine.open(now);
    await store.orgs.ensure({ id: 'local', platform: 'local', name: 'local' });
    await store.orgs.ensure({ id: 'slack:T1', platform: 'slack', name: 'slack:T1' });
    return { store };
  }

  it('enqueues each key once and records a skip reason as a skipped row', async () => {
    const { store } = await setup();
    expect(await store.deliveries.enqueue([row('a', T0), row('b', T0, { skipReason: 'excused: away' })])).toBe(2);
    expect(await store.deliveries.enqueue([row('a', T0 + 5), row('c', T0)])).toBe(1);
    const a = await store.deliveries.getByKey('a');
    expect(a).toMatchObject({ status: 'pending', dueAt: T0, nextAttemptAt: T0, attempts: 0, subject: { n: 'a' } });
    expect(await store.deliveries.getByKey('b')).toMatchObject({ status: 'skipped', lastError: 'excused: away' });
    expect(await store.deliveries.counts()).toEqual({ pending: 2, sending: 0, sent: 0, failed: 0, skipped: 1, done: 0 });
    expect(await store.deliveries.counts('slack:T1')).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, done: 0 });
  });

  it('claims only ready rows, oldest due first, within the limit and outside excluded organisations', async () => {
    const { store } = await setup();
    await store.deliveries.enqueue([
      row('late', T0 - 1_000),
      row('early', T0 - 5_000),
      row('future', T0 + 1_000),
      row('slack', T0 - 9_000, { orgId: 'slack:T1' }),
    ]);
    const first = await store.deliveries.claim({ now: T0, leaseMs: 60_000, owner: 'p1', limit: 2, excludeOrgs: ['slack:T1'] });
    expect(first.map((d) => d.key)).toEqual(['early', 'late']);
    expect(first[0]).toMatchObject({ status: 'sending', attempts: 1 });
    const rest = await store.deliveries.claim({ now: T0, leaseMs: 60_000, owner: 'p2', limit: 10 });
    expect(rest.map((d) => d.key)).toEqual(['slack']);
    expect(await store.deliveries.claim({ now: T0, leaseMs: 60_000, owner: 'p2', limit: 10 })).toEqual([]);
    expect(await store.deliveries.nextReadyAt()).toBe(T0 + 1_000);
  });

  it('lets only the lease owner finish a claim, and hands an expired lease to another owner', async () => {
    const { store } = await setup();
    await store.deliveries.enqueue([row('a', T0)]);
    const [d] = await store.deliveries.claim({ now: T0, leaseMs: 60_000, owner: 'p1', limit: 1 });
    expect(await store.deliveries.markSent(d!.id, 'intruder', T0, 'x')).toBe(false);
    await store.deliveries.markFailed(d!.id, 'intruder', 'nope');
    expect((await store.deliveries.get(d!.id))?.status).toBe('sending');
    // Not ready while the lease runs, ready once it has run out.
    expect(await store.deliveries.claim({ now: T0 + 60_000, leaseMs: 60_000, owner: 'p2', limit: 1 })).toEqual([]);
    const [again] = await store.deliveries.claim({ now: T0 + 60_001, leaseMs: 60_000, owner: 'p2', limit: 1 });
    expect(again).toMatchObject({ id: d!.id, attempts: 2 });
    expect(await store.deliveries.markSent(d!.id, 'p1', T0, 'late')).toBe(false);
    expect(await store.deliveries.markSent(d!.id, 'p2', T0 + 60_002, 'ref-1')).toBe(true);
    expect(await store.deliveries.get(d!.id)).toMatchObject({ status: 'sent', sentAt: T0 + 60_002, messageRef: 'ref-1' });
    expect(await store.deliveries.markSent(d!.id, 'p2', T0, 'twice')).toBe(false);
  });

  it('opens the prompt a send opened in the statement that marks it sent, also when the lease has passed on', async () => {
    const { store } = await setup();
    await store.people.ensure({ id: 'local:ann', orgId: 'local', displayName: 'Ann', role: 'leader', joinedOn: '2026-01-01' }, null);
    await store.deliveries.enqueue([row('q1', T0), row('q2', T0), row('q3', T0)]);
    const [q1, q2, q3] = await store.deliveries.claim({ now: T0, leaseMs: 60_000, owner: 'p1', limit: 3 });
    const opens = {
      orgId: 'local',
      personId: 'local:ann',
      kind: 'floorwalk',
      subject: 'week:2026-W10',
      sentAt: T0,
      messageRef: 'm1',
      remindAt: T0 + 9,
      closesAt: T0 + 99,
    };
    expect(await store.deliveries.markSent(q1!.id, 'p1', T0, 'm1', opens)).toBe(true);
    expect(await store.deliveries.get(q1!.id)).toMatchObject({ status: 'sent', messageRef: 'm1' });
    const opened = await store.prompts.find('local', 'local:ann', 'floorwalk', 'week:2026-W10');
    expect(opened).toMatchObject({ status: 'open', sentAt: T0, messageRef: 'm1', remindAt: T0 + 9, closesAt: T0 + 99, snoozeCount: 0, answer: null });

    // The same prompt again keeps the first; one another process now holds still opens.
    expect(await store.deliveries.markSent(q2!.id, 'p1', T0 + 5, 'm2', { ...opens, sentAt: T0 + 5, messageRef: 'm2' })).toBe(true);
    expect(await store.prompts.find('local', 'local:ann', 'floorwalk', 'week:2026-W10')).toEqual(opened);
    const gone = { ...opens, subject: 'week:2026-W11', messageRef: 'm3', remindAt: undefined, closesAt: undefined };
    expect(await store.deliveries.markSent(q3!.id, 'someone-else', T0, 'm3', gone)).toBe(false);
    expect(await store.deliveries.get(q3!.id)).toMatchObject({ status: 'sending' });
    expect(await store.prompts.find('local', 'local:ann', 'floorwalk', 'week:2026-W11')).toMatchObject({ messageRef: 'm3', remindAt: null, closesAt: null });
  });

  it('retries later, fails and skips under the lease', async () => {
    const { store } = await setup();
    await store.deliveries.enqueue([row('r', T0), row('f', T0), row('s', T0)]);
    const claimed = await store.deliveries.claim({ now: T0, leaseMs: 1_000, owner: 'p1', limit: 3 });
    const byKey = Object.fromEntries(claimed.map((d) => [d.key, d.id]));
    await store.deliveries.retryLater(byKey.r!, 'p1', T0 + 30_000, 'transient: boom');
    await store.deliveries.markFailed(byKey.f!, 'p1', 'invalid: bad');
    await store.deliveries.markSkipped(byKey.s!, 'p1', 'answered already');
    expect(await store.deliveries.getByKey('r')).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 30_000, lastError: 'transient: boom' });
    expect(await store.deliveries.getByKey('f')).toMatchObject({ status: 'failed', lastError: 'invalid: bad' });
    expect(await store.deliveries.getByKey('s')).toMatchObject({ status: 'skipped', lastError: 'answered already' });
    expect(await store.deliveries.nextReadyAt()).toBe(T0 + 30_000);
    // A finished row's lease is gone: it never comes back.
    expect(await store.deliveries.claim({ now: T0 + 10 * 60_000, leaseMs: 1_000, owner: 'p2', limit: 9 })).toHaveLength(1);
  });

  // On SQLite each claim is one synchronous statement, so these two connections take turns: this
  // shows the batches add up (two real processes race in claim-race.test.ts). On the PostgreSQL
  // server they are two pools claiming at the same time (FOR UPDATE SKIP LOCKED).
  it('two connections claiming at once share the rows without overlap', async () => {
    const { store } = await setup();
    await store.deliveries.enqueue(Array.from({ length: 200 }, (_, i) => row(`k${i}`, T0 - i)));
    const other = await engine.openAnother(now);
    const got: string[] = [];
    const claimers = [store, other].map(async (s, n) => {
      for (;;) {
        const batch = await s.deliveries.claim({ now: T0, leaseMs: 60_000, owner: `p${n}`, limit: 7 });
        if (batch.length === 0) return;
        got.push(...batch.map((d) => d.key));
      }
    });
    await Promise.all(claimers);
    expect(got).toHaveLength(200);
    expect(new Set(got).size).toBe(200);
  });
});
