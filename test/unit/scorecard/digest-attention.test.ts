// The Monday digest's "needs attention" list and top movers, checked against a hand-built history
// through the real scheduler and store. The week reported is 2026-W48 (Mon 23 – Sun 29 Nov); the
// digest goes out Monday 30 Nov 08:00 Chicago (14:00Z). Everyone is at Plant 1 (Chicago, Mon–Fri).
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules';
import { plainText, type Message } from '../../../src/core/model';
import { topMovers } from '../../../src/core/scorecard/attention';
import { digestDirectMessage } from '../../../src/core/scorecard/digest-message';
import type { LeaderCard, Scorecard } from '../../../src/core/scorecard/types';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { textOf } from '../people/helpers';
import { hours, ORG, seeder } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

const WEDNESDAYS = ['2026-10-07', '2026-10-14', '2026-10-21', '2026-10-28', '2026-11-04', '2026-11-11', '2026-11-18', '2026-11-25']; // W41–W48
const LEADERS = ['Ann Archer', 'Ben Brook', 'Cat Cole', 'Dan Dale', 'Eve Eden', 'Fay Fox'];

/**
 * Ann: no walk in W47 and W48 (2 weeks running).                         → named
 * Fay: no walk in W45, away all W46 (skipped), none in W47, W48 (3).      → named
 * Ben: a follow-up overdue 9 days (and one 5 days: not over a week).     → named, 1 follow-up
 * Cat: her last three prompts unanswered.                                → named
 * Dan: a meeting whose checks were never answered (twice); his newest
 *      prompt is open and under 48 h old, so his run of unanswered is 2. → named, for the meeting only
 * Eve: one missed walk (W48), a follow-up overdue exactly 7 days, two
 *      prompts unanswered, a meeting confirmed once, a meeting checked once. → not named
 * Quinn (quality manager) raised Ben's overdue follow-up; Max (member) owns an old one: not leaders.
 */
function seedHistory(c: TestCore) {
  const s = seeder(c);
  s.org({ digestChannel: 'quality' });
  const plant = s.site('Plant 1', 'America/Chicago');
  const ids = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'].map((h) => `local:${h}`);
  ids.forEach((id, i) => s.person({ id, name: LEADERS[i]!, siteId: plant }));
  s.person({ id: 'local:quinn', name: 'Quinn Hart', role: 'quality_manager', siteId: plant });
  s.person({ id: 'local:max', name: 'Max Roe', role: 'member', siteId: plant });
  const [ann, ben, cat, dan, eve, fay] = ids as [string, string, string, string, string, string];

  for (const [i, date] of WEDNESDAYS.entries()) {
    for (const id of [ben, cat, dan]) s.walk(id, date);
    if (i < 6) s.walk(ann, date);
    if (i < 7) s.walk(eve, date);
    if (i < 4) s.walk(fay, date);
  }
  s.away(fay, '2026-11-09', '2026-11-15');

  s.followUp({ owner: ben, raisedBy: 'local:quinn', due: '2026-11-21' }); // 9 days overdue on Monday 30 Nov
  s.followUp({ owner: ben, raisedBy: ben, due: '2026-11-25' }); // 5 days
  s.followUp({ owner: eve, raisedBy: eve, due: '2026-11-23' }); // exactly 7 days: not over a week
  s.followUp({ owner: 'local:max', raisedBy: 'local:quinn', due: '2026-10-01' }); // nobody on the scorecard
  s.followUp({ owner: 'local:max', raisedBy: ann, due: '2026-11-01', closedOn: '2026-11-02' }); // closed

  s.prompt(cat, '2026-11-02T15:00:00Z', hours(1));
  for (const d of ['2026-11-09', '2026-11-16', '2026-11-23']) s.prompt(cat, `${d}T15:00:00Z`, null);
  s.prompt(eve, '2026-11-09T15:00:00Z', null);
  s.prompt(eve, '2026-11-16T15:00:00Z', hours(3));
  for (const d of ['2026-11-20', '2026-11-23']) s.prompt(eve, `${d}T15:00:00Z`, null);
  s.prompt(dan, '2026-11-16T15:00:00Z', hours(2));
  for (const d of ['2026-11-23', '2026-11-27']) s.prompt(dan, `${d}T15:00:00Z`, null);
  s.prompt(dan, '2026-11-29T15:00:00Z', null, 'open'); // 23 h before the digest: may still be answered

  s.occurrence(dan, '2026-11-24', null);
  s.occurrence(dan, '2026-11-25', null);
  s.occurrence(eve, '2026-11-23', 'yes');
  s.occurrence(eve, '2026-11-24', null);
  s.occurrence(eve, '2026-11-25', null);
  s.resetMeetings();
  s.occurrence(eve, '2026-11-26', null); // a second meeting, checked once so far
  return { plant };
}

async function runDigest() {
  core = makeTestCore('2026-11-27T15:00:00Z');
  seedHistory(core);
  await core.store.digest.add(ORG, 'local:quinn', null);
  const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
  await scheduler.runPass(core.clock.now());
  core.clock.set(Date.parse('2026-11-30T14:00:30Z'));
  await scheduler.tick(core.clock.now());
  const digest = (to: string) => core.local.inbox(to).find((m) => m.message.heading?.startsWith('Weekly digest'))?.message;
  return { dm: digest('local:quinn')!, channel: digest('#quality')! };
}

