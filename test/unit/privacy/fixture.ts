// A week of Maria Lopez's records in the demo plant (week 48 of 2026), each kind of data a person
// can have, with her name also written into other people's text — for export, erasure and retention.
import Database from 'better-sqlite3';
import { seedDemo } from '../../../src/core/people/demo';
import { makeTestCore, type TestCore } from '../../support/core';

export const ORG = 'local';
export const MARIA = 'local:maria';
export const PRIYA = 'local:priya';
export const ADA = 'local:ada';
export const QUINN = 'local:quinn';

/** Text only Maria's records hold: none of it may survive her erasure anywhere in the database. */
export const MARIAS_TEXT = [
  'Maria Lopez',
  'Guard loose',
  '5S on Line 2 is tidy',
  'Fix the guard',
  'Scrap down 20 %',
  'scrap −20 %',
  'Training in Berlin',
  'Scrap on Line 2',
  'Risk register walked through',
];

export async function mariasWeek(): Promise<TestCore> {
  const tc = makeTestCore('2026-11-23T15:00:00Z');
  await seedDemo(tc.deps);
  const { store } = tc;
  const meeting = (await store.meetings.list(ORG, MARIA))[0]!;
  const occurrence = await store.meetings.ensureOccurrence({
    orgId: ORG,
    meetingId: meeting.id,
    personId: MARIA,
    occurrenceKey: '2026-11-23T07:30',
    startsAt: Date.parse('2026-11-23T13:30:00Z'),
    localDate: '2026-11-23',
  });
  await store.meetings.answerOccurrence(
    ORG,
    occurrence.id,
    { answer: 'yes', topic: 'Scrap on Line 2 with Priya Nair', tags: [], by: MARIA, at: tc.clock.now() },
    MARIA,
  );
  const walk = await store.walks.create(
    {
      orgId: ORG,
      personId: MARIA,
      area: 'Line 2',
      walkDate: '2026-11-23',
      weekKey: '2026-W48',
      wentWell: '5S on Line 2 is tidy',
      concerns: 'Guard loose',
      tags: [],
      source: 'adhoc',
    },
    [{ raisedBy: MARIA, ownerId: PRIYA, text: 'Fix the guard', dueDate: '2026-11-27' }],
    MARIA,
  );
  await store.followUps.close(ORG, walk.followUps[0]!.id, '2026-11-25', PRIYA);
  const priyasWalk = await store.walks.create(
    {
      orgId: ORG,
      personId: PRIYA,
      area: 'Machining',
      walkDate: '2026-11-24',
      weekKey: '2026-W48',
      wentWell: 'Talked with Maria Lopez about torque',
      concerns: null,
      tags: [],
      source: 'adhoc',
    },
    [{ raisedBy: PRIYA, ownerId: MARIA, text: 'Maria Lopez to check the torque tool', dueDate: '2026-11-26' }],
    PRIYA,
  );
  await store.followUps.close(ORG, priyasWalk.followUps[0]!.id, '2026-11-26', MARIA);
  await store.wins.create(
    {
      orgId: ORG,
      siteId: null,
      teamId: null,
      postedBy: MARIA,
      text: 'Scrap down 20 % thanks to Priya Nair',
      tags: [],
      metric: 'scrap −20 %',
      postedAt: tc.clock.now(),
      people: [PRIYA],
    },
    MARIA,
  );
  await store.wins.create(
    {
      orgId: ORG,
      siteId: null,
      teamId: null,
      postedBy: PRIYA,
      text: 'Thanks @maria and Maria Lopez for the kaizen',
      tags: [],
      metric: null,
      postedAt: tc.clock.now(),
      people: [MARIA],
    },
    PRIYA,
  );
  await store.away.add(ORG, { personId: MARIA, fromDate: '2026-12-07', toDate: '2026-12-09', reason: 'Training in Berlin', recordedBy: MARIA }, MARIA);
  const prompt = await store.prompts.open({
    orgId: ORG,
    personId: MARIA,
    kind: 'floorwalk',
    subject: 'week:2026-W48',
    sentAt: tc.clock.now(),
    messageRef: null,
  });
  await store.prompts.answer(ORG, prompt.id, 'logged', tc.clock.now() + 60_000);
  const asked = await store.prompts.open({
    orgId: ORG,
    personId: MARIA,
    kind: 'custom',
    subject: 'custom:2:2026-Q4',
    sentAt: tc.clock.now(),
    messageRef: null,
  });
  await store.customPrompts.answer(ORG, {
    promptId: asked.id,
    answer: '3 of 3 yes',
    items: ['yes', 'yes', 'yes'],
    note: 'Risk register walked through',
    outcome: 'done',
    answeredBy: MARIA,
    answeredAt: tc.clock.now(),
  });
  return tc;
}

/** Every text value in every table of the database, for "is it gone everywhere?" checks. */
export function everyText(dbPath: string): string {
  const raw = new Database(dbPath, { readonly: true });
  try {
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
      .all() as Array<{ name: string }>;
    return tables.map((t) => JSON.stringify(raw.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
  } finally {
    raw.close();
  }
}
