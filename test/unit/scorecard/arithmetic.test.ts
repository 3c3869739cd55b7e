// The scorecard on a small plant checked by hand (see seedPlant in fixture.ts for every row).
import { afterEach, describe, expect, it } from 'vitest';
import { buildScorecard } from '../../../src/core/scorecard/build';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { renderScorecardCsv } from '../../../src/core/scorecard/render-csv';
import type { Scorecard } from '../../../src/core/scorecard/types';
import { makeTestCore, type TestCore } from '../../support/core';
import { ANN, BEN, CAT, hours, ORG, QUINN, seedPlant } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

const NOW = '2026-12-02T15:00:00Z'; // Wednesday of W49: the period below is over
const P = '2026-11-02..2026-11-29'; // Mon W45 .. Sun W48, 28 days

async function plantCard(settings: object = {}): Promise<Scorecard> {
  core = makeTestCore(NOW);
  seedPlant(core, settings);
  return buildScorecard(core.deps, { orgId: ORG, target: { kind: 'all' }, period: parsePeriod(P, '2026-12-02') });
}

const leader = (card: Scorecard, id: string) => card.leaders.find((l) => l.id === id)!;

describe('scorecard arithmetic on the hand-checked plant', () => {
  it('counts Ann (Chicago: shutdown 26–27 Nov, away all of W46)', async () => {
    const ann = leader(await plantCard(), ANN);
    // Owed days: W45 2–6 Nov = 5; W46 away = 0; W47 16–20 = 5; W48 23–25 = 3 (26–27 shut, 28–29 weekend).
    expect(ann.facts.owedDays).toBe(13);
    // Meetings: yes 2,3,16,17,18,23,24 = 7; due = those + no 4,19,20 + unanswered 6,25 = 12
    // (5 Nov cancelled, 10 Nov away, 26 Nov shutdown, 28 Nov Saturday are left out).
    expect([ann.facts.meetingsYes, ann.facts.meetingsDue]).toEqual([7, 12]);
    // Walks: due W45, W47, W48 (W46 has no owed day, though she walked); all done.
    expect([ann.facts.walkWeeksDone, ann.facts.walkWeeksDue]).toEqual([3, 3]);
    // Streak: W48, W47, (W46 excused, skipped), W45, W44, W43 = 5; W42 missed. Best: W36–W41 = 6.
    expect([ann.streak, ann.bestStreak]).toEqual([5, 6]);
    // Wins: 3 Nov (posted), 18 Nov (team Line 3), 20 Nov (both, once), 29 Nov 21:00 Chicago = 4.
    // The 12 Nov win only names Ann as a person. Part = min(1, 4/3) = 1.
    expect(ann.facts.wins).toBe(4);
    expect(ann.parts.wins).toEqual({ num: 1, den: 1 });
    // Follow-ups due in P: 10 Nov (on time), 20 Nov (raised by Ann, closed 23rd: late), 25 Nov (on
    // time, owner and raiser: once), 27 Nov (open) = 2/4. Overdue at P's end: 27 Nov and 28 Oct (open);
    // 20 Oct was closed on 5 Nov, 10 Dec is after P.
    expect([ann.facts.followUpsOnTime, ann.facts.followUpsDue, ann.facts.followUpsOverdue]).toEqual([2, 4, 2]);
    // Prompts sent in P (Chicago days): 2 Nov +1 h (in time), 9 Nov +50 h, 16 Nov missed, 23 Nov +72 h
    // = 1/4. The one sent 2 Nov 05:00Z is 1 Nov 23:00 in Chicago: previous period.
    expect([ann.facts.promptsAnsweredInTime, ann.facts.promptsCounted]).toEqual([1, 4]);
    expect(ann.medianResponseMs).toBe(hours(50)); // median of 1, 50, 72 h
    // Index: 30·7/12 + 30·1 + 15·1 + 15·0.5 + 10·0.25 = 17.5 + 30 + 15 + 7.5 + 2.5 = 72.5 → 73 (half up).
    expect(ann.index).toBe(73);
    // Previous period 5 Oct–1 Nov: meetings n/a; walks W41, W43, W44 of 4 = 0.75; wins 0/4; follow-ups
    // 20 Oct (late), 28 Oct (open) = 0/2; prompts 1/1 → (22.5 + 0 + 0 + 10) / 70 = 46.43 → 46.
    expect(ann.previousIndex).toBe(46);
    expect(ann.trend).toBe(27);
  });

  it('counts Cat (joined Wed 18 Nov) and Ben (London), with n/a parts dropped and weights rescaled', async () => {
    const card = await plantCard();
    const cat = leader(card, CAT);
    // Owed: 18, 19, 20, 23, 24, 25 Nov = 6. Due weeks W47, W48; walked W48 only.
    expect(cat.facts.owedDays).toBe(6);
    expect([cat.facts.walkWeeksDone, cat.facts.walkWeeksDue]).toEqual([1, 2]);
    expect([cat.streak, cat.bestStreak]).toEqual([1, 1]);
    expect(cat.parts.meetings).toBeNull();
    expect(cat.parts.followUps).toBeNull();
    expect(cat.facts.wins).toBe(1); // team Packing, 19 Nov
    // Prompts: 19 Nov +2 h; 27 Nov still open but sent over 48 h before now, so counted = 1/2.
    expect([cat.facts.promptsAnsweredInTime, cat.facts.promptsCounted]).toEqual([1, 2]);
    // (30·0.5 + 15·0.5 + 10·0.5) / 55 = 27.5 / 55 = 50.
    expect(cat.index).toBe(50);
    // Not joined in the previous period: every part n/a, so no index and no trend.
    expect([cat.previousIndex, cat.trend]).toEqual([null, null]);

    const ben = leader(card, BEN);
    expect(ben.zone).toBe('Europe/London');
    expect(ben.facts.owedDays).toBe(20);
    expect(ben.parts.meetings).toBeNull();
    expect([ben.facts.walkWeeksDone, ben.facts.walkWeeksDue]).toEqual([2, 4]); // W45, W47
    expect([ben.streak, ben.bestStreak]).toEqual([0, 1]); // W48 missed
    expect(ben.facts.wins).toBe(1); // 30 Nov 00:30Z is already 30 Nov in London: outside P
    expect([ben.facts.followUpsOnTime, ben.facts.followUpsDue, ben.facts.followUpsOverdue]).toEqual([1, 1, 0]);
    expect([ben.facts.promptsAnsweredInTime, ben.facts.promptsCounted]).toEqual([4, 4]); // 2, 4, 6, 47 h
    expect(ben.medianResponseMs).toBe(hours(5)); // (4 + 6) / 2
    // (30·0.5 + 15·0.25 + 15·1 + 10·1) / 70 = 43.75 / 70 = 62.5 → 63 (half up after rescaling).
    expect(ben.index).toBe(63);
    // Previous: walks 0/4, wins 0/4, the rest n/a → 0. Trend +63.
    expect([ben.previousIndex, ben.trend]).toEqual([0, 63]);
  });

  it('totals sites and the organisation from their leaders (no item shared here); their index is the mean of leader indexes', async () => {
    const card = await plantCard();
    const chicago = card.sites.find((s) => s.name === 'Chicago Plant')!;
    expect(chicago.leaderCount).toBe(2);
    expect(chicago.facts.owedDays).toBe(19);
    expect([chicago.facts.walkWeeksDone, chicago.facts.walkWeeksDue]).toEqual([4, 5]); // 3/3 + 1/2
    expect(chicago.parts.wins).toEqual({ num: 1, den: 1 }); // min(1, (4 + 1) / 5)
    expect([chicago.facts.promptsAnsweredInTime, chicago.facts.promptsCounted]).toEqual([2, 6]);
    expect(chicago.medianResponseMs).toBe(hours(26)); // pooled 1, 2, 50, 72 h → (2 + 50) / 2
    // Mean of 73 and 50 = 61.5 → 62 (a pooled index would be 67). Previous: Ann's 46 only → +16.
    expect([chicago.index, chicago.previousIndex, chicago.trend]).toEqual([62, 46, 16]);
    const london = card.sites.find((s) => s.name === 'London Office')!;
    expect([london.index, london.trend]).toEqual([63, 63]);

    const org = card.org!;
    expect(org.leaderCount).toBe(3);
    expect([org.facts.meetingsYes, org.facts.meetingsDue]).toEqual([7, 12]);
    expect([org.facts.walkWeeksDone, org.facts.walkWeeksDue]).toEqual([6, 9]);
    expect(org.facts.wins).toBe(6);
    expect(org.parts.wins).toEqual({ num: 6, den: 9 });
    expect([org.facts.followUpsOnTime, org.facts.followUpsDue, org.facts.followUpsOverdue]).toEqual([3, 5, 2]);
    expect([org.facts.promptsAnsweredInTime, org.facts.promptsCounted]).toEqual([6, 10]);
    expect(org.medianResponseMs).toBe(hours(5)); // 1, 2, 2, 4 | 6, 47, 50, 72 h → (4 + 6) / 2
    // (73 + 50 + 63) / 3 = 62; previous (46 + 0) / 2 = 23; trend +39.
    expect([org.index, org.previousIndex, org.trend]).toEqual([62, 23, 39]);
  });

  it('counts a follow-up of two leaders and a win crediting two leaders once in the site and organisation totals', async () => {
    core = makeTestCore(NOW);
    const { s, packing } = seedPlant(core);
    // Raised by Ann, owned by Cat, both Chicago: open, due 24 Nov, so due in P and overdue at its end.
    s.followUp({ owner: CAT, raisedBy: ANN, due: '2026-11-24' });
    // Posted by Ann for Cat's team Packing: Ann's (posted) and Cat's (her team).
    s.win(ANN, '2026-11-25T15:00:00Z', packing);
    const card = await buildScorecard(core.deps, { orgId: ORG, target: { kind: 'all' }, period: parsePeriod(P, '2026-12-02') });

    // Each leader's own line credits them: Ann 2/5 on time with 3 overdue and 5 wins; Cat 0/1, 1 overdue, 2 wins.
    const ann = leader(card, ANN);
    expect([ann.facts.followUpsOnTime, ann.facts.followUpsDue, ann.facts.followUpsOverdue, ann.facts.wins]).toEqual([2, 5, 3, 5]);
    // 17.5 + 30 + 15 + 15·2/5 + 2.5 = 71.
    expect(ann.index).toBe(71);
    const cat = leader(card, CAT);
    expect([cat.facts.followUpsOnTime, cat.facts.followUpsDue, cat.facts.followUpsOverdue, cat.facts.wins]).toEqual([0, 1, 1, 2]);
    // (30·1/2 + 15·1 + 15·0 + 10·1/2) / 70 = 35 / 70 = 50.
    expect(cat.index).toBe(50);

    // Chicago counts each item once: follow-ups 10, 20, 24, 25, 27 Nov due (2 on time), overdue 24 Nov,
    // 27 Nov and 28 Oct = 2/5 and 3 overdue (a sum over leaders would say 2/6 and 4). Wins: Ann's four,
    // Cat's 19 Nov and the shared 25 Nov = 6 (a sum would say 7).
    const chicago = card.sites.find((site) => site.name === 'Chicago Plant')!;
    expect([chicago.facts.followUpsOnTime, chicago.facts.followUpsDue, chicago.facts.followUpsOverdue]).toEqual([2, 5, 3]);
    expect(chicago.parts.followUps).toEqual({ num: 2, den: 5 });
    expect(chicago.facts.wins).toBe(6);
    // The parts that concern one leader each still add up: walks 3/3 + 1/2.
    expect([chicago.facts.walkWeeksDone, chicago.facts.walkWeeksDue]).toEqual([4, 5]);
    // Site index = mean of leader indexes: (71 + 50) / 2 = 60.5 → 61.
    expect(chicago.index).toBe(61);

    // The organisation adds Ben's 12 Nov follow-up (on time) and his 10 Nov win: 3/6, 3 overdue, 7 wins
    // (sums would say 3/7, 4 overdue, 8 wins); wins part 7 over 9 due weeks.
    const org = card.org!;
    expect([org.facts.followUpsOnTime, org.facts.followUpsDue, org.facts.followUpsOverdue]).toEqual([3, 6, 3]);
    expect(org.facts.wins).toBe(7);
    expect(org.parts.wins).toEqual({ num: 7, den: 9 });
    // (71 + 50 + 63) / 3 = 61.33 → 61.
    expect(org.index).toBe(61);

    // The CSV (and JSON, table, chat, digest, web: they all render this card) carries the same totals.
    const csv = renderScorecardCsv(card).split('\r\n');
    const header = csv[0]!.split(',');
    const orgRow = csv.find((line) => line.startsWith('"org"'))!.split(',');
    const cell = (name: string) => orgRow[header.indexOf(name)];
    expect([cell('wins'), cell('followups_on_time'), cell('followups_due'), cell('followups_overdue')]).toEqual(['7', '3', '6', '3']);
  });

  it('credits an answer a quality manager recorded to the leader, and says who recorded it', async () => {
    core = makeTestCore(NOW);
    seedPlant(core);
    // Ann left 25 Nov unanswered; Quinn records it as "yes" for her (issue 10: recorded by X for Y).
    const [occurrence] = (await core.store.meetings.recentOccurrences(ORG, ANN, { limit: 20 })).filter((o) => o.localDate === '2026-11-25');
    await core.store.meetings.answerOccurrence(ORG, occurrence!.id, { answer: 'yes', topic: null, tags: [], by: QUINN, at: core.clock.now() }, QUINN);
    const ann = leader(await buildScorecard(core.deps, { orgId: ORG, target: { kind: 'all' }, period: parsePeriod(P, '2026-12-02') }), ANN);
    // Meetings 8/12 instead of 7/12: 30·8/12 + 30 + 15 + 7.5 + 2.5 = 20 + 55 = 75.
    expect([ann.facts.meetingsYes, ann.facts.meetingsDue]).toEqual([8, 12]);
    expect(ann.index).toBe(75);
    const [recorded] = (await core.store.meetings.recentOccurrences(ORG, ANN, { limit: 20 })).filter((o) => o.localDate === '2026-11-25');
    expect(recorded).toMatchObject({ answer: 'yes', answeredBy: QUINN });
    expect((await core.store.audit.history(ORG, 'meeting_occurrence', String(occurrence!.id))).at(-1)).toMatchObject({
      actorId: QUINN,
      after: expect.objectContaining({ answer: 'yes' }),
    });
  });

  it('adds a weighted custom prompt line for Ann, counting a corrected answer as it stands now', async () => {
    core = makeTestCore(NOW);
    seedPlant(core);
    const prompt = await core.store.customPrompts.create({
      orgId: ORG,
      question: 'Customer complaints reviewed with the team?',
      cadence: { every: 'week', on: { weekday: 1 }, time: '10:00' },
      audience: { kind: 'people', personIds: [ANN] },
      answers: ['yes', 'no'],
      checklist: [],
      clauses: ['5.1.2'],
      weight: 10,
      createdBy: QUINN,
    });
    // Ann is asked Mondays 10:00 Chicago (16:00Z); W46 she is away, so not asked.
    const ask = (week: string, iso: string) =>
      core.store.prompts.open({ orgId: ORG, personId: ANN, kind: 'custom', subject: `custom:${prompt.id}:${week}`, sentAt: Date.parse(iso), messageRef: null });
    const answer = (id: number, sentIso: string, after: number, value: string) =>
      core.store.customPrompts.answer(ORG, {
        promptId: id,
        answer: value,
        items: [],
        note: null,
        outcome: value === 'yes' ? 'done' : 'not_done',
        answeredBy: ANN,
        answeredAt: Date.parse(sentIso) + after,
      });
    const w45 = await ask('2026-W45', '2026-11-02T16:00:00Z');
    await answer(w45.id, '2026-11-02T16:00:00Z', hours(2), 'yes');
    const w47 = await ask('2026-W47', '2026-11-16T16:00:00Z');
    await answer(w47.id, '2026-11-16T16:00:00Z', hours(3), 'no');
    const w48 = await ask('2026-W48', '2026-11-23T16:00:00Z');
    await core.store.prompts.markMissed(ORG, w48.id, null);
    // Quinn corrects W47 to yes for Ann, with a reason: the current answer counts.
    await core.store.customPrompts.record(ORG, w47.id, {
      answer: 'yes',
      items: [],
      note: null,
      outcome: 'done',
      answeredBy: QUINN,
      answeredAt: core.clock.now(),
      reason: 'reviewed with me on 18 Nov',
    });

    const card = await buildScorecard(core.deps, { orgId: ORG, target: { kind: 'all' }, period: parsePeriod(P, '2026-12-02') });
    const ann = leader(card, ANN);
    // Custom line: W45 yes, W47 yes (corrected from no), W48 missed = 2/3; weight 10 next to the five.
    expect(ann.custom).toEqual([expect.objectContaining({ promptId: prompt.id, done: 2, due: 3, weight: 10 })]);
    // The questions count in the response rate too: before 1/4 in 48 h; now + W45 (2 h) + W47 (3 h: the first
    // answer's time, a correction does not move it) + W48 missed = 3/7. Median of 1, 2, 3, 50, 72 h = 3 h.
    expect([ann.facts.promptsAnsweredInTime, ann.facts.promptsCounted]).toEqual([3, 7]);
    expect(ann.medianResponseMs).toBe(hours(3));
    // Index: (30·7/12 + 30·1 + 15·1 + 15·0.5 + 10·3/7 + 10·2/3) / 110
    //      = (17.5 + 30 + 15 + 7.5 + 4.29 + 6.67) / 110 = 80.95 / 110 = 73.6 → 74 (was 73).
    expect(ann.index).toBe(74);
    expect([ann.previousIndex, ann.trend]).toEqual([46, 28]); // no custom questions before P
    // Chicago: Ann's line only (Cat is not asked) = 2/3; site index = mean (74 + 50) / 2 = 62.
    const chicago = card.sites.find((site) => site.name === 'Chicago Plant')!;
    expect(chicago.custom).toEqual([expect.objectContaining({ done: 2, due: 3 })]);
    expect(chicago.index).toBe(62);
    expect(card.org!.custom).toEqual([expect.objectContaining({ done: 2, due: 3 })]);
    // The CSV carries the line; the audit entry names Quinn and the reason.
    const csv = renderScorecardCsv(card).split('\r\n');
    expect(csv[0]).toMatch(new RegExp(`,prompt_${prompt.id}_done,prompt_${prompt.id}_due$`));
    expect(csv.find((r) => r.includes(ANN))).toMatch(/,2,3$/);
    expect((await core.store.audit.history(ORG, 'custom_answer', String(w47.id))).at(-1)).toMatchObject({
      actorId: QUINN,
      after: expect.objectContaining({ answer: 'yes', reason: 'reviewed with me on 18 Nov' }),
    });
  });

  it('uses the organisation weights, rescaled when a part is n/a', async () => {
    const card = await plantCard({ weights: [40, 20, 20, 10, 10] });
    // Ann: 40·7/12 + 20 + 20 + 10·0.5 + 10·0.25 = 23.33 + 47.5 = 70.83 → 71.
    expect(leader(card, ANN).index).toBe(71);
    // Ben, meetings n/a: (20·0.5 + 20·0.25 + 10·1 + 10·1) / 60 = 35 / 60 = 58.33 → 58.
    expect(leader(card, BEN).index).toBe(58);
    expect(card.weights).toEqual([40, 20, 20, 10, 10]);
  });

  it('scores the previous period on its own: a follow-up closed after the period ended was overdue at its end', async () => {
    core = makeTestCore(NOW);
    seedPlant(core);
    const card = await buildScorecard(core.deps, {
      orgId: ORG,
      target: { kind: 'leader', personId: ANN },
      period: parsePeriod('2026-10-05..2026-11-01', '2026-12-02'),
    });
    const ann = card.leaders[0]!;
    expect(card.sites).toEqual([]);
    expect(card.org).toBeNull();
    expect(ann.facts.owedDays).toBe(20);
    expect([ann.facts.walkWeeksDone, ann.facts.walkWeeksDue]).toEqual([3, 4]);
    // 20 Oct closed 5 Nov and 28 Oct open: both overdue when the period ended on 1 Nov.
    expect([ann.facts.followUpsOnTime, ann.facts.followUpsDue, ann.facts.followUpsOverdue]).toEqual([0, 2, 2]);
    expect(ann.index).toBe(46);
    // Streak as of 1 Nov: W44, W43 done, W42 missed → 2; best W36–W41 = 6.
    expect([ann.streak, ann.bestStreak]).toEqual([2, 6]);
  });
});
