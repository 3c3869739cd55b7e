// The evidence pack's read-only queries, on both engines (test/support/engines.ts), over a
// hand-built November at two sites. The pack tests (test/unit/evidence) cover them through the
// whole core on SQLite.
import { expect, it } from 'vitest';
import type { EvidenceScope } from '../../../src/core/evidence/repo';
import { describeEngines, type Engine, type EngineStore } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson, seedRow, seedSite } from './records-seed';

const at = (iso: string) => Date.parse(iso);
const [ANN, BOB, QUINN] = ['local:ann', 'local:bob', 'local:quinn'];

async function walk(engine: Engine, personId: string, walkDate: string, tags: string[], withdrawn = false) {
  return seedRow(engine, 'floor_walks', {
    orgId: ORG,
    personId,
    area: `Area ${walkDate}`,
    walkDate,
    weekKey: '2026-W45',
    wentWell: 'Tidy',
    concerns: null,
    tags: JSON.stringify(tags),
    source: 'adhoc',
    withdrawnAt: withdrawn ? 1 : null,
    createdAt: 0,
    updatedAt: 0,
  });
}

async function occurrence(engine: Engine, meetingId: number, personId: string, localDate: string, answer: string, topic: string | null, tags: string[]) {
  await seedRow(engine, 'meeting_occurrences', {
    orgId: ORG,
    meetingId,
    personId,
    occurrenceKey: `${localDate}T07:30`,
    startsAt: at(`${localDate}T13:30:00Z`),
    localDate,
    answer,
    topic,
    tags: JSON.stringify(tags),
    answeredBy: personId,
  });
}

