// The wins repository's contract, on both engines (test/support/engines.ts).
import { expect, it } from 'vitest';
import type { NewWin } from '../../../src/core/wins/repo';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson, seedSite } from './records-seed';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const HOUR = 3_600_000;

describeEngines('the wins repository', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup() {
    clock = T0;
    const store = await openRecords(engine, now);
    const plant = await seedSite(engine, 'Plant 1');
    const depot = await seedSite(engine, 'Depot');
    await seedPerson(engine, 'local:ann', 'Ann', { siteId: plant });
    await seedPerson(engine, 'local:bob', 'Bob', { siteId: depot });
    await seedPerson(engine, 'local:Zed', 'Zed', { siteId: plant });
    const win = (over: Partial<NewWin> = {}): NewWin => ({
      orgId: ORG,
      siteId: plant,
      teamId: null,
      postedBy: 'local:ann',
      text: 'Scrap down 20 %',
      tags: ['scrap'],
      metric: '-20 %',
      postedAt: T0,
      people: [],
      ...over,
    });
    return { store, plant, depot, win };
  }

  it('stores a win with the people it names (once each, in key order when read back), audited', async () => {
    const { store, win } = await setup();
    const created = await store.wins.create(win({ people: ['local:bob', 'local:Zed', 'local:bob', 'local:ann'], sourceRef: 'C1:171' }), 'local:ann');
    expect(created).toMatchObject({
      orgId: ORG,
      text: 'Scrap down 20 %',
      tags: ['scrap'],
      people: ['local:bob', 'local:Zed', 'local:ann'],
      sourceRef: 'C1:171',
    });
    const read = await store.wins.get(ORG, created.id);
    expect(read).toEqual({ ...created, people: ['local:Zed', 'local:ann', 'local:bob'], withdrawnAt: null, withdrawnBy: null, withdrawnReason: null });
    expect(await store.wins.get(OTHER_ORG, created.id)).toBeUndefined();
    const [audit] = await store.audit.history(ORG, 'win', String(created.id));
    expect(audit).toMatchObject({
      action: 'create',
      actorId: 'local:ann',
      after: { text: 'Scrap down 20 %', people: ['local:bob', 'local:Zed', 'local:ann'] },
    });
  });

  it('lists recent wins newest first and a period oldest first, by site, paged and counted', async () => {
    const { store, win, depot } = await setup();
    const a = await store.wins.create(win({ postedAt: T0 - 3 * HOUR }), null);
    const b = await store.wins.create(win({ postedAt: T0 - 2 * HOUR, siteId: depot, postedBy: 'local:bob' }), null);
    const c = await store.wins.create(win({ postedAt: T0 - HOUR }), null);
    const d = await store.wins.create(win({ postedAt: T0 - HOUR }), null);
    await store.wins.create(win({ postedAt: T0 - 9 * HOUR }), null);
    await store.wins.create({ ...win(), orgId: OTHER_ORG, siteId: null, postedAt: T0 - HOUR }, null);
    const ids = (wins: Array<{ id: number }>) => wins.map((w) => w.id);
    expect(ids(await store.wins.recent(ORG, T0 - 4 * HOUR))).toEqual([d.id, c.id, b.id, a.id]);
    expect(ids(await store.wins.recent(ORG, T0 - 4 * HOUR, { siteId: depot }))).toEqual([b.id]);
    expect(ids(await store.wins.recent(ORG, T0 - 4 * HOUR, { limit: 2 }))).toEqual([d.id, c.id]);
    expect(ids(await store.wins.between(ORG, T0 - 3 * HOUR, T0 - HOUR))).toEqual([a.id, b.id]);
    expect(ids(await store.wins.between(ORG, T0 - 4 * HOUR, T0, { limit: 2, offset: 1 }))).toEqual([b.id, c.id]);
    expect(await store.wins.countBetween(ORG, T0 - 4 * HOUR, T0)).toBe(4);
    expect(await store.wins.countBetween(ORG, T0 - 4 * HOUR, T0, { siteId: depot })).toBe(1);
    expect(await store.wins.countBetween(OTHER_ORG, 0, T0)).toBe(1);
  });

  it('edits the text and withdraws a win once, keeping the earlier values in the audit log', async () => {
    const { store, win } = await setup();
    const w = await store.wins.create(win({ people: ['local:bob'] }), null);
    clock = T0 + HOUR;
    const edited = await store.wins.editText(ORG, w.id, 'Scrap down 25 %', 'local:Zed');
    expect(edited).toMatchObject({ text: 'Scrap down 25 %', recordedBy: 'local:Zed', people: ['local:bob'] });
    expect(await store.wins.editText(OTHER_ORG, w.id, 'x', 'local:Zed')).toBeUndefined();
    clock = T0 + 2 * HOUR;
    const withdrawn = await store.wins.withdraw(ORG, w.id, 'posted twice', 'local:ann');
    expect(withdrawn).toMatchObject({ withdrawnAt: T0 + 2 * HOUR, withdrawnBy: 'local:ann', withdrawnReason: 'posted twice', recordedBy: 'local:ann' });
    expect(await store.wins.withdraw(ORG, w.id, 'again', 'local:ann')).toBeUndefined();
    expect(await store.wins.editText(ORG, w.id, 'too late', 'local:ann')).toBeUndefined();
    expect(await store.wins.recent(ORG, 0)).toEqual([]);
    expect(await store.wins.countBetween(ORG, 0, T0 + 1)).toBe(0);
    expect((await store.wins.get(ORG, w.id))?.withdrawnReason).toBe('posted twice');
    const history = await store.audit.history(ORG, 'win', String(w.id));
    expect(history.map((h) => [h.action, h.actorId, h.before])).toEqual([
      ['create', null, null],
      ['update', 'local:Zed', { text: 'Scrap down 20 %', recordedBy: null }],
      ['update', 'local:ann', { withdrawnAt: null, withdrawnBy: null, withdrawnReason: null, recordedBy: 'local:Zed' }],
    ]);
  });

  it('withdraws a win once when two instances withdraw it at the same moment', async () => {
    const { store, win } = await setup();
    const other = await engine.openAnother(now);
    for (let round = 0; round < 5; round++) {
      const w = await store.wins.create(win(), null);
      const results = await Promise.all([store.wins.withdraw(ORG, w.id, 'first', 'local:ann'), other.wins.withdraw(ORG, w.id, 'second', 'local:Zed')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.audit.history(ORG, 'win', String(w.id))).map((h) => h.action)).toEqual(['create', 'update']);
    }
  });
});
