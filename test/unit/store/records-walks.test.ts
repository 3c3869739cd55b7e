// The floor-walks repository's contract, on both engines (test/support/engines.ts): a walk with its
// follow-ups and the prompt it answers in one transaction, corrections and withdrawals (audited),
// and the lists a leader and a manager read.
import { expect, it } from 'vitest';
import type { NewFloorWalk } from '../../../src/core/floor-walks/repo';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson, seedSite } from './records-seed';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const HOUR = 3_600_000;
const ANN = 'local:ann';
const BOB = 'local:bob';
const QM = 'local:qm';

describeEngines('the floor-walks repository', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup() {
    clock = T0;
    const store = await openRecords(engine, now);
    const plant = await seedSite(engine, 'Plant 1');
    const depot = await seedSite(engine, 'Depot');
    await seedPerson(engine, ANN, 'Ann', { siteId: plant });
    await seedPerson(engine, BOB, 'Bob', { siteId: depot });
    await seedPerson(engine, QM, 'Quinn', { siteId: plant });
    await seedPerson(engine, 'slack:U1', 'Una', { orgId: OTHER_ORG });
    const walk = (over: Partial<NewFloorWalk> = {}): NewFloorWalk => ({
      orgId: ORG,
      personId: ANN,
      area: 'Line 3',
      walkDate: '2026-11-24',
      weekKey: '2026-W48',
      wentWell: 'Clean cells',
      concerns: null,
      tags: ['safety'],
      source: 'adhoc',
      ...over,
    });
    return { store, walk, plant, depot };
  }
  const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

  it('stores a walk, its follow-ups and their audit rows, and closes the prompt it answers, in one go', async () => {
    const { store, walk } = await setup();
    const prompt = await store.prompts.open({ orgId: ORG, personId: ANN, kind: 'floorwalk', subject: 'week:2026-W48', sentAt: T0 - HOUR, messageRef: null });
    const closes = { kind: 'floorwalk', subject: 'week:2026-W48', answer: 'logged' };
    const followUps = [
      { raisedBy: ANN, ownerId: BOB, text: 'Fix guard', dueDate: '2026-11-30' },
      { raisedBy: ANN, ownerId: QM, text: 'Check gauge', dueDate: '2026-12-01' },
    ];
    const created = await store.walks.create(walk({ source: 'prompt' }), followUps, ANN, closes);
    const w = created.walk;
    expect(w).toEqual({
      id: w.id,
      orgId: ORG,
      personId: ANN,
      area: 'Line 3',
      walkDate: '2026-11-24',
      weekKey: '2026-W48',
      wentWell: 'Clean cells',
      concerns: null,
      tags: ['safety'],
      source: 'prompt',
      recordedBy: ANN,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawnReason: null,
      createdAt: T0,
    });
    expect(created.followUps.map((f) => [f.walkId, f.ownerId, f.text, f.status, f.createdAt])).toEqual([
      [w.id, BOB, 'Fix guard', 'open', T0],
      [w.id, QM, 'Check gauge', 'open', T0],
    ]);
    expect(created.followUps[0]!.id).toBeLessThan(created.followUps[1]!.id);
    expect(created.closedPrompt).toEqual({ ...prompt, status: 'answered', answer: 'logged', answeredAt: T0 });
    expect(await store.prompts.get(ORG, prompt.id)).toEqual(created.closedPrompt);
    expect(await store.walks.get(ORG, w.id)).toEqual(w);
    expect(await store.walks.get(OTHER_ORG, w.id)).toBeUndefined();
    expect(await store.followUps.listForWalk(ORG, w.id)).toEqual(created.followUps);
    const audit = await store.audit.recent(ORG, 10);
    expect(audit.reverse().map((a) => [a.entity, a.entityId, a.action, a.actorId])).toEqual([
      ['floor_walk', String(w.id), 'create', ANN],
      ['follow_up', String(created.followUps[0]!.id), 'create', ANN],
      ['follow_up', String(created.followUps[1]!.id), 'create', ANN],
    ]);
    expect(audit[0]!.after).toEqual({ ...w });
    // With no open prompt to close (already answered), the walk is stored and nothing is closed.
    const again = await store.walks.create(walk({ walkDate: '2026-11-25' }), [], ANN, closes);
    expect(again).toEqual({ walk: expect.objectContaining({ walkDate: '2026-11-25' }), followUps: [] });
  });

  it('stores nothing when one follow-up cannot be stored', async () => {
    const { store, walk } = await setup();
    const prompt = await store.prompts.open({ orgId: ORG, personId: ANN, kind: 'floorwalk', subject: 'week:2026-W48', sentAt: T0, messageRef: null });
    const followUps = [
      { raisedBy: ANN, ownerId: BOB, text: 'Fix guard', dueDate: '2026-11-30' },
      { raisedBy: ANN, ownerId: 'local:nobody', text: 'x', dueDate: '2026-11-30' },
    ];
    await expect(store.walks.create(walk(), followUps, ANN, { kind: 'floorwalk', subject: 'week:2026-W48', answer: 'logged' })).rejects.toThrow();
    expect(await store.walks.hasWalkInWeek(ORG, ANN, '2026-W48')).toBe(false);
    expect(await engine.rows('floor_walks')).toEqual([]);
    expect(await engine.rows('follow_ups')).toEqual([]);
    expect(await engine.rows('audit_log')).toEqual([]);
    expect((await store.prompts.get(ORG, prompt.id))?.status).toBe('open');
    // The store goes on working after the rollback.
    expect((await store.walks.create(walk(), followUps.slice(0, 1), ANN)).followUps).toHaveLength(1);
  });

  it("lists a leader's walks in a range of weeks newest first (W53 before the next year), and knows a week with a walk", async () => {
    const { store, walk } = await setup();
    const w53 = await store.walks.create(walk({ walkDate: '2026-12-31', weekKey: '2026-W53' }), [], ANN);
    const w01 = await store.walks.create(walk({ walkDate: '2027-01-05', weekKey: '2027-W01' }), [], ANN);
    const sameDay = await store.walks.create(walk({ walkDate: '2027-01-05', weekKey: '2027-W01', area: 'Dock' }), [], ANN);
    await store.walks.create(walk({ walkDate: '2026-12-20', weekKey: '2026-W51' }), [], ANN);
    await store.walks.create(walk({ walkDate: '2026-12-31', weekKey: '2026-W53', personId: BOB }), [], BOB);
    await store.walks.create(walk({ orgId: OTHER_ORG, personId: 'slack:U1', walkDate: '2026-12-31', weekKey: '2026-W53' }), [], null);
    expect(ids(await store.walks.list(ORG, ANN, '2026-W52', '2027-W01'))).toEqual([sameDay.walk.id, w01.walk.id, w53.walk.id]);
    expect(ids(await store.walks.list(ORG, ANN, '2026-W52', '2027-W01', 2))).toEqual([sameDay.walk.id, w01.walk.id]);
    expect(await store.walks.list(OTHER_ORG, ANN, '2026-W01', '2027-W52')).toEqual([]);
    expect(await store.walks.hasWalkInWeek(ORG, ANN, '2026-W53')).toBe(true);
    expect(await store.walks.hasWalkInWeek(ORG, ANN, '2026-W52')).toBe(false);
    expect(await store.walks.hasWalkInWeek(OTHER_ORG, ANN, '2026-W53')).toBe(false);
    // A withdrawn walk no longer counts for its week.
    await store.walks.withdraw(ORG, w53.walk.id, 'wrong week', QM);
    expect(await store.walks.hasWalkInWeek(ORG, ANN, '2026-W53')).toBe(false);
  });

  it('corrects a walk keeping only the changed fields in the audit log, and withdraws it once', async () => {
    const { store, walk } = await setup();
    const { walk: w } = await store.walks.create(walk(), [], ANN);
    clock = T0 + HOUR;
    const content = { area: 'Line 4', walkDate: w.walkDate, weekKey: w.weekKey, wentWell: w.wentWell, concerns: 'Oil leak', tags: ['safety', '5S'] };
    const edited = await store.walks.edit(ORG, w.id, content, QM);
    expect(edited).toEqual({ ...w, area: 'Line 4', concerns: 'Oil leak', tags: ['safety', '5S'], recordedBy: QM });
    expect(await store.walks.get(ORG, w.id)).toEqual(edited);
    expect(await store.walks.edit(OTHER_ORG, w.id, content, QM)).toBeUndefined();
    clock = T0 + 2 * HOUR;
    const withdrawn = await store.walks.withdraw(ORG, w.id, 'duplicate', ANN);
    expect(withdrawn).toEqual({ ...edited, withdrawnAt: T0 + 2 * HOUR, withdrawnBy: ANN, withdrawnReason: 'duplicate', recordedBy: ANN });
    expect(await store.walks.withdraw(ORG, w.id, 'again', ANN)).toBeUndefined();
    expect(await store.walks.edit(ORG, w.id, { ...content, area: 'Line 5' }, ANN)).toBeUndefined();
    const history = await store.audit.history(ORG, 'floor_walk', String(w.id));
    expect(history.slice(1).map((h) => [h.action, h.actorId, h.before, h.after, h.at])).toEqual([
      [
        'update',
        QM,
        { recordedBy: ANN, area: 'Line 3', concerns: null, tags: ['safety'] },
        { recordedBy: QM, area: 'Line 4', concerns: 'Oil leak', tags: ['safety', '5S'] },
        T0 + HOUR,
      ],
      [
        'update',
        ANN,
        { withdrawnAt: null, withdrawnBy: null, withdrawnReason: null, recordedBy: QM },
        { withdrawnAt: T0 + 2 * HOUR, withdrawnBy: ANN, withdrawnReason: 'duplicate', recordedBy: ANN },
        T0 + 2 * HOUR,
      ],
    ]);
  });

  it('withdraws a walk once when two instances withdraw it at once', async () => {
    const { store, walk } = await setup();
    const { walk: w } = await store.walks.create(walk(), [], ANN);
    const other = await engine.openAnother(now);
    const results = await Promise.all([store.walks.withdraw(ORG, w.id, 'mine', ANN), other.walks.withdraw(ORG, w.id, 'theirs', QM)]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await store.audit.history(ORG, 'floor_walk', String(w.id))).toHaveLength(2);
  });

  it("pages and counts walks across the organisation's leaders, or those at one site, by walk date", async () => {
    const { store, walk, plant, depot } = await setup();
    const a = await store.walks.create(walk({ walkDate: '2026-11-20', weekKey: '2026-W47' }), [], ANN);
    const b = await store.walks.create(walk({ personId: BOB, walkDate: '2026-11-22' }), [], BOB);
    const c = await store.walks.create(walk({ personId: QM, walkDate: '2026-11-24' }), [], QM);
    const d = await store.walks.create(walk({ walkDate: '2026-11-24' }), [], ANN);
    await store.walks.create(walk({ walkDate: '2026-11-30', weekKey: '2026-W49' }), [], ANN);
    await store.walks.create(walk({ orgId: OTHER_ORG, personId: 'slack:U1' }), [], null);
    const all = { orgId: ORG, from: '2026-11-20', to: '2026-11-24' };
    expect(ids(await store.walks.listAcross(all, { offset: 0, limit: 10 }))).toEqual([d.walk.id, c.walk.id, b.walk.id, a.walk.id]);
    expect(ids(await store.walks.listAcross(all, { offset: 1, limit: 2 }))).toEqual([c.walk.id, b.walk.id]);
    expect(await store.walks.countAcross(all)).toBe(4);
    expect(ids(await store.walks.listAcross({ ...all, siteId: plant }, { offset: 0, limit: 10 }))).toEqual([d.walk.id, c.walk.id, a.walk.id]);
    expect(await store.walks.countAcross({ ...all, siteId: plant })).toBe(3);
    expect(ids(await store.walks.listAcross({ ...all, siteId: depot }, { offset: 0, limit: 10 }))).toEqual([b.walk.id]);
    expect(await store.walks.countAcross({ ...all, from: '2026-11-21', to: '2026-11-23' })).toBe(1);
    expect(await store.walks.countAcross({ orgId: OTHER_ORG, from: '2026-01-01', to: '2026-12-31' })).toBe(1);
    // Listed with the people they belong to: a walk of someone in another organisation never joins.
    expect(await store.walks.listAcross({ ...all, orgId: OTHER_ORG, siteId: plant }, { offset: 0, limit: 10 })).toEqual([]);
  });
});
