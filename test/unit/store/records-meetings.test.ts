// The meetings repository's contract, on both engines (test/support/engines.ts): meetings, their
// dated occurrences, answers and corrections (audited), and the check prompt an answer closes.
import { expect, it } from 'vitest';
import type { NewMeeting, NewOccurrence } from '../../../src/core/meetings/repo';
import { answerView } from '../../../src/store/shared/meeting-answer';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson } from './records-seed';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANN = 'local:ann';
const BOB = 'local:bob';
const QM = 'local:qm';

describeEngines('the meetings repository', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup() {
    clock = T0;
    const store = await openRecords(engine, now);
    for (const [id, name] of [
      [ANN, 'Ann'],
      [BOB, 'Bob'],
      [QM, 'Quinn'],
    ] as const)
      await seedPerson(engine, id, name);
    await seedPerson(engine, 'slack:U1', 'Una', { orgId: OTHER_ORG });
    const meeting = (over: Partial<NewMeeting> = {}): NewMeeting => ({
      orgId: ORG,
      personId: ANN,
      title: 'Shift start',
      recurrence: { kind: 'weekdays' },
      time: '07:30',
      timeZone: 'America/Chicago',
      leadMinutes: 10,
      durationMinutes: 30,
      channel: null,
      ...over,
    });
    return { store, meeting };
  }

  async function withOccurrence() {
    const s = await setup();
    const m = await s.store.meetings.create(s.meeting(), ANN);
    const occurrence = (over: Partial<NewOccurrence> = {}): NewOccurrence => ({
      orgId: ORG,
      meetingId: m.id,
      personId: ANN,
      occurrenceKey: '2026-11-24T07:30',
      startsAt: T0,
      localDate: '2026-11-24',
      ...over,
    });
    const o = await s.store.meetings.ensureOccurrence(occurrence());
    return { ...s, m, o, occurrence };
  }

  it('stores each kind of recurrence and reads it back, audited', async () => {
    const { store, meeting } = await setup();
    const days = await store.meetings.create(meeting({ recurrence: { kind: 'days', days: [1, 3, 5] }, channel: 'C42' }), QM);
    const cron = await store.meetings.create(meeting({ recurrence: { kind: 'cron', expr: '30 7 * * 1-5' }, time: '07:30' }), ANN);
    const daily = await store.meetings.create(meeting({ recurrence: { kind: 'daily' }, leadMinutes: 0, durationMinutes: 15 }), null);
    expect(days).toEqual({
      id: days.id,
      orgId: ORG,
      personId: ANN,
      title: 'Shift start',
      recurrence: { kind: 'days', days: [1, 3, 5] },
      time: '07:30',
      timeZone: 'America/Chicago',
      leadMinutes: 10,
      durationMinutes: 30,
      channel: 'C42',
      active: true,
      createdAt: T0,
      removedAt: null,
    });
    // A cron rule carries its own time.
    expect(cron).toMatchObject({ recurrence: { kind: 'cron', expr: '30 7 * * 1-5' }, time: null });
    for (const m of [days, cron, daily]) expect(await store.meetings.get(ORG, m.id)).toEqual(m);
    expect(await store.meetings.get(OTHER_ORG, days.id)).toBeUndefined();
    const [audit] = await store.audit.history(ORG, 'meeting', String(days.id));
    expect(audit).toMatchObject({ action: 'create', actorId: QM, before: null, after: { ...days }, at: T0 });
  });

  it('lists active meetings by id, per leader and across organisations, and removes one once', async () => {
    const { store, meeting } = await setup();
    const a = await store.meetings.create(meeting(), ANN);
    const b = await store.meetings.create(meeting({ personId: BOB }), BOB);
    const c = await store.meetings.create(meeting({ orgId: OTHER_ORG, personId: 'slack:U1' }), null);
    const d = await store.meetings.create(meeting({ title: 'Weekly review' }), ANN);
    const ids = (ms: Array<{ id: number }>) => ms.map((m) => m.id);
    expect(ids(await store.meetings.list(ORG))).toEqual([a.id, b.id, d.id]);
    expect(ids(await store.meetings.list(ORG, ANN))).toEqual([a.id, d.id]);
    expect(ids(await store.meetings.listActive())).toEqual([a.id, b.id, c.id, d.id]);
    clock = T0 + DAY;
    expect(await store.meetings.remove(OTHER_ORG, a.id, QM)).toBeUndefined();
    const removed = await store.meetings.remove(ORG, a.id, QM);
    expect(removed).toEqual({ ...a, active: false, removedAt: T0 + DAY });
    expect(await store.meetings.remove(ORG, a.id, QM)).toBeUndefined();
    expect(await store.meetings.get(ORG, a.id)).toEqual(removed);
    expect(ids(await store.meetings.list(ORG, ANN))).toEqual([d.id]);
    expect(ids(await store.meetings.listActive())).toEqual([b.id, c.id, d.id]);
    const history = await store.audit.history(ORG, 'meeting', String(a.id));
    expect(history.map((h) => [h.action, h.actorId, h.before, h.after])).toEqual([
      ['create', ANN, null, { ...a }],
      ['delete', QM, { ...a }, { ...removed }],
    ]);
  });

  it('keeps one occurrence per meeting and key, however often or from how many instances it is ensured', async () => {
    const { store, m, o, occurrence } = await withOccurrence();
    expect(o).toEqual({
      id: o.id,
      orgId: ORG,
      meetingId: m.id,
      personId: ANN,
      occurrenceKey: '2026-11-24T07:30',
      startsAt: T0,
      localDate: '2026-11-24',
      answer: null,
      topic: null,
      tags: [],
      answeredAt: null,
      answeredBy: null,
    });
    expect(await store.meetings.ensureOccurrence(occurrence({ startsAt: T0 + HOUR }))).toEqual(o);
    const other = await engine.openAnother(now);
    const next = occurrence({ occurrenceKey: '2026-11-25T07:30', startsAt: T0 + DAY, localDate: '2026-11-25' });
    const [x, y] = await Promise.all([store.meetings.ensureOccurrence(next), other.meetings.ensureOccurrence(next)]);
    expect(y).toEqual(x);
    expect(x.id).not.toBe(o.id);
    expect(await engine.rows('meeting_occurrences')).toHaveLength(2);
    expect(await store.meetings.getOccurrence(ORG, o.id)).toEqual(o);
    expect(await store.meetings.getOccurrence(OTHER_ORG, o.id)).toBeUndefined();
    expect(await store.meetings.findOccurrence(ORG, m.id, '2026-11-25T07:30')).toEqual(x);
    expect(await store.meetings.findOccurrence(OTHER_ORG, m.id, '2026-11-25T07:30')).toBeUndefined();
    expect(await store.meetings.findOccurrence(ORG, m.id, '2026-11-26T07:30')).toBeUndefined();
  });

  it('answers and corrects an occurrence, the audit log keeping each earlier answer', async () => {
    const { store, o } = await withOccurrence();
    clock = T0 + HOUR;
    const yes = await store.meetings.answerOccurrence(ORG, o.id, { answer: 'yes', topic: 'Scrap down', tags: ['scrap'], by: ANN, at: T0 + HOUR }, ANN);
    expect(yes).toEqual({ ...o, answer: 'yes', topic: 'Scrap down', tags: ['scrap'], answeredAt: T0 + HOUR, answeredBy: ANN });
    // A second tap changes nothing.
    expect(await store.meetings.answerOccurrence(ORG, o.id, { answer: 'no', by: ANN, at: T0 + 2 * HOUR }, ANN, { ifUnanswered: true })).toBeUndefined();
    clock = T0 + DAY;
    // A correction leaves topic and tags as they were when not given.
    const no = await store.meetings.answerOccurrence(ORG, o.id, { answer: 'no', by: QM, at: T0 + DAY }, QM);
    expect(no).toEqual({ ...yes, answer: 'no', answeredAt: T0 + DAY, answeredBy: QM });
    const topic = await store.meetings.setTopic(ORG, o.id, 'Late trucks', ['OTD', 'safety'], ANN);
    expect(topic).toEqual({ ...no, topic: 'Late trucks', tags: ['OTD', 'safety'] });
    expect(await store.meetings.getOccurrence(ORG, o.id)).toEqual(topic);
    expect(await store.meetings.answerOccurrence(OTHER_ORG, o.id, { answer: 'yes', by: ANN, at: T0 }, ANN)).toBeUndefined();
    expect(await store.meetings.setTopic(ORG, o.id + 99, 'x', [], ANN)).toBeUndefined();
    const history = await store.audit.history(ORG, 'meeting_occurrence', String(o.id));
    expect(history.map((h) => [h.action, h.actorId, h.before, h.after, h.at])).toEqual([
      ['update', ANN, answerView(o), answerView(yes!), T0 + HOUR],
      ['update', QM, answerView(yes!), answerView(no!), T0 + DAY],
      ['update', ANN, answerView(no!), answerView(topic!), T0 + DAY],
    ]);
  });

  it("closes the leader's open check prompt in the answer's transaction, and only an open one", async () => {
    const { store, o, occurrence } = await withOccurrence();
    const subject = `occurrence:${o.id}`;
    const check = await store.prompts.open({ orgId: ORG, personId: ANN, kind: 'meeting_check', subject, sentAt: T0, messageRef: 'C1:9' });
    const bobs = await store.prompts.open({ orgId: ORG, personId: BOB, kind: 'meeting_check', subject, sentAt: T0, messageRef: null });
    const closes = { kind: 'meeting_check', subject, answer: 'yes' };
    // Answered by a manager for the leader: the leader's prompt closes, at the answer's time.
    await store.meetings.answerOccurrence(ORG, o.id, { answer: 'yes', by: QM, at: T0 + HOUR }, QM, { ifUnanswered: true, closes });
    expect(await store.prompts.get(ORG, check.id)).toEqual({ ...check, status: 'answered', answer: 'yes', answeredAt: T0 + HOUR });
    expect((await store.prompts.get(ORG, bobs.id))?.status).toBe('open');
    // A refused second answer closes nothing; a correction finds the prompt already answered.
    const next = await store.meetings.ensureOccurrence(occurrence({ occurrenceKey: '2026-11-25T07:30' }));
    const nextCheck = await store.prompts.open({
      orgId: ORG,
      personId: ANN,
      kind: 'meeting_check',
      subject: `occurrence:${next.id}`,
      sentAt: T0,
      messageRef: null,
    });
    await store.meetings.answerOccurrence(ORG, next.id, { answer: 'no', by: ANN, at: T0 }, ANN);
    const refused = await store.meetings.answerOccurrence(ORG, next.id, { answer: 'yes', by: ANN, at: T0 }, ANN, {
      ifUnanswered: true,
      closes: { kind: 'meeting_check', subject: `occurrence:${next.id}`, answer: 'yes' },
    });
    expect(refused).toBeUndefined();
    expect((await store.prompts.get(ORG, nextCheck.id))?.status).toBe('open');
    const corrected = await store.meetings.answerOccurrence(ORG, o.id, { answer: 'cancelled', by: ANN, at: T0 + 2 * HOUR }, ANN, { closes });
    expect(corrected?.answer).toBe('cancelled');
    expect(await store.prompts.get(ORG, check.id)).toEqual({ ...check, status: 'answered', answer: 'yes', answeredAt: T0 + HOUR });
  });

  it('records one answer when two instances answer an unanswered occurrence at once', async () => {
    const { store, o } = await withOccurrence();
    const other = await engine.openAnother(now);
    const results = await Promise.all([
      store.meetings.answerOccurrence(ORG, o.id, { answer: 'yes', by: ANN, at: T0 + 1 }, ANN, { ifUnanswered: true }),
      other.meetings.answerOccurrence(ORG, o.id, { answer: 'no', by: QM, at: T0 + 2 }, QM, { ifUnanswered: true }),
    ]);
    const recorded = results.filter((r) => r !== undefined);
    expect(recorded).toHaveLength(1);
    expect(await store.meetings.getOccurrence(ORG, o.id)).toEqual(recorded[0]);
    expect(await store.audit.history(ORG, 'meeting_occurrence', String(o.id))).toHaveLength(1);
  });

  it("lists a leader's recent occurrences newest first, before a time, limited", async () => {
    const { store, meeting, o, occurrence } = await withOccurrence();
    const later = await store.meetings.ensureOccurrence(occurrence({ occurrenceKey: '2026-11-25T07:30', startsAt: T0 + DAY, localDate: '2026-11-25' }));
    const sameStart = await store.meetings.ensureOccurrence(occurrence({ occurrenceKey: '2026-11-25T07:30b', startsAt: T0 + DAY, localDate: '2026-11-25' }));
    const earlier = await store.meetings.ensureOccurrence(occurrence({ occurrenceKey: '2026-11-23T07:30', startsAt: T0 - DAY, localDate: '2026-11-23' }));
    const bobs = await store.meetings.create(meeting({ personId: BOB }), BOB);
    await store.meetings.ensureOccurrence(occurrence({ meetingId: bobs.id, personId: BOB }));
    const ids = (os: Array<{ id: number }>) => os.map((x) => x.id);
    expect(ids(await store.meetings.recentOccurrences(ORG, ANN))).toEqual([sameStart.id, later.id, o.id, earlier.id]);
    expect(ids(await store.meetings.recentOccurrences(ORG, ANN, { before: T0 + DAY }))).toEqual([o.id, earlier.id]);
    expect(ids(await store.meetings.recentOccurrences(ORG, ANN, { limit: 2 }))).toEqual([sameStart.id, later.id]);
    expect(await store.meetings.recentOccurrences(OTHER_ORG, ANN)).toEqual([]);
  });
});
