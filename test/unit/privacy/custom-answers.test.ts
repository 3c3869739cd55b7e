// Custom prompt answers under erasure and retention: an erased leader's note is erased everywhere
// (live row and audit log), their name in a correction's reason becomes the pseudonym, and the
// record still verifies; a retention run over prompts removes
// the answers with their questions and verify still passes.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { ADA, everyText, MARIA, mariasWeek, ORG, QUINN } from './fixture';

let tc: TestCore;
afterEach(() => tc?.cleanup());

const NOTE = 'Complaint 4711 reviewed with Maria Lopez on the line';

async function answered() {
  tc = await mariasWeek();
  const asked = await tc.store.prompts.open({
    orgId: ORG,
    personId: MARIA,
    kind: 'custom',
    subject: 'custom:1:2026-11',
    sentAt: tc.clock.now(),
    messageRef: null,
  });
  await tc.store.customPrompts.answer(ORG, {
    promptId: asked.id,
    answer: 'yes',
    items: [],
    note: NOTE,
    outcome: 'done',
    answeredBy: MARIA,
    answeredAt: tc.clock.now(),
  });
  return asked.id;
}

describe('custom prompt answers and a person’s data', () => {
  it('the person’s export holds their answers with the notes', async () => {
    await answered();
    const data = await tc.store.privacy.export(ORG, MARIA, tc.clock.now());
    expect(data.customAnswers).toContainEqual(expect.objectContaining({ answer: 'yes', note: NOTE }));
  });

  it('erasure erases the person’s notes, keeps the answer, and the record verifies', async () => {
    const promptId = await answered();
    expect(everyText(tc.dbPath)).toContain('Complaint 4711');
    await tc.store.privacy.erase(ORG, MARIA, ADA);
    expect(everyText(tc.dbPath)).not.toContain('Complaint 4711');
    expect(await tc.store.customPrompts.answerTo(ORG, promptId)).toMatchObject({ answer: 'yes', outcome: 'done', note: '(erased)' });
    expect((await tc.store.verify(ORG)).problem).toBeUndefined();
  });

  it('erasure puts the pseudonym for the person’s name in a correction’s reason, in the row and its audit version', async () => {
    const promptId = await answered();
    await tc.store.customPrompts.record(ORG, promptId, {
      answer: 'no',
      items: [],
      note: NOTE,
      outcome: 'not_done',
      answeredBy: QUINN,
      answeredAt: tc.clock.now(),
      reason: 'Maria Lopez said the review was cancelled',
    });
    await tc.store.privacy.erase(ORG, MARIA, ADA);
    expect(everyText(tc.dbPath)).not.toContain('Maria Lopez said');
    const answer = await tc.store.customPrompts.answerTo(ORG, promptId);
    expect(answer).toMatchObject({ answer: 'no', note: '(erased)', reason: expect.stringMatching(/^Erased person \d+ said the review was cancelled$/) });
    expect((await tc.store.verify(ORG)).problem).toBeUndefined();
  });

  it('a retention run over prompts removes answered questions with their answers; verify passes', async () => {
    const promptId = await answered();
    const run = await tc.store.retention.apply(ORG, 'prompts', Date.parse('2027-01-01T00:00:00Z'), '30d');
    expect(run.removed).toMatchObject({ custom_answer: 2 }); // this one and the fixture's quarterly review
    expect(await tc.store.customPrompts.answerTo(ORG, promptId)).toBeUndefined();
    expect((await tc.store.verify(ORG)).problem).toBeUndefined();
  });
});
