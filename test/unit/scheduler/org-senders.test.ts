// One process at a time sends for an organisation (src/scheduler/org-senders.ts), on both engines:
// two senders with their own connection to one database stand for two instances. Each platform's
// pacing lives in its process, so a workspace served by two at once would get twice its budget.
import { expect, it } from 'vitest';
import { createCore } from '../../../src/core/create';
import type { NewDelivery } from '../../../src/core/deliveries';
import { silentLogger, type Store } from '../../../src/core/ports';
import { Sender } from '../../../src/scheduler/sender';
import { describeEngines, type EngineStore } from '../../support/engines';
import { EdgePlatform, keyComposer } from '../../support/scheduler-fixtures';

const T0 = Date.parse('2026-03-02T12:00:00Z');
const LEASE_MS = 60_000;

function dm(orgId: string, key: string, dueAt: number): NewDelivery {
  return { orgId, key, kind: 'meeting_reminder', personId: `${orgId}:ann`, subject: {}, dueAt };
}

describeEngines('one sender per organisation at a time', (engine) => {
  let clock = T0;
  const now = () => clock;

  function senderOver(store: EngineStore, owner: string): { sender: Sender; edge: EdgePlatform } {
    const edge = new EdgePlatform();
    const core = createCore({
      store: store as unknown as Store,
      clock: { now },
      log: silentLogger,
      platform: edge,
      settings: { defaultTimeZone: 'UTC', graceMs: 0 },
    });
    const sender = new Sender({ deps: core.deps, composers: [keyComposer('meeting_reminder')], log: silentLogger, owner, leaseMs: LEASE_MS });
    return { sender, edge };
  }

  it('the other instance leaves a held workspace alone, sends the rest, and takes the workspace over once its lease has run out', async () => {
    clock = T0;
    const store = await engine.open(now);
    for (const id of ['slack:T1', 'slack:T2']) await store.orgs.ensure({ id, platform: 'slack', name: id });
    const a = senderOver(store, 'a');
    const b = senderOver(await engine.openAnother(now), 'b');

    await store.deliveries.enqueue([dm('slack:T1', 't1-0', T0 - 1)]);
    expect(await a.sender.drain(T0)).toMatchObject({ sent: 1 });

    // More for both workspaces; B drains first: T1 is A's, so B sends only T2's and puts T1's back.
    await store.deliveries.enqueue([0, 1, 2].flatMap((i) => [dm('slack:T1', `t1-${i + 1}`, T0 + i), dm('slack:T2', `t2-${i}`, T0 + i)]));
    clock = T0 + 10_000;
    const byB = await b.sender.drain(clock);
    expect(byB).toMatchObject({ claimed: 3, sent: 3 });
    expect(b.edge.sent().map((c) => c.summary)).toEqual(['t2-0', 't2-1', 't2-2']);
    const putBack = await store.deliveries.getByKey('t1-1');
    expect(putBack).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock });

    // A, whose workspace it is, sends T1's at once.
    expect(await a.sender.drain(clock)).toMatchObject({ sent: 3 });
    expect(a.edge.sent().map((c) => c.summary)).toEqual(['t1-0', 't1-1', 't1-2', 't1-3']);

    // A stops sending (or is gone); its lease runs out a lease time after its last send, and B takes T1 over.
    await store.deliveries.enqueue([dm('slack:T1', 't1-late', clock)]);
    clock = T0 + 10_000 + LEASE_MS - 1;
    expect(await b.sender.drain(clock)).toMatchObject({ sent: 0 });
    clock = T0 + 10_000 + LEASE_MS + 5_000;
    expect(await b.sender.drain(clock)).toMatchObject({ sent: 1 });
    expect(b.edge.sent('slack:T1').map((c) => c.summary)).toEqual(['t1-late']);
    expect(a.edge.sent()).toHaveLength(4);
  });
});
