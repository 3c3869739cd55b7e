// The prompts repository's contract, on both engines (test/support/engines.ts): what the prompt
// lifecycle, the floor walk, the meeting check and the follow-up nudges rely on.
import { expect, it } from 'vitest';
import type { Prompt } from '../../../src/core/floor-walks/repo';
import { describeEngines } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson } from './records-seed';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const HOUR = 3_600_000;
const ANN = 'local:ann';
const BOB = 'local:bob';

describeEngines('the prompts repository', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup() {
    clock = T0;
    const store = await openRecords(engine, now);
    await seedPerson(engine, ANN, 'Ann');
    await seedPerson(engine, BOB, 'Bob');
    await seedPerson(engine, 'slack:U1', 'Una', { orgId: OTHER_ORG });
    const send = (over: Partial<Parameters<typeof store.prompts.open>[0]> = {}) =>
      store.prompts.open({ orgId: ORG, personId: ANN, kind: 'floorwalk', subject: 'week:2026-W48', sentAt: T0, messageRef: 'C1:1', ...over });
    return { store, send };
  }
  const ids = (prompts: Prompt[]) => prompts.map((p) => p.id);

  it('opens a prompt once per person, kind and subject, keeping the first send', async () => {
    const { store, send } = await setup();
    const first = await send({ remindAt: T0 + HOUR, closesAt: T0 + 5 * HOUR });
    expect(first).toEqual({
      id: first.id,
      orgId: ORG,
      personId: ANN,
      kind: 'floorwalk',
      subject: 'week:2026-W48',
      sentAt: T0,
      answeredAt: null,
      answer: null,
      status: 'open',
      snoozeCount: 0,
      snoozedUntil: null,
      messageRef: 'C1:1',
      remindAt: T0 + HOUR,
      closesAt: T0 + 5 * HOUR,
    });
    expect(await send({ sentAt: T0 + HOUR, messageRef: 'C1:2' })).toEqual(first);
    expect((await send({ personId: BOB })).id).not.toBe(first.id);
    expect((await send({ kind: 'meeting_check' })).id).not.toBe(first.id);
    expect(await store.prompts.get(ORG, first.id)).toEqual(first);
    expect(await store.prompts.get(OTHER_ORG, first.id)).toBeUndefined();
    expect(await store.prompts.find(ORG, ANN, 'floorwalk', 'week:2026-W48')).toEqual(first);
    expect(await store.prompts.find(ORG, ANN, 'floorwalk', 'week:2026-W49')).toBeUndefined();
    expect(await engine.rows('prompts')).toHaveLength(3);
  });

  it('opens one row when two instances send the same prompt at once', async () => {
    const { store, send } = await setup();
    const other = await engine.openAnother(now);
    const request = { orgId: ORG, personId: ANN, kind: 'floorwalk', subject: 'week:2026-W48', sentAt: T0, messageRef: null };
    const [a, b, c] = await Promise.all([store.prompts.open(request), other.prompts.open(request), send()]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await engine.rows('prompts')).toHaveLength(1);
  });

  it('answers an open prompt once; a missed or answered prompt stays as it is', async () => {
    const { store, send } = await setup();
    const p = await send();
    expect(await store.prompts.answer(ORG, p.id, 'logged', T0 + HOUR)).toEqual({ ...p, status: 'answered', answer: 'logged', answeredAt: T0 + HOUR });
    expect(await store.prompts.answer(ORG, p.id, 'again', T0 + 2 * HOUR)).toBeUndefined();
    const q = await send({ subject: 'week:2026-W49' });
    expect(await store.prompts.answer(OTHER_ORG, q.id, 'logged', T0)).toBeUndefined();
    await store.prompts.markMissed(ORG, q.id, null);
    expect(await store.prompts.answer(ORG, q.id, 'late', T0)).toBeUndefined();
    expect((await store.prompts.get(ORG, q.id))?.status).toBe('missed');
    // Answering writes no audit row (the answer is the record: a walk, a meeting answer …).
    expect(await store.audit.history(ORG, 'prompt', String(p.id))).toEqual([]);
  });

  it('snoozes and marks missed only while open, each audited with the earlier values', async () => {
    const { store, send } = await setup();
    const p = await send({ remindAt: T0 + HOUR });
    clock = T0 + HOUR;
    expect(await store.prompts.snooze(ORG, p.id, T0 + 3 * HOUR, ANN)).toEqual({ ...p, snoozeCount: 1, snoozedUntil: T0 + 3 * HOUR, remindAt: T0 + 3 * HOUR });
    expect((await store.prompts.snooze(ORG, p.id, T0 + 4 * HOUR, ANN))?.snoozeCount).toBe(2);
    expect(await store.prompts.snooze(OTHER_ORG, p.id, T0 + 4 * HOUR, ANN)).toBeUndefined();
    clock = T0 + 5 * HOUR;
    expect((await store.prompts.markMissed(ORG, p.id, null))?.status).toBe('missed');
    expect(await store.prompts.markMissed(ORG, p.id, null)).toBeUndefined();
    expect(await store.prompts.snooze(ORG, p.id, T0 + 9 * HOUR, ANN)).toBeUndefined();
    const history = await store.audit.history(ORG, 'prompt', String(p.id));
    expect(history.map((h) => [h.action, h.actorId, h.before, h.after, h.at])).toEqual([
      ['update', ANN, { snoozeCount: 0, snoozedUntil: null }, { snoozeCount: 1, snoozedUntil: T0 + 3 * HOUR }, T0 + HOUR],
      ['update', ANN, { snoozeCount: 1, snoozedUntil: T0 + 3 * HOUR }, { snoozeCount: 2, snoozedUntil: T0 + 4 * HOUR }, T0 + HOUR],
      ['update', null, { status: 'open' }, { status: 'missed' }, T0 + 5 * HOUR],
    ]);
  });

  it('counts both snoozes when two instances snooze the same prompt at once', async () => {
    const { store, send } = await setup();
    const p = await send();
    const other = await engine.openAnother(now);
    await Promise.all([store.prompts.snooze(ORG, p.id, T0 + HOUR, ANN), other.prompts.snooze(ORG, p.id, T0 + 2 * HOUR, ANN)]);
    expect((await store.prompts.get(ORG, p.id))?.snoozeCount).toBe(2);
    const history = await store.audit.history(ORG, 'prompt', String(p.id));
    expect(history.map((h) => (h.before as { snoozeCount: number }).snoozeCount)).toEqual([0, 1]);
  });

  it('lists open prompts of a kind oldest first, per organisation and across them by time', async () => {
    const { store, send } = await setup();
    const late = await send({ sentAt: T0 + 2 * HOUR });
    const early = await send({ personId: BOB, sentAt: T0 });
    const tie = await send({ subject: 'week:2026-W47', sentAt: T0 });
    const elsewhere = await send({ orgId: OTHER_ORG, personId: 'slack:U1', sentAt: T0 + HOUR });
    await send({ kind: 'meeting_check', subject: 'occurrence:1' });
    const answered = await send({ subject: 'week:2026-W46', sentAt: T0 + HOUR });
    await store.prompts.answer(ORG, answered.id, 'logged', T0);
    expect(ids(await store.prompts.listOpen(ORG, 'floorwalk'))).toEqual([early.id, tie.id, late.id]);
    expect(ids(await store.prompts.listOpen(OTHER_ORG, 'floorwalk'))).toEqual([elsewhere.id]);
    // Sent in (from, to], or snoozed until a time in (from, to].
    const snoozed = await send({ subject: 'week:2026-W45', sentAt: T0 - 9 * HOUR });
    await store.prompts.snooze(ORG, snoozed.id, T0 + 3 * HOUR, ANN);
    const sentIn = [
      { from: T0, to: T0 + HOUR },
      { from: T0 + 2 * HOUR - 1, to: T0 + 2 * HOUR },
    ];
    expect(ids(await store.prompts.listOpenByTime('floorwalk', sentIn, { from: T0 + 2 * HOUR, to: T0 + 3 * HOUR }))).toEqual([
      snoozed.id,
      elsewhere.id,
      late.id,
    ]);
    expect(ids(await store.prompts.listOpenByTime('floorwalk', [], { from: T0 + 3 * HOUR, to: T0 + 4 * HOUR }))).toEqual([]);
  });

  it("finds the lifecycle's due prompts by reminder, period end or send time, each once", async () => {
    const { store, send } = await setup();
    const a = await send({ subject: 'week:1', sentAt: T0 + 1, remindAt: T0 + HOUR, closesAt: T0 + 10 * HOUR });
    const b = await send({ subject: 'week:2', sentAt: T0, remindAt: T0 + 2 * HOUR, closesAt: T0 + 5 * HOUR });
    const c = await send({ orgId: OTHER_ORG, personId: 'slack:U1', subject: 'week:3', sentAt: T0 + 2, remindAt: T0 + 2 * HOUR, closesAt: T0 + 11 * HOUR });
    const unscheduled = await send({ subject: 'week:4', sentAt: T0 + 3 });
    const oldUnscheduled = await send({ subject: 'week:5', sentAt: T0 - HOUR });
    const done = await send({ subject: 'week:6', remindAt: T0 + HOUR, closesAt: T0 + 5 * HOUR });
    await store.prompts.answer(ORG, done.id, 'logged', T0);
    await send({ kind: 'meeting_check', subject: 'occurrence:1', remindAt: T0 + HOUR, closesAt: T0 + 5 * HOUR });
    const due = async (column: 'remindAt' | 'closesAt' | 'sentAt', ranges: Array<[number, number]>) =>
      ids(
        await store.prompts.listOpenDue(
          'floorwalk',
          column,
          ranges.map(([from, to]) => ({ from, to })),
        ),
      );
    // Ranges exclude from and include to; overlapping ranges give each prompt once, oldest sent first.
    expect(await due('remindAt', [[T0, T0 + 2 * HOUR]])).toEqual([b.id, a.id, c.id]);
    expect(await due('remindAt', [[T0 + HOUR, T0 + 2 * HOUR]])).toEqual([b.id, c.id]);
    expect(await due('remindAt', [[T0, T0 + HOUR - 1]])).toEqual([]);
    expect(
      await due('remindAt', [
        [T0, T0 + HOUR],
        [T0 + HOUR - 1, T0 + 2 * HOUR],
      ]),
    ).toEqual([b.id, a.id, c.id]);
    expect(await due('closesAt', [[T0 + 5 * HOUR - 1, T0 + 5 * HOUR]])).toEqual([b.id]);
    expect(
      await due('closesAt', [
        [T0 + 9 * HOUR, T0 + 10 * HOUR],
        [T0 + 11 * HOUR - 1, T0 + 12 * HOUR],
      ]),
    ).toEqual([a.id, c.id]);
    expect(await due('sentAt', [[T0 - 1, T0 + 2]])).toEqual([b.id, a.id, c.id]);
    expect(await due('sentAt', [])).toEqual([]);
    // A snooze moves the reminder.
    await store.prompts.snooze(ORG, a.id, T0 + 4 * HOUR, ANN);
    expect(await due('remindAt', [[T0, T0 + 2 * HOUR]])).toEqual([b.id, c.id]);
    expect(await due('remindAt', [[T0 + 3 * HOUR, T0 + 4 * HOUR]])).toEqual([a.id]);
    expect(ids(await store.prompts.listOpenUnscheduled('floorwalk'))).toEqual([oldUnscheduled.id, unscheduled.id]);
    expect(ids(await store.prompts.listOpenUnscheduled('meeting_check'))).toEqual([]);
  });

  it('answers every open prompt whose subject starts with a prefix, and only those', async () => {
    const { store, send } = await setup();
    const nudge = { kind: 'followup_nudge' };
    const a = await send({ ...nudge, subject: 'followup:1:2026-11-24', sentAt: T0 + 1 });
    const b = await send({ ...nudge, personId: BOB, subject: 'followup:1:2026-11-25', sentAt: T0 });
    const longerId = await send({ ...nudge, subject: 'followup:12:2026-11-24' });
    const otherKind = await send({ kind: 'floorwalk', subject: 'followup:1:2026-11-24' });
    const otherOrg = await send({ ...nudge, orgId: OTHER_ORG, personId: 'slack:U1', subject: 'followup:1:2026-11-24' });
    const missed = await send({ ...nudge, subject: 'followup:1:2026-11-20' });
    await store.prompts.markMissed(ORG, missed.id, null);
    const answered = await store.prompts.answerAllOpen(ORG, 'followup_nudge', 'followup:1:', 'closed', T0 + HOUR);
    expect(answered.map((p) => [p.id, p.status, p.answer, p.answeredAt]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      [a.id, 'answered', 'closed', T0 + HOUR],
      [b.id, 'answered', 'closed', T0 + HOUR],
    ]);
    for (const untouched of [longerId, otherKind, otherOrg]) expect((await store.prompts.get(untouched.orgId, untouched.id))?.status).toBe('open');
    expect((await store.prompts.get(ORG, missed.id))?.status).toBe('missed');
    expect(await store.prompts.answerAllOpen(ORG, 'followup_nudge', 'followup:1:', 'closed', T0 + HOUR)).toEqual([]);
  });
});