/** The items of the list that follows the heading starting with `title`. */
function listAfter(message: Message, title: string): string[] {
  const at = message.blocks.findIndex((b) => b.type === 'text' && plainText(b.text).startsWith(title));
  const list = message.blocks[at + 1];
  return list?.type === 'list' ? list.items.map((item) => plainText(item)) : [];
}

describe('the digest’s “needs attention” list', () => {
  it('names exactly the leaders the hand-built history calls for, each with the reason', async () => {
    const { dm } = await runDigest();
    expect(listAfter(dm, 'Needs attention')).toEqual([
      'Fay Fox (Plant 1) — no floor walk 3 weeks running',
      'Ann Archer (Plant 1) — no floor walk 2 weeks running',
      'Ben Brook (Plant 1) — 1 follow-up overdue over a week (oldest due 2026-11-21, 9 days ago)',
      'Cat Cole (Plant 1) — last 3 prompts unanswered',
      'Dan Dale (Plant 1) — meeting “Daily” never confirmed (2 checks since 2026-11-24)',
    ]);
    const text = textOf(dm);
    expect(text).toContain('Needs attention (5)');
    expect(text).not.toContain('Eve Eden (Plant 1) —');
    expect(text).not.toContain('Quinn');
    expect(text).not.toContain('Max Roe');
    expect(text).toContain('Full scorecard: /clause5 scorecard all last-week');
    expect(dm.heading).toBe('Weekly digest: all leaders of Acme Plastics, week 2026-W48');
  });

  it('attaches the organisation’s trend chart to the DM and the channel, and keeps every leader out of the channel', async () => {
    const { dm, channel } = await runDigest();
    for (const m of [dm, channel]) {
      expect(m.attachment?.mimeType).toBe('image/svg+xml');
      expect(m.attachment?.content).toContain('Leadership index, all leaders of Acme Plastics');
    }
    const inChannel = JSON.stringify(channel);
    for (const name of [...LEADERS, 'Quinn Hart', 'Max Roe']) expect(inChannel).not.toContain(name);
    expect(inChannel).not.toMatch(/local:(ann|ben|cat|dan|eve|fay)/);
    expect(inChannel).not.toContain('Needs attention');
    expect(inChannel).not.toContain('Top movers');
    const text = textOf(channel);
    expect(text).toContain('Acme Plastics · index');
    expect(text).toContain('1. Plant 1 · index');
    expect(text).toContain('6 leaders');
  });
});

function leader(name: string, previousIndex: number | null, index: number | null): LeaderCard {
  const trend = index !== null && previousIndex !== null ? index - previousIndex : null;
  return { id: `local:${name}`, displayName: name, siteName: 'Plant 1', index, previousIndex, trend } as LeaderCard;
}

describe('top movers', () => {
  it('lists up to three rises and three falls, the largest first, leaving out no change and n/a', () => {
    const movers = topMovers([
      leader('Ann', 50, 60),
      leader('Ben', 40, 75),
      leader('Cat', 70, 65),
      leader('Dan', 80, 50),
      leader('Eve', 60, 60),
      leader('Fay', null, 90),
      leader('Gus', 30, 40),
      leader('Hal', 20, 21),
      leader('Ida', 90, 89),
      leader('Jo', 55, 45),
      leader('Kim', 66, 65),
    ]);
    expect(movers.up.map((m) => [m.name, m.trend])).toEqual([
      ['Ben', 35],
      ['Ann', 10],
      ['Gus', 10],
    ]);
    expect(movers.down.map((m) => [m.name, m.trend])).toEqual([
      ['Dan', -30],
      ['Jo', -10],
      ['Cat', -5],
    ]);
  });

  it('shows at most ten attention lines, then how many more and where to see them', () => {
    const attention = Array.from({ length: 13 }, (_, i) => ({
      personId: `p${i}`,
      name: `Leader ${i}`,
      siteName: null,
      reasons: ['last 3 prompts unanswered'],
      missedWeeks: 0,
    }));
    const card = { leaders: [leader('Ann', 50, 60)], sites: [], org: null, subject: 'all leaders of Acme', unreachable: [] } as unknown as Scorecard;
    const message = digestDirectMessage({ card, orgName: 'Acme', week: '2026-W48', attention, movers: { up: [], down: [] } });
    expect(listAfter(message, 'Needs attention')).toHaveLength(10);
    expect(textOf(message)).toContain('and 3 more — see /clause5 scorecard all last-week');
  });

  it('ranks sites by index and, past twelve, keeps the best six and the worst six', () => {
    const none = { meetings: null, walks: null, wins: null, followUps: null, response: null };
    const sites = Array.from({ length: 15 }, (_, i) => ({
      level: 'site',
      siteId: i,
      name: `Site ${i}`,
      leaderCount: 3,
      index: i * 5,
      previousIndex: null,
      trend: null,
      parts: none,
    }));
    const card = { leaders: [], sites, org: null, subject: 'all leaders of Acme', unreachable: [] } as unknown as Scorecard;
    const items = listAfter(digestDirectMessage({ card, orgName: 'Acme', week: '2026-W48', attention: [], movers: { up: [], down: [] } }), 'Sites by index');
    expect(items).toHaveLength(13);
    expect(items[0]).toBe('1. Site 14 · index 70 · 3 leaders · walks n/a');
    expect(items[6]).toBe('… 3 more sites …');
    expect(items[12]).toBe('15. Site 0 · index 0 · 3 leaders · walks n/a');
  });
});
