// Custom prompts on the scorecard: a line per prompt (done ÷ due questions), weighted prompts in
// the index next to the five parts (hand-checked), sums for the site, and columns in the CSV.
import { afterEach, describe, expect, it } from 'vitest';
import { indexOf, ratio, type Parts } from '../../../src/core/scorecard/arithmetic';
import { customPromptsModule } from '../../../src/core/prompts/module';
import { buildScorecard } from '../../../src/core/scorecard/build';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { renderScorecardCsv } from '../../../src/core/scorecard/render-csv';
import type { Figures } from '../../../src/core/scorecard/types';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { ensureOrg, LEADER, ORG, OTHER_LEADER, QM, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { button, say, press } from '../../support/messages';

let core: TestCore;
afterEach(() => core?.cleanup());

const NONE: Parts = { meetings: null, walks: null, wins: null, followUps: null, response: null };

describe('custom prompts in the index (hand-checked)', () => {
  it('adds a weighted prompt next to the five parts and rescales the weights', () => {
    const parts: Parts = { ...NONE, walks: ratio(1, 2) };
    expect(indexOf(parts, [30, 30, 15, 15, 10])).toBe(50);
    // (30 × 1/2 + 10 × 1/1) ÷ (30 + 10) = 25/40 = 62.5 → 63 (half up)
    expect(indexOf(parts, [30, 30, 15, 15, 10], [{ part: ratio(1, 1), weight: 10 }])).toBe(63);
    // (30 × 1/2 + 10 × 0/1) ÷ 40 = 37.5 → 38
    expect(indexOf(parts, [30, 30, 15, 15, 10], [{ part: ratio(0, 1), weight: 10 }])).toBe(38);
    // A weighted prompt with nothing due (n/a) leaves the index as it was.
    expect(indexOf(parts, [30, 30, 15, 15, 10], [{ part: null, weight: 10 }])).toBe(50);
    // Only the prompt is known: it is the whole index.
    expect(indexOf(NONE, [30, 30, 15, 15, 10], [{ part: ratio(2, 3), weight: 10 }])).toBe(67);
  });
});

describe('custom prompt lines on the scorecard', () => {
  it('shows done ÷ due per leader, sums them for the site, counts the weighted prompt in the index, and puts them in the CSV', async () => {
    core = makeTestCore('2026-12-01T12:00:00Z', { defaultTimeZone: 'America/Chicago' });
    await ensureOrg(core);
    const site = await core.store.sites.create(
      { orgId: ORG, name: 'Plant 1', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null },
      null,
    );
    await seedCast(core, { siteId: site.id });
    const scheduler = createScheduler({ deps: core.deps, modules: [customPromptsModule], owner: 'test' });
    await scheduler.tick(core.clock.now());
    await say(core, QM, 'prompt add "Customer complaints reviewed?" weekly wed 09:00 for @lee @lou answers yes,no,"not applicable" clause 5.1.2 weight 10');
    await say(core, QM, 'prompt add "Policy discussed?" weekly wed 10:00 for @lee');
    const tickAt = async (iso: string) => {
      core.clock.set(Date.parse(iso));
      await scheduler.tick(Date.parse(iso));
    };
    await tickAt('2026-12-02T16:00:00Z'); // Wednesday 10:00 in Chicago: both questions out
    const last = (person: string, text: string) =>
      core.local
        .inbox(person)
        .filter((m) => m.message.summary.includes(text))
        .at(-1)!.message;
    await press(core, LEADER, button(last(LEADER, 'complaints'), 'Yes'));
    await press(core, OTHER_LEADER, button(last(OTHER_LEADER, 'complaints'), 'Not applicable'));
    await press(core, LEADER, button(last(LEADER, 'Policy'), 'No'));
    await tickAt('2026-12-09T16:00:00Z'); // week 50: Lee answers nothing, Lou says no; week 49's open ones closed
    await press(core, OTHER_LEADER, button(last(OTHER_LEADER, 'complaints'), 'No'));
    await tickAt('2026-12-14T07:00:00Z'); // Monday: week 50 is over, Lee's questions missed

    const card = await buildScorecard(core.deps, {
      orgId: ORG,
      target: { kind: 'site', siteId: site.id },
      period: parsePeriod('2026-12-01..2026-12-13', '2026-12-14'),
    });
    const lee = card.leaders.find((l) => l.id === LEADER)!;
    const lou = card.leaders.find((l) => l.id === OTHER_LEADER)!;
    const line = (f: Figures, id: number) => f.custom.find((c) => c.promptId === id);
    // Lee: complaints yes (week 49), missed (week 50) → 1/2; policy no (49), missed (50) → 0/2.
    expect(line(lee, 1)).toMatchObject({ done: 1, due: 2, weight: 10 });
    expect(line(lee, 2)).toMatchObject({ done: 0, due: 2, weight: null });
    // Lou: not applicable (49) is not due; no (50) → 0/1. Never asked the policy question: no line.
    expect(line(lou, 1)).toMatchObject({ done: 0, due: 1 });
    expect(line(lou, 2)).toBeUndefined();
    const siteLine = card.sites[0]!;
    expect(line(siteLine, 1)).toMatchObject({ done: 1, due: 3 });
    expect(line(siteLine, 2)).toMatchObject({ done: 0, due: 2 });
    // The weighted prompt is in Lee's index, the unweighted one is not.
    expect(lee.index).toBe(indexOf(lee.parts, card.weights, [{ part: ratio(1, 2), weight: 10 }]));
    const csv = renderScorecardCsv(card).split('\r\n');
    expect(csv[0]).toMatch(/,prompt_1_done,prompt_1_due,prompt_2_done,prompt_2_due$/);
    expect(csv.find((r) => r.includes(LEADER))).toMatch(/,1,2,0,2$/);
    expect(csv.find((r) => r.includes(OTHER_LEADER))).toMatch(/,0,1,"n\/a","n\/a"$/);
  });
});