describeEngines('the evidence pack’s queries', (engine) => {
  let clock = at('2026-11-05T15:00:00Z');
  const now = () => clock;

  async function seedNovember() {
    clock = at('2026-10-10T15:00:00Z');
    const store = await openRecords(engine, now);
    const plant = await seedSite(engine, 'Plant 1');
    const depot = await seedSite(engine, 'Depot');
    await seedPerson(engine, ANN, 'Ann', { siteId: plant });
    await seedPerson(engine, BOB, 'Bob', { siteId: depot });
    await seedPerson(engine, QUINN, 'Quinn', { siteId: depot, role: 'quality_manager' });
    const fu = (ownerId: string, raisedBy: string, dueDate: string, walkId: number | null = null) =>
      store.followUps.create({ orgId: ORG, raisedBy, ownerId, text: `${ownerId} by ${dueDate}`, dueDate, walkId }, raisedBy);

    // Raised in October: one still open, one closed in October, one closed in November.
    const oldOpen = await fu(BOB, QUINN, '2026-10-20');
    await store.followUps.close(ORG, (await fu(ANN, ANN, '2026-10-15')).id, '2026-10-20', ANN);
    const oldClosedLate = await fu(ANN, QUINN, '2026-10-25');
    await walk(engine, ANN, '2026-10-30', ['safety']);

    clock = at('2026-11-05T15:00:00Z');
    const w1 = await walk(engine, ANN, '2026-11-05', ['safety', '5S']);
    const onTime = await fu(BOB, ANN, '2026-11-10', w1);
    const late = await fu(ANN, ANN, '2026-11-10', w1);
    const w2 = await walk(engine, BOB, '2026-11-20', []);
    await walk(engine, ANN, '2026-11-06', ['safety'], true);
    clock = at('2026-11-12T15:00:00Z');
    await store.followUps.close(ORG, onTime.id, '2026-11-09', BOB);
    await store.followUps.close(ORG, late.id, '2026-11-12', ANN);
    await store.followUps.close(ORG, oldClosedLate.id, '2026-11-02', ANN);

    const daily = await seedRow(engine, 'meetings', {
      orgId: ORG,
      personId: ANN,
      title: 'Daily',
      recurrence: 'daily',
      time: '07:30',
      timeZone: 'America/Chicago',
      createdAt: 0,
    });
    const weekly = await seedRow(engine, 'meetings', {
      orgId: ORG,
      personId: BOB,
      title: 'Weekly',
      recurrence: 'daily',
      time: '07:30',
      timeZone: 'America/Chicago',
      createdAt: 0,
    });
    await occurrence(engine, daily, ANN, '2026-11-03', 'yes', 'Scrap on line 2', ['scrap']);
    await occurrence(engine, daily, ANN, '2026-11-04', 'no', null, []);
    await occurrence(engine, weekly, BOB, '2026-11-10', 'yes', null, []);
    await occurrence(engine, daily, ANN, '2026-12-01', 'yes', 'December', []);

    const base = { orgId: ORG, teamId: null, tags: ['otd'], metric: null, people: [] as string[] };
    const win1 = await store.wins.create(
      { ...base, siteId: plant, postedBy: ANN, text: 'OTD 99 %', postedAt: at('2026-11-10T15:00:00Z'), people: [QUINN, BOB] },
      ANN,
    );
    const win2 = await store.wins.create({ ...base, siteId: null, postedBy: BOB, text: 'No returns', postedAt: at('2026-11-12T15:00:00Z') }, BOB);
    await store.wins.create({ ...base, siteId: plant, postedBy: ANN, text: 'October', postedAt: at('2026-10-31T15:00:00Z') }, ANN);
    const gone = await store.wins.create({ ...base, siteId: plant, postedBy: ANN, text: 'Twice', postedAt: at('2026-11-11T15:00:00Z') }, ANN);
    clock = at('2026-11-15T15:00:00Z');
    await store.wins.editText(ORG, win1.id, 'OTD 99.2 %', QUINN);
    await store.wins.withdraw(ORG, gone.id, 'posted twice', ANN);
    const objective = await store.objectives.create({ orgId: ORG, code: 'OTD', title: 'OTD', customerFocus: true }, QUINN);
    await store.objectives.update(ORG, objective.id, { title: 'On-time delivery' }, QUINN);
    clock = at('2026-12-02T15:00:00Z');
    await fu(ANN, ANN, '2026-12-10'); // raised after the period
    await store.wins.editText(ORG, win2.id, 'No returns at all', BOB);

    const scope: EvidenceScope = { orgId: ORG, from: '2026-11-01', to: '2026-11-30', startMs: at('2026-11-01T05:00:00Z'), endMs: at('2026-12-01T06:00:00Z') };
    return { store, plant, depot, scope, w1, w2, onTime, late, oldOpen, oldClosedLate, win1, win2, gone };
  }

  it('reads the period’s walks with their actions, and the meetings opened with a quality update', async () => {
    const { store, scope, plant, w1, w2 } = await seedNovember();
    const walk1 = {
      id: w1,
      personId: ANN,
      personName: 'Ann',
      area: 'Area 2026-11-05',
      walkDate: '2026-11-05',
      wentWell: 'Tidy',
      concerns: null,
      recordedBy: null,
    };
    expect(await store.evidence.walks(scope)).toEqual([
      { ...walk1, tags: ['safety', '5S'], actions: 2, actionsClosedOnTime: 1 },
      {
        id: w2,
        personId: BOB,
        personName: 'Bob',
        area: 'Area 2026-11-20',
        walkDate: '2026-11-20',
        wentWell: 'Tidy',
        concerns: null,
        recordedBy: null,
        tags: [],
        actions: 0,
        actionsClosedOnTime: 0,
      },
    ]);
    expect((await store.evidence.walks({ ...scope, siteId: plant })).map((w) => w.id)).toEqual([w1]);
    expect(await store.evidence.meetingUpdates(scope)).toEqual([
      { personId: ANN, personName: 'Ann', meetingTitle: 'Daily', localDate: '2026-11-03', topic: 'Scrap on line 2', tags: ['scrap'], recordedBy: ANN },
      { personId: BOB, personName: 'Bob', meetingTitle: 'Weekly', localDate: '2026-11-10', topic: null, tags: [], recordedBy: BOB },
    ]);
    expect((await store.evidence.meetingUpdates({ ...scope, siteId: plant })).map((m) => m.personId)).toEqual([ANN]);
    expect(await store.evidence.walks({ ...scope, orgId: OTHER_ORG })).toEqual([]);
  });

  it('reads the period’s wins with the people they name, by the win’s site or the poster’s', async () => {
    const { store, scope, depot, win1, win2 } = await seedNovember();
    expect(await store.evidence.wins(scope)).toEqual([
      {
        id: win1.id,
        postedBy: ANN,
        postedByName: 'Ann',
        text: 'OTD 99.2 %',
        tags: ['otd'],
        postedAt: at('2026-11-10T15:00:00Z'),
        recordedBy: QUINN,
        people: [BOB, QUINN],
      },
      {
        id: win2.id,
        postedBy: BOB,
        postedByName: 'Bob',
        text: 'No returns at all',
        tags: ['otd'],
        postedAt: at('2026-11-12T15:00:00Z'),
        recordedBy: BOB,
        people: [],
      },
    ]);
    expect((await store.evidence.wins({ ...scope, siteId: depot })).map((w) => w.id)).toEqual([win2.id]);
  });

  it('reads the follow-ups raised in the period or still open at its start', async () => {
    const { store, scope, plant, onTime, late, oldOpen, oldClosedLate } = await seedNovember();
    const found = await store.evidence.followUps(scope);
    expect(found.map((f) => f.id)).toEqual([oldOpen.id, oldClosedLate.id, onTime.id, late.id]);
    expect(found[0]).toEqual({
      id: oldOpen.id,
      text: `${BOB} by 2026-10-20`,
      ownerName: 'Bob',
      raisedByName: 'Quinn',
      raisedOn: at('2026-10-10T15:00:00Z'),
      dueDate: '2026-10-20',
      status: 'open',
      closedOn: null,
    });
    expect(found[3]).toMatchObject({ ownerName: 'Ann', raisedByName: 'Ann', status: 'done', closedOn: '2026-11-12', raisedOn: at('2026-11-05T15:00:00Z') });
    expect((await store.evidence.followUps({ ...scope, siteId: plant })).map((f) => f.id)).toEqual([oldClosedLate.id, onTime.id, late.id]);
  });

  it('reads the period’s corrections to records (not creations, not objectives) and the audit chain’s head', async () => {
    const { store, scope, win1, gone } = await seedNovember();
    const corrections = await store.evidence.corrections(scope);
    expect(corrections.map((c) => [c.entity, c.entityId, c.actorName])).toEqual([
      ['follow_up', expect.any(String), 'Bob'],
      ['follow_up', expect.any(String), 'Ann'],
      ['follow_up', expect.any(String), 'Ann'],
      ['win', String(win1.id), 'Quinn'],
      ['win', String(gone.id), 'Ann'],
    ]);
    expect(corrections[3]).toEqual({
      at: at('2026-11-15T15:00:00Z'),
      actorName: 'Quinn',
      entity: 'win',
      entityId: String(win1.id),
      action: 'update',
      before: { text: 'OTD 99 %', recordedBy: ANN },
      after: { text: 'OTD 99.2 %', recordedBy: QUINN },
    });
    await expectChainHead(engine, store);
  });
});

/** The head is the hash of the organisation's newest audit row, and counts its rows. */
async function expectChainHead(engine: Engine, store: EngineStore) {
  const rows = (await engine.rows('audit_log')).filter((r) => r.orgId === ORG);
  expect(rows.length).toBeGreaterThan(10);
  expect(await store.evidence.chainHead(ORG)).toEqual({ entries: rows.length, head: rows.at(-1)!.hash });
  expect(await store.evidence.chainHead(OTHER_ORG)).toEqual({ entries: 0, head: '0'.repeat(64) });
}
