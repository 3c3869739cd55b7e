// The follow-up repository's contract, on both engines (test/support/engines.ts). The floor-walk
// tests (test/unit/floor-walks) cover it through the whole core on SQLite.
import { expect, it } from 'vitest';
import type { NewFollowUp } from '../../../src/core/floor-walks/repo';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson, seedRow, seedSite } from './records-seed';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const DAY = 86_400_000;
const [LEADER, MEMBER, QM, OTHER] = ['local:lee', 'local:mo', 'local:quinn', 'local:ola'];

describeEngines('the follow-up repository', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup() {
    clock = T0;
    const store = await openRecords(engine, now);
    const plant = await seedSite(engine, 'Plant 1');
    const depot = await seedSite(engine, 'Depot');
    await seedPerson(engine, LEADER, 'Lee', { siteId: plant });
    await seedPerson(engine, MEMBER, 'Mo', { siteId: plant, role: 'member' });
    await seedPerson(engine, QM, 'Quinn', { siteId: depot, role: 'quality_manager' });
    await seedPerson(engine, OTHER, 'Ola', { siteId: depot });
    const mk = (ownerId: string, dueDate: string, raisedBy = LEADER, extra: Partial<NewFollowUp> = {}) =>
      store.followUps.create({ orgId: ORG, raisedBy, ownerId, text: `${ownerId} ${dueDate}`, dueDate, ...extra }, raisedBy);
    return { store, plant, depot, mk };
  }

  it('closes once, and reschedules with the earlier due date (and late-move reason) kept in the audit log', async () => {
    const { store } = await setup();
    const f = await store.followUps.create({ orgId: ORG, raisedBy: LEADER, ownerId: MEMBER, text: 'Fix guard', dueDate: '2026-11-20' }, LEADER);
    expect(f).toEqual({
      id: f.id,
      orgId: ORG,
      walkId: null,
      raisedBy: LEADER,
      ownerId: MEMBER,
      text: 'Fix guard',
      dueDate: '2026-11-20',
      status: 'open',
      closedAt: null,
      closedOn: null,
      createdAt: T0,
      recordedBy: null,
    });
    expect(await store.followUps.get(ORG, f.id)).toEqual(f);
    expect(await store.followUps.get(OTHER_ORG, f.id)).toBeUndefined();
    const late = await store.followUps.reschedule(ORG, f.id, '2026-11-27', MEMBER, 'parts late');
    expect(late).toMatchObject({ dueDate: '2026-11-27', lateMoveReason: 'parts late', recordedBy: MEMBER });
    const moved = await store.followUps.reschedule(ORG, f.id, '2026-12-04', MEMBER, 'still late');
    expect(moved?.lateMoveReason).toBe('still late');
    clock = T0 + DAY;
    const closed = await store.followUps.close(ORG, f.id, '2026-11-25', LEADER);
    expect(closed).toMatchObject({ status: 'done', closedOn: '2026-11-25', closedAt: T0 + DAY, recordedBy: LEADER });
    expect(await store.followUps.close(ORG, f.id, '2026-11-26', MEMBER)).toBeUndefined();
    expect(await store.followUps.reschedule(ORG, f.id, '2026-12-10', MEMBER)).toBeUndefined();
    const history = await store.audit.history(ORG, 'follow_up', String(f.id));
    expect(history.map((h) => [h.action, h.before, h.after])).toEqual([
      ['create', null, expect.objectContaining({ dueDate: '2026-11-20', status: 'open' })],
      ['update', { dueDate: '2026-11-20', recordedBy: null }, { dueDate: '2026-11-27', recordedBy: MEMBER, lateMoveReason: 'parts late' }],
      [
        'update',
        { dueDate: '2026-11-27', recordedBy: MEMBER, lateMoveReason: 'parts late' },
        { dueDate: '2026-12-04', recordedBy: MEMBER, lateMoveReason: 'still late' },
      ],
      [
        'update',
        { status: 'open', closedAt: null, closedOn: null, recordedBy: MEMBER },
        { status: 'done', closedAt: T0 + DAY, closedOn: '2026-11-25', recordedBy: LEADER },
      ],
    ]);
  });

  it('lists open ones per person, per organisation, overdue as of a date and due by a date, and counts them', async () => {
    const { store, mk } = await setup();
    const a = await mk(MEMBER, '2026-11-20');
    const b = await mk(QM, '2026-11-23', QM);
    const c = await mk(OTHER, '2026-12-01', OTHER);
    const d = await mk(MEMBER, '2026-11-20', QM);
    await store.followUps.close(ORG, (await mk(MEMBER, '2026-11-01')).id, '2026-11-02', MEMBER);
    await store.followUps.create({ orgId: OTHER_ORG, raisedBy: LEADER, ownerId: MEMBER, text: 'elsewhere', dueDate: '2026-11-01' }, null);
    const ids = (list: Array<{ id: number }>) => list.map((f) => f.id);
    expect(ids(await store.followUps.listOpenFor(ORG, LEADER))).toEqual([a.id]);
    expect(ids(await store.followUps.listOpenFor(ORG, MEMBER, 1))).toEqual([a.id]);
    expect(ids(await store.followUps.listOpenInOrg(ORG))).toEqual([a.id, d.id, b.id, c.id]);
    expect(ids(await store.followUps.listOpenInOrg(ORG, 2))).toEqual([a.id, d.id]);
    expect(ids(await store.followUps.listOverdue(ORG, '2026-11-23'))).toEqual([a.id, d.id]);
    expect(ids(await store.followUps.listOverdue(ORG, '2026-11-24', { personId: QM }))).toEqual([d.id, b.id]);
    expect(ids(await store.followUps.listOpenDueBy(ORG, '2026-11-23'))).toEqual([a.id, d.id, b.id]);
    expect(await store.followUps.countOpen(ORG)).toBe(4);
    expect(await store.followUps.countOpen(ORG, MEMBER)).toBe(2);
    expect(await store.followUps.countOpenBetween(ORG, LEADER, MEMBER)).toBe(1);
    expect(await store.followUps.countOpenBetween(ORG, QM, MEMBER)).toBe(1);
    expect(await store.followUps.countOpen(OTHER_ORG)).toBe(1);
  });

  it('lists a walk’s follow-ups in the order raised', async () => {
    const { store, mk } = await setup();
    const walkId = await seedRow(engine, 'floor_walks', {
      orgId: ORG,
      personId: LEADER,
      area: 'Line 3',
      walkDate: '2026-11-24',
      weekKey: '2026-W48',
      source: 'adhoc',
      createdAt: T0,
      updatedAt: T0,
    });
    const second = await mk(QM, '2026-11-20', LEADER, { walkId });
    const first = await mk(MEMBER, '2026-12-20', LEADER, { walkId });
    await mk(MEMBER, '2026-11-21');
    expect((await store.followUps.listForWalk(ORG, walkId)).map((f) => f.id)).toEqual([second.id, first.id]);
    expect(await store.followUps.listForWalk(OTHER_ORG, walkId)).toEqual([]);
  });

  it('pages a manager’s list by status, raising time, due date and site (owner or raiser there)', async () => {
    const { store, mk, depot } = await setup();
    const a = await mk(MEMBER, '2026-11-30');
    clock = T0 + DAY;
    const b = await mk(OTHER, '2026-11-28', OTHER);
    const c = await mk(MEMBER, '2026-11-29', QM);
    clock = T0 + 2 * DAY;
    const done1 = await mk(MEMBER, '2026-11-20');
    const done2 = await mk(MEMBER, '2026-11-21');
    await store.followUps.close(ORG, done1.id, '2026-11-27', MEMBER);
    await store.followUps.close(ORG, done2.id, '2026-11-26', MEMBER);
    const ids = (list: Array<{ id: number }>) => list.map((f) => f.id);
    const open = { orgId: ORG, status: 'open' as const };
    expect(ids(await store.followUps.listAcross(open, { offset: 0, limit: 10 }))).toEqual([b.id, c.id, a.id]);
    expect(ids(await store.followUps.listAcross(open, { offset: 1, limit: 1 }))).toEqual([c.id]);
    expect(ids(await store.followUps.listAcross({ ...open, siteId: depot }, { offset: 0, limit: 10 }))).toEqual([b.id, c.id]);
    expect(ids(await store.followUps.listAcross({ ...open, raisedFrom: T0 + DAY, raisedBefore: T0 + 2 * DAY }, { offset: 0, limit: 10 }))).toEqual([
      b.id,
      c.id,
    ]);
    expect(ids(await store.followUps.listAcross({ ...open, dueFrom: '2026-11-29', dueBefore: '2026-11-30' }, { offset: 0, limit: 10 }))).toEqual([c.id]);
    expect(ids(await store.followUps.listAcross({ orgId: ORG, status: 'done' }, { offset: 0, limit: 10 }))).toEqual([done1.id, done2.id]);
    expect(await store.followUps.countAcross(open)).toBe(3);
    expect(await store.followUps.countAcross({ ...open, siteId: depot })).toBe(2);
    expect(await store.followUps.countAcross({ orgId: ORG, status: 'done', raisedBefore: T0 + DAY })).toBe(0);
  });

  it('closes a follow-up once when two instances close it at the same moment', async () => {
    const { store, mk } = await setup();
    const other = await engine.openAnother(now);
    for (let round = 0; round < 5; round++) {
      const f = await mk(MEMBER, '2026-11-30');
      const results = await Promise.all([store.followUps.close(ORG, f.id, '2026-11-24', MEMBER), other.followUps.close(ORG, f.id, '2026-11-24', LEADER)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.audit.history(ORG, 'follow_up', String(f.id))).map((h) => h.action)).toEqual(['create', 'update']);
    }
  });
});
