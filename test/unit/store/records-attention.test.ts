// The digest's "needs attention" queries, on both engines (test/support/engines.ts), over a
// hand-built record. The digest test (test/unit/scorecard/digest-attention.test.ts) covers them
// through the whole core on SQLite.
import { expect, it } from 'vitest';
import { describeEngines, type Engine } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson, seedRow } from './records-seed';

const T0 = Date.parse('2026-11-30T14:00:00Z');
const DAY = 86_400_000;
const [ANN, BEN, CAT, DAN, EVE, FAY, QUINN] = ['local:Ann', 'local:ben', 'local:cat', 'local:dan', 'local:eve', 'local:fay', 'local:quinn'];

async function seedPeople(engine: Engine) {
  for (const id of [ANN, BEN, CAT, DAN, EVE, FAY, QUINN]) await seedPerson(engine, id, id.slice(6));
}

/** A prompt sent `daysAgo` before T0, answered an hour later or not. */
function prompt(engine: Engine, personId: string, daysAgo: number, status: 'answered' | 'missed' | 'open', orgId = ORG) {
  const sentAt = T0 - daysAgo * DAY;
  return seedRow(engine, 'prompts', {
    orgId,
    personId,
    kind: 'floorwalk',
    subject: `week:${daysAgo}`,
    sentAt,
    status,
    answeredAt: status === 'answered' ? sentAt + 3_600_000 : null,
    answer: status === 'answered' ? 'yes' : null,
  });
}

async function meeting(engine: Engine, personId: string, title: string, answers: Array<[string, string | null]>, active = true) {
  const id = await seedRow(engine, 'meetings', {
    orgId: ORG,
    personId,
    title,
    recurrence: 'daily',
    time: '07:30',
    timeZone: 'America/Chicago',
    active,
    createdAt: 0,
  });
  for (const [localDate, answer] of answers) {
    await seedRow(engine, 'meeting_occurrences', {
      orgId: ORG,
      meetingId: id,
      personId,
      occurrenceKey: `${localDate}T07:30`,
      startsAt: Date.parse(`${localDate}T13:30:00Z`),
      localDate,
      answer,
    });
  }
  return id;
}

describeEngines('the digest’s attention queries', (engine) => {
  const now = () => T0;

  it('counts open follow-ups due before a date once per owner and per raiser, with the oldest due date', async () => {
    const store = await openRecords(engine, now);
    await seedPeople(engine);
    const mk = (ownerId: string, raisedBy: string, dueDate: string, orgId = ORG) =>
      store.followUps.create({ orgId, raisedBy, ownerId, text: 'x', dueDate }, raisedBy);
    await mk(BEN, QUINN, '2026-11-21');
    await mk(BEN, BEN, '2026-11-20');
    await mk(ANN, ANN, '2026-11-23');
    await mk(EVE, EVE, '2026-11-24');
    await store.followUps.close(ORG, (await mk(CAT, CAT, '2026-11-01')).id, '2026-11-02', CAT);
    await mk(DAN, DAN, '2026-11-01', OTHER_ORG);
    expect(await store.attention.overdueFollowUps(ORG, '2026-11-24')).toEqual([
      { personId: ANN, count: 1, oldestDue: '2026-11-23' },
      { personId: BEN, count: 2, oldestDue: '2026-11-20' },
      { personId: QUINN, count: 1, oldestDue: '2026-11-21' },
    ]);
  });

  it('finds runs of unanswered prompts back from the latest settled one, leaving out prompts that may still be answered', async () => {
    const store = await openRecords(engine, now);
    await seedPeople(engine);
    await prompt(engine, CAT, 20, 'answered');
    for (const d of [14, 7, 3]) await prompt(engine, CAT, d, 'missed');
    await prompt(engine, DAN, 10, 'answered');
    for (const d of [5, 4]) await prompt(engine, DAN, d, 'missed');
    await prompt(engine, DAN, 1, 'open'); // under 48 h old: may still be answered
    await prompt(engine, EVE, 6, 'missed');
    await prompt(engine, EVE, 5, 'answered');
    await prompt(engine, EVE, 1, 'missed');
    await prompt(engine, FAY, 40, 'answered'); // before the window
    for (const d of [9, 8]) await prompt(engine, FAY, d, 'missed');
    await prompt(engine, FAY, -1, 'missed'); // after now
    await prompt(engine, ANN, 3, 'open'); // over 48 h old, still open: unanswered
    await prompt(engine, ANN, 4, 'missed');
    await prompt(engine, BEN, 4, 'missed', OTHER_ORG);
    await prompt(engine, BEN, 5, 'missed', OTHER_ORG);
    const runs = await store.attention.unansweredRuns(ORG, { sinceMs: T0 - 30 * DAY, nowMs: T0, settleMs: 2 * DAY, minRun: 2 });
    expect(runs).toEqual([
      { personId: ANN, run: 2 },
      { personId: CAT, run: 3 },
      { personId: DAN, run: 2 },
      { personId: FAY, run: 2 },
    ]);
    expect(await store.attention.unansweredRuns(ORG, { sinceMs: T0 - 30 * DAY, nowMs: T0, settleMs: 2 * DAY, minRun: 3 })).toEqual([{ personId: CAT, run: 3 }]);
  });

  it('names active meetings whose checks so far were never answered', async () => {
    const store = await openRecords(engine, now);
    await seedPeople(engine);
    const daily = await meeting(engine, DAN, 'Daily', [
      ['2026-11-24', null],
      ['2026-11-25', null],
      ['2026-11-26', 'yes'], // after the date asked about
    ]);
    await meeting(engine, ANN, 'Stand-up', [
      ['2026-11-23', null],
      ['2026-11-24', 'cancelled'],
      ['2026-11-25', null],
    ]);
    await meeting(engine, EVE, 'Shift', [
      ['2026-11-23', 'yes'],
      ['2026-11-24', null],
    ]);
    await meeting(engine, EVE, 'Weekly', [['2026-11-25', null]]);
    await meeting(
      engine,
      CAT,
      'Removed',
      [
        ['2026-11-23', null],
        ['2026-11-24', null],
      ],
      false,
    );
    const found = await store.attention.unconfirmedMeetings(ORG, '2026-11-25', 2);
    expect(found).toEqual([{ personId: DAN, meetingId: daily, title: 'Daily', checks: 2, firstDate: '2026-11-24' }]);
    expect(await store.attention.unconfirmedMeetings(ORG, '2026-11-25', 3)).toEqual([]);
    expect((await store.attention.unconfirmedMeetings(ORG, '2026-11-26', 1)).map((m) => m.title)).toEqual(['Weekly']);
  });
});
