// A period that is still running: what is not due yet is left out until it succeeds or is missed.
// Also ISO week 53 of 2026, which spans the new year.
import { afterEach, describe, expect, it } from 'vitest';
import { buildScorecard } from '../../../src/core/scorecard/build';
import { parsePeriod } from '../../../src/core/scorecard/period';
import type { ScorecardTarget } from '../../../src/core/scorecard/types';
import { makeTestCore, type TestCore } from '../../support/core';
import { ANN, BEN, hours, ORG, seeder, seedPlant } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

async function card(period: string, today: string, target: ScorecardTarget = { kind: 'all' }) {
  return buildScorecard(core.deps, { orgId: ORG, target, period: parsePeriod(period, today) });
}

describe('the current week (Wed 2 Dec 2026, W49)', () => {
  it('neither breaks nor extends a streak with the unfinished week, and counts it only once walked', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const { s } = seedPlant(core);
    let now = await card('week', '2026-12-02');
    expect(now.period).toMatchObject({ from: '2026-11-30', to: '2026-12-06', label: 'week 2026-W49' });
    let ann = now.leaders.find((l) => l.id === ANN)!;
    expect(ann.facts.owedDays).toBe(3); // Mon 30 Nov – Wed 2 Dec; Thu–Fri not owed yet
    expect(ann.parts.walks).toBeNull(); // W49 not walked yet and not over: not due, not n/a-as-0
    expect([ann.streak, ann.bestStreak]).toEqual([5, 6]); // W48 is the latest week that is over

    s.walk(ANN, '2026-12-01');
    s.walk(BEN, '2026-12-01');
    now = await card('week', '2026-12-02');
    ann = now.leaders.find((l) => l.id === ANN)!;
    const ben = now.leaders.find((l) => l.id === BEN)!;
    expect([ann.facts.walkWeeksDone, ann.facts.walkWeeksDue]).toEqual([1, 1]);
    expect([ann.streak, ann.bestStreak]).toEqual([5, 6]); // not extended by the unfinished week
    expect([ben.streak, ben.bestStreak]).toEqual([0, 1]); // W48 missed still ends Ben's run

    // Once W49 is over (Mon 7 Dec), it extends the streak.
    core.clock.set(Date.parse('2026-12-07T15:00:00Z'));
    const next = await card('2026-11-30..2026-12-06', '2026-12-07', { kind: 'leader', personId: ANN });
    expect(next.leaders[0]!.streak).toBe(6);
    expect(next.leaders[0]!.bestStreak).toBe(6);
  });

  it('leaves out meetings of today, prompts under 48 h old and follow-ups not yet due until they are answered or late', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const { s } = seedPlant(core);
    s.resetMeetings();
    s.occurrence(ANN, '2026-11-30', 'yes');
    s.occurrence(ANN, '2026-12-01', null); // its day is over: counts as "no"
    s.occurrence(ANN, '2026-12-02', null); // today, not answered yet: left out
    s.prompt(ANN, '2026-11-30T14:00:00Z', null, 'open'); // 49 h ago: counted, unanswered
    s.prompt(ANN, '2026-12-01T20:00:00Z', null, 'open'); // 19 h ago: left out
    s.followUp({ owner: ANN, raisedBy: ANN, due: '2026-12-02' }); // due today, open: not late yet
    s.followUp({ owner: ANN, raisedBy: ANN, due: '2026-12-04' }); // open, due later: left out
    s.followUp({ owner: ANN, raisedBy: ANN, due: '2026-12-03', closedOn: '2026-12-01' }); // closed early: on time

    let ann = (await card('week', '2026-12-02', { kind: 'leader', personId: ANN })).leaders[0]!;
    expect([ann.facts.meetingsYes, ann.facts.meetingsDue]).toEqual([1, 2]);
    expect([ann.facts.promptsAnsweredInTime, ann.facts.promptsCounted]).toEqual([0, 1]);
    expect([ann.facts.followUpsOnTime, ann.facts.followUpsDue]).toEqual([1, 1]);
    expect(ann.facts.followUpsOverdue).toBe(2); // 27 Nov and 28 Oct, still open

    core.store.database.sqlite.prepare(`UPDATE meeting_occurrences SET answer = 'yes' WHERE occurrence_key = '2026-12-02T07:30'`).run();
    ann = (await card('week', '2026-12-02', { kind: 'leader', personId: ANN })).leaders[0]!;
    expect([ann.facts.meetingsYes, ann.facts.meetingsDue]).toEqual([2, 3]);

    // Thursday 3 Dec 21:00Z: the 1 Dec prompt is over 48 h old and the 2 Dec follow-up is late.
    core.clock.set(Date.parse('2026-12-03T21:00:00Z'));
    ann = (await card('week', '2026-12-03', { kind: 'leader', personId: ANN })).leaders[0]!;
    expect([ann.facts.promptsAnsweredInTime, ann.facts.promptsCounted]).toEqual([0, 2]);
    expect([ann.facts.followUpsOnTime, ann.facts.followUpsDue, ann.facts.followUpsOverdue]).toEqual([1, 2, 3]);
  });

  it('shows n/a, not 0, for a leader with nothing due', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const s = seeder(core);
    s.org();
    s.person({ id: 'local:new', name: 'New Leader', joinedOn: '2026-12-02', timeZone: 'Asia/Tokyo' });
    const result = await card('last-week', '2026-12-02');
    const fresh = result.leaders[0]!;
    expect(fresh.zone).toBe('Asia/Tokyo');
    expect(fresh.parts).toEqual({ meetings: null, walks: null, wins: null, followUps: null, response: null });
    expect([fresh.index, fresh.previousIndex, fresh.trend]).toEqual([null, null, null]);
    expect(result.org!.index).toBeNull();
  });
});

