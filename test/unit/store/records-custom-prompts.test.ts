// The custom prompts repository's contract, on both engines (test/support/engines.ts): definitions
// and their status, answers to the questions asked (prompts rows of kind 'custom'), corrections
// (every version an audit row), and the read-back queries.
import { expect, it } from 'vitest';
import type { NewCustomPrompt } from '../../../src/core/prompts/definition';
import type { AnswerVersion } from '../../../src/core/prompts/repo';
import { describeEngines, type Engine } from '../../support/engines';
import { ORG, OTHER_ORG, openRecords, seedPerson, seedRow, seedSite } from './records-seed';

const T0 = Date.parse('2026-12-03T15:00:00Z');
const HOUR = 3_600_000;

/** A question asked: one prompts row of kind 'custom' (subject 'custom:<definition>:<period>'). */
function ask(engine: Engine, personId: string, subject: string, over: Record<string, string | number | null> = {}) {
  return seedRow(engine, 'prompts', { orgId: ORG, personId, kind: 'custom', subject, sentAt: T0, status: 'open', ...over });
}

describeEngines('the custom prompts repository', (engine) => {
  let clock = T0;
  const now = () => clock;

  async function setup() {
    clock = T0;
    const store = await openRecords(engine, now);
    const plant = await seedSite(engine, 'Plant 1');
    await seedPerson(engine, 'local:ann', 'Ann', { siteId: plant });
    await seedPerson(engine, 'local:bob', 'Bob', { siteId: plant });
    await seedPerson(engine, 'local:Zed', 'Zed', { siteId: plant });
    const definition = (over: Partial<NewCustomPrompt> = {}): NewCustomPrompt => ({
      orgId: ORG,
      question: 'Did you review customer complaints?',
      cadence: { every: 'month', on: { day: 3 }, time: '09:00' },
      audience: { kind: 'leaders' },
      answers: ['yes', 'no', 'not applicable'],
      checklist: [],
      clauses: ['5.1.2'],
      weight: 10,
      createdBy: 'local:qm',
      ...over,
    });
    return { store, plant, definition };
  }

  const version = (over: Partial<AnswerVersion> = {}): AnswerVersion => ({
    answer: 'yes',
    items: [],
    note: null,
    outcome: 'done',
    answeredBy: 'local:ann',
    answeredAt: T0 + HOUR,
    reason: null,
    ...over,
  });

  it('stores definitions as given, lists them by id and audits their creation', async () => {
    const { store, plant, definition } = await setup();
    const first = await store.customPrompts.create(definition());
    const second = await store.customPrompts.create(
      definition({
        question: 'Walk the line and check',
        audience: { kind: 'site', siteId: plant },
        answers: [],
        checklist: ['guards in place', 'floor marked'],
        clauses: [],
        weight: null,
      }),
    );
    const third = await store.customPrompts.create(definition({ audience: { kind: 'people', personIds: ['local:bob', 'local:Zed'] } }));
    await store.customPrompts.create(definition({ orgId: OTHER_ORG }));
    expect(first).toEqual({ ...definition(), id: first.id, status: 'active', createdAt: T0 });
    expect(await store.customPrompts.get(ORG, second.id)).toEqual(second);
    expect(second).toMatchObject({ audience: { kind: 'site', siteId: plant }, checklist: ['guards in place', 'floor marked'], weight: null });
    expect((await store.customPrompts.get(ORG, third.id))?.audience).toEqual({ kind: 'people', personIds: ['local:bob', 'local:Zed'] });
    expect(await store.customPrompts.get(OTHER_ORG, first.id)).toBeUndefined();
    expect((await store.customPrompts.list(ORG)).map((p) => p.id)).toEqual([first.id, second.id, third.id]);
    const [audit] = await store.audit.history(ORG, 'custom_prompt', String(first.id));
    expect(audit).toMatchObject({ action: 'create', actorId: 'local:qm', after: { question: 'Did you review customer complaints?', weight: 10 } });
  });

  it('pauses, retires and resumes a definition: the scheduler sees the active ones, lists hide the retired', async () => {
    const { store, definition } = await setup();
    const a = await store.customPrompts.create(definition());
    const b = await store.customPrompts.create(definition());
    const other = await store.customPrompts.create(definition({ orgId: OTHER_ORG }));
    clock = T0 + HOUR;
    expect(await store.customPrompts.setStatus(ORG, a.id, 'paused', 'local:qm')).toMatchObject({ id: a.id, status: 'paused' });
    expect((await store.customPrompts.listActive()).map((p) => p.id)).toEqual([b.id, other.id]);
    await store.customPrompts.setStatus(ORG, b.id, 'retired', 'local:qm');
    expect((await store.customPrompts.list(ORG)).map((p) => [p.id, p.status])).toEqual([[a.id, 'paused']]);
    expect((await store.customPrompts.list(ORG, { includeRetired: true })).map((p) => p.status)).toEqual(['paused', 'retired']);
    expect(await store.customPrompts.setStatus(OTHER_ORG, a.id, 'active', 'local:qm')).toBeUndefined();
    expect(await store.customPrompts.setStatus(ORG, 999, 'active', 'local:qm')).toBeUndefined();
    await store.customPrompts.setStatus(ORG, a.id, 'active', 'local:ann');
    expect((await store.customPrompts.listActive()).map((p) => p.id)).toEqual([a.id, other.id]);
    const history = await store.audit.history(ORG, 'custom_prompt', String(a.id));
    expect(history.map((h) => [h.action, h.actorId, h.before, h.after, h.at])).toEqual([
      ['create', 'local:qm', null, expect.objectContaining({ status: 'active' }), T0],
      ['update', 'local:qm', { status: 'active' }, { status: 'paused' }, T0 + HOUR],
      ['update', 'local:ann', { status: 'paused' }, { status: 'active' }, T0 + HOUR],
    ]);
  });

  it('answers an open question once, closing it, and keeps the answer with the question', async () => {
    const { store, definition } = await setup();
    const d = await store.customPrompts.create(definition());
    const asked = await ask(engine, 'local:ann', `custom:${d.id}:2026-12`);
    const weekly = await ask(engine, 'local:ann', 'week:2026-W49', { kind: 'weekly' });
    const answer = {
      promptId: asked,
      answer: 'no',
      items: ['yes', 'n/a'],
      note: 'busy month',
      outcome: 'not_done' as const,
      answeredBy: 'local:ann',
      answeredAt: T0 + HOUR,
    };
    const saved = await store.customPrompts.answer(ORG, answer);
    expect(saved).toEqual({ ...answer, orgId: ORG, definitionId: d.id, personId: 'local:ann', periodKey: '2026-12', reason: null });
    expect(await store.customPrompts.answer(ORG, { ...answer, answer: 'yes' })).toBeUndefined(); // no longer open
    expect(await store.customPrompts.answer(ORG, { ...answer, promptId: weekly })).toBeUndefined(); // not a custom question
    expect(await store.customPrompts.answerTo(ORG, asked)).toEqual(saved);
    expect(await store.customPrompts.answerTo(OTHER_ORG, asked)).toBeUndefined();
    expect(await store.customPrompts.answerTo(ORG, weekly)).toBeUndefined();
    const [row] = (await engine.rows('prompts')).filter((r) => r.id === asked);
    expect(row).toMatchObject({ status: 'answered', answer: 'no', answeredAt: T0 + HOUR });
    const history = await store.audit.history(ORG, 'custom_answer', String(asked));
    expect(history.map((h) => [h.action, h.actorId, h.after])).toEqual([['create', 'local:ann', saved]]);
  });

  it('records corrections as new versions (the question keeps its first answer time) and answers a missed question late', async () => {
    const { store, definition } = await setup();
    const d = await store.customPrompts.create(definition());
    const asked = await ask(engine, 'local:ann', `custom:${d.id}:2026-12`);
    const missed = await ask(engine, 'local:bob', `custom:${d.id}:2026-11`, { status: 'missed', sentAt: T0 - 720 * HOUR });
    await store.customPrompts.answer(ORG, {
      promptId: asked,
      answer: 'no',
      items: [],
      note: null,
      outcome: 'not_done',
      answeredBy: 'local:ann',
      answeredAt: T0 + HOUR,
    });
    clock = T0 + 48 * HOUR;
    const corrected = await store.customPrompts.record(ORG, asked, version({ answeredBy: 'local:qm', answeredAt: clock, note: 'reviewed', reason: 'misread' }));
    expect(corrected?.before).toMatchObject({ answer: 'no', outcome: 'not_done', answeredBy: 'local:ann', reason: null });
    expect(corrected?.after).toEqual({
      ...version(),
      promptId: asked,
      orgId: ORG,
      definitionId: d.id,
      personId: 'local:ann',
      periodKey: '2026-12',
      answeredBy: 'local:qm',
      answeredAt: clock,
      note: 'reviewed',
      reason: 'misread',
    });
    expect(await store.customPrompts.answerTo(ORG, asked)).toEqual(corrected?.after);
    const late = await store.customPrompts.record(ORG, missed, version({ answeredBy: 'local:qm', answeredAt: clock, reason: 'told me on the phone' }));
    expect(late).toEqual({
      before: undefined,
      after: expect.objectContaining({ personId: 'local:bob', periodKey: '2026-11', reason: 'told me on the phone' }),
    });
    const rows = await engine.rows('prompts');
    expect(rows.find((r) => r.id === asked)).toMatchObject({ status: 'answered', answer: 'yes', answeredAt: T0 + HOUR });
    expect(rows.find((r) => r.id === missed)).toMatchObject({ status: 'answered', answer: 'yes', answeredAt: clock });
    expect(await store.customPrompts.record(ORG, 999, version())).toBeUndefined();
    expect(await store.customPrompts.record(OTHER_ORG, asked, version())).toBeUndefined();
    const history = await store.audit.history(ORG, 'custom_answer', String(asked));
    expect(history.map((h) => [h.action, h.actorId, (h.before as { answer?: string } | null)?.answer, (h.after as { reason: string | null }).reason])).toEqual([
      ['create', 'local:ann', undefined, null],
      ['update', 'local:qm', 'no', 'misread'],
    ]);
  });

  it('reads back the answers of a definition (newest period first, people in byte order) and its questions', async () => {
    const { store, definition } = await setup();
    const d = await store.customPrompts.create(definition());
    for (let i = 2; i <= 11; i++) await store.customPrompts.create(definition()); // definition 11: its subjects start like definition 1's
    const eleven = (await store.customPrompts.list(ORG)).at(-1)!;
    const q = {
      annNov: await ask(engine, 'local:ann', `custom:${d.id}:2026-11`, { sentAt: T0 - 720 * HOUR }),
      zedNov: await ask(engine, 'local:Zed', `custom:${d.id}:2026-11`, { sentAt: T0 - 720 * HOUR }),
      bobDec: await ask(engine, 'local:bob', `custom:${d.id}:2026-12`),
      annDec: await ask(engine, 'local:ann', `custom:${d.id}:2026-12`),
      elevenDec: await ask(engine, 'local:ann', `custom:${eleven.id}:2026-12`),
    };
    for (const promptId of [q.annNov, q.zedNov, q.annDec, q.elevenDec])
      await store.customPrompts.answer(ORG, { promptId, answer: 'yes', items: [], note: null, outcome: 'done', answeredBy: 'local:ann', answeredAt: T0 });
    const answers = await store.customPrompts.answers(ORG, d.id);
    expect(answers.map((a) => [a.periodKey, a.personId])).toEqual([
      ['2026-12', 'local:ann'],
      ['2026-11', 'local:Zed'],
      ['2026-11', 'local:ann'],
    ]);
    expect((await store.customPrompts.answers(ORG, d.id, 2)).map((a) => a.promptId)).toEqual([q.annDec, q.zedNov]);
    expect(await store.customPrompts.answers(OTHER_ORG, d.id)).toEqual([]);

    const questions = await store.customPrompts.questions(ORG, d.id);
    expect(questions.map((x) => x.promptId)).toEqual([q.annDec, q.bobDec, q.zedNov, q.annNov]);
    expect(questions[1]).toEqual({
      promptId: q.bobDec,
      definitionId: d.id,
      personId: 'local:bob',
      periodKey: '2026-12',
      status: 'open',
      sentAt: T0,
      answer: undefined,
    });
    expect(questions[0]?.answer).toMatchObject({ promptId: q.annDec, answer: 'yes', periodKey: '2026-12' });
    expect((await store.customPrompts.questions(ORG, d.id, { personId: 'local:ann' })).map((x) => x.promptId)).toEqual([q.annDec, q.annNov]);
    expect((await store.customPrompts.questions(ORG, d.id, { periodKey: '2026-11' })).map((x) => x.promptId)).toEqual([q.zedNov, q.annNov]);
    expect((await store.customPrompts.questions(ORG, d.id, { personId: 'local:ann', periodKey: '2026-11', limit: 1 })).map((x) => x.promptId)).toEqual([
      q.annNov,
    ]);
    expect((await store.customPrompts.questions(ORG, d.id, { limit: 1 })).map((x) => x.promptId)).toEqual([q.annDec]);
    expect((await store.customPrompts.questions(ORG, eleven.id)).map((x) => x.promptId)).toEqual([q.elevenDec]);
    expect(await store.customPrompts.questions(OTHER_ORG, d.id)).toEqual([]);
  });

  it('answers a question once when two instances answer it at the same moment, and chains two corrections', async () => {
    const { store, definition } = await setup();
    const other = await engine.openAnother(now);
    const d = await store.customPrompts.create(definition());
    for (let round = 0; round < 5; round++) {
      const asked = await ask(engine, 'local:ann', `custom:${d.id}:2026-${String(round + 1).padStart(2, '0')}`);
      const tap = (answer: string) => ({ promptId: asked, answer, items: [], note: null, outcome: 'done' as const, answeredBy: 'local:ann', answeredAt: T0 });
      const results = await Promise.all([store.customPrompts.answer(ORG, tap('yes')), other.customPrompts.answer(ORG, tap('no'))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const corrections = await Promise.all([
        store.customPrompts.record(ORG, asked, version({ answer: 'first', reason: 'a' })),
        other.customPrompts.record(ORG, asked, version({ answer: 'second', reason: 'b' })),
      ]);
      // Each correction replaced the version the other left (or the tap's): the versions chain.
      const history = await store.audit.history(ORG, 'custom_answer', String(asked));
      expect(history.map((h) => h.action)).toEqual(['create', 'update', 'update']);
      const [, v2, v3] = history;
      expect((v3!.before as { answer: string }).answer).toBe((v2!.after as { answer: string }).answer);
      expect(corrections.map((c) => c?.before?.answer).sort()).toEqual([results.find(Boolean)!.answer, (v2!.after as { answer: string }).answer].sort());
    }
  });
});
