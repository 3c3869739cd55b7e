// The quality objectives repository's contract, on both engines (test/support/engines.ts).
import { expect, it } from 'vitest';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords } from './records-seed';

const T0 = Date.parse('2026-11-24T15:00:00Z');

describeEngines('the objectives repository', (engine) => {
  const now = () => T0;

  it('lists objectives by code in byte order (capitals first), the active ones alone, and finds a code in any case', async () => {
    const store = await openRecords(engine, now);
    const otd = await store.objectives.create({ orgId: ORG, code: 'OTD', title: 'On-time delivery', customerFocus: true }, 'local:ann');
    await store.objectives.create({ orgId: ORG, code: 'b2b', title: 'Supplier quality', customerFocus: false }, null);
    const cpk = await store.objectives.create({ orgId: ORG, code: 'Cpk', title: 'Process capability', customerFocus: false }, null);
    await store.objectives.create({ orgId: OTHER_ORG, code: 'AAA', title: 'Elsewhere', customerFocus: false }, null);
    expect(otd).toEqual({ id: otd.id, orgId: ORG, code: 'OTD', title: 'On-time delivery', customerFocus: true, active: true });
    await store.objectives.update(ORG, cpk.id, { active: false }, null);
    expect((await store.objectives.list(ORG)).map((o) => o.code)).toEqual(['Cpk', 'OTD', 'b2b']);
    expect((await store.objectives.listActive(ORG)).map((o) => o.code)).toEqual(['OTD', 'b2b']);
    expect(await store.objectives.findByCode(ORG, 'otd')).toEqual(otd);
    expect((await store.objectives.findByCode(ORG, 'CPK'))?.active).toBe(false);
    expect(await store.objectives.findByCode(OTHER_ORG, 'otd')).toBeUndefined();
    await expect(store.objectives.create({ orgId: ORG, code: 'OTD', title: 'Again', customerFocus: false }, null)).rejects.toThrow();
    expect(await store.objectives.list(ORG)).toHaveLength(3);
  });

  it('updates an objective of the organisation only, with the earlier values in the audit log', async () => {
    const store = await openRecords(engine, now);
    const otd = await store.objectives.create({ orgId: ORG, code: 'OTD', title: 'On-time delivery', customerFocus: false }, 'local:ann');
    const updated = await store.objectives.update(ORG, otd.id, { title: 'On-time delivery ≥ 98 %', customerFocus: true }, 'local:quinn');
    expect(updated).toEqual({ ...otd, title: 'On-time delivery ≥ 98 %', customerFocus: true });
    await expect(store.objectives.update(OTHER_ORG, otd.id, { active: false }, null)).rejects.toThrow(`unknown objective ${otd.id}`);
    expect((await store.objectives.findByCode(ORG, 'OTD'))?.active).toBe(true);
    const history = await store.audit.history(ORG, 'objective', String(otd.id));
    expect(history.map((h) => [h.action, h.actorId, h.before, h.after])).toEqual([
      ['create', 'local:ann', null, otd],
      ['update', 'local:quinn', otd, updated],
    ]);
  });

  it('chains the audit of two concurrent updates from two instances: the second names what the first wrote', async () => {
    const store = await openRecords(engine, now);
    const other = await engine.openAnother(now);
    for (let round = 0; round < 5; round++) {
      const o = await store.objectives.create({ orgId: ORG, code: `C${round}`, title: 'first', customerFocus: false }, null);
      await Promise.all([
        store.objectives.update(ORG, o.id, { title: 'by one' }, 'local:one'),
        other.objectives.update(ORG, o.id, { title: 'by two' }, 'local:two'),
      ]);
      const [, first, second] = await store.audit.history(ORG, 'objective', String(o.id));
      expect(second?.before).toMatchObject({ title: (first?.after as { title: string } | undefined)?.title });
      expect(second?.before).not.toMatchObject({ title: 'first' });
    }
  });
});