describe('ISO week 53 of 2026 (Mon 28 Dec 2026 – Sun 3 Jan 2027)', () => {
  it('is one due week across the new year, in both months, and in the streak', async () => {
    core = makeTestCore('2027-01-06T15:00:00Z'); // Wednesday of 2027-W01
    const s = seeder(core);
    s.org();
    const london = s.site('London Office', 'Europe/London');
    s.person({ id: BEN, name: 'Ben Okafor', siteId: london, joinedOn: '2026-12-01' });
    s.walk(BEN, '2026-12-16'); // W51
    s.walk(BEN, '2026-12-21'); // W52
    s.walk(BEN, '2027-01-02'); // Saturday of W53: week key 2026-W53
    s.prompt(BEN, '2026-12-31T23:30:00Z', hours(1)); // still 2026 in London (UTC+0)

    const w53 = await card('last-week', '2027-01-06');
    expect(w53.period).toMatchObject({ from: '2026-12-28', to: '2027-01-03', label: 'week 2026-W53' });
    expect(w53.previous).toMatchObject({ from: '2026-12-21', to: '2026-12-27', label: 'week 2026-W52' });
    const ben = w53.leaders[0]!;
    expect(ben.facts.owedDays).toBe(5); // Mon 28 – Fri 1 Jan
    expect([ben.facts.walkWeeksDone, ben.facts.walkWeeksDue]).toEqual([1, 1]);
    expect([ben.streak, ben.bestStreak]).toEqual([3, 3]); // W51, W52, W53
    expect(ben.facts.promptsCounted).toBe(1);

    // December: W49 (1–4 Dec owed), W50, W51, W52, W53 = 5 due weeks, 3 walked.
    const december = (await card('2026-12', '2027-01-06')).leaders[0]!;
    expect([december.facts.walkWeeksDone, december.facts.walkWeeksDue]).toEqual([3, 5]);
    // January so far: W53 (Fri 1 Jan owed, walked) and W01 (unfinished, not walked: left out).
    const january = (await card('month', '2027-01-06')).leaders[0]!;
    expect([january.facts.walkWeeksDone, january.facts.walkWeeksDue]).toEqual([1, 1]);
    expect(january.facts.owedDays).toBe(4); // Fri 1, Mon 4, Tue 5, Wed 6
  });
});
