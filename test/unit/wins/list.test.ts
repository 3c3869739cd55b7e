// "/clause5 wins [site "<name>"] [period]": who recognised whom, when and what; by site and period,
// a page at a time, and clear words for bad input.
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/core/deliveries';
import type { Message } from '../../../src/core/model';
import { winsRoundupComposer } from '../../../src/core/wins/deliveries';
import { makeTestCore, type TestCore } from '../../support/core';
import { button, buttonsOf, messageText, press } from '../../support/messages';
import { buildPlant, type Plant } from './plant';

let core: TestCore;
let plant: Plant;
let otherSite: number;
afterEach(() => core?.cleanup());

async function setup() {
  core = makeTestCore('2026-11-24T15:00:00Z'); // Tuesday of W48, 09:00 in Chicago
  plant = await buildPlant(core);
  otherSite = (
    await core.store.sites.create({ orgId: 'local', name: 'Hilltop', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null)
  ).id;
}

function addWin(text: string, siteId: number, postedAt: string, people: string[] = []) {
  return core.store.wins.create(
    { orgId: 'local', siteId, teamId: null, postedBy: 'local:maria', text, tags: ['cost'], metric: null, postedAt: Date.parse(postedAt), people },
    null,
  );
}

async function wins(text: string): Promise<Message | undefined> {
  return (await core.bot.handleCommand(plant.jo, text)).message;
}

describe('wins', () => {
  it('lists who recognised whom, when and what, for a site and a period', async () => {
    await setup();
    await addWin('Scrap down on line 2', plant.siteId, '2026-11-23T16:00:00Z', ['local:jo', 'local:kim']);
    await addWin('Hilltop audit passed', otherSite, '2026-11-23T17:00:00Z');
    await addWin('October record', plant.siteId, '2026-10-12T17:00:00Z');
    const week = messageText(await wins('wins'));
    expect(week).toContain('2 wins recognised this week (2026-11-23 to 2026-11-29):');
    expect(week).toContain('2026-11-23 @local:jo and @local:kim: Scrap down on line 2 #cost — recognised by @local:maria');
    const site = messageText(await wins('wins site "riverside plant"'));
    expect(site).toContain('1 win recognised at Riverside Plant this week');
    expect(site).not.toContain('Hilltop audit');
    const october = messageText(await wins('wins site "Riverside Plant" last-month'));
    expect(october).toContain('Wins at Riverside Plant in October 2026');
    expect(october).toContain('October record');
    expect(october).not.toContain('Scrap down');
    expect(messageText(await wins('wins site Hilltop 2026-Q3'))).toBe(
      'No wins recognised at Hilltop in Q3 2026 (2026-07-01 to 2026-09-30) yet. Post one with /clause5 win.',
    );
  });

  it('names an unknown site, a bad period and a bad page', async () => {
    await setup();
    expect(messageText(await wins('wins site Atlantis'))).toBe("I don't know the site “Atlantis”. Sites: Hilltop, Riverside Plant.");
    expect(messageText(await wins('wins 2026-13'))).toContain('2026-13 is not a month');
    expect(messageText(await wins('wins 2027-01'))).toContain('starts after today');
    expect(messageText(await wins('wins page two'))).toBe('“two” is not a page number — use 1, 2, 3 …');
  });

  it('pages a long list and keeps the site on every page', async () => {
    await setup();
    for (let i = 0; i < 25; i++)
      await addWin(`Riverside win ${i}`, plant.siteId, `2026-11-23T${String(10 + (i % 10)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00Z`);
    for (let i = 0; i < 3; i++) await addWin(`Hilltop win ${i}`, otherSite, '2026-11-23T12:00:00Z');
    const first = await wins('wins site "Riverside Plant" week');
    expect(messageText(first)).toContain('Showing 1–20 of 25 wins (page 1 of 2). Next page: /clause5 wins site "Riverside Plant" week page 2');
    const second = (await press(core, 'local:jo', button(first, 'Next'))).replaceOriginal;
    expect(messageText(second)).toContain('Showing 21–25 of 25 wins (page 2 of 2).');
    expect(messageText(second)).not.toContain('Hilltop');
    expect(buttonsOf(second).map((b) => b.label)).toEqual(['Previous']);
  });

  it('the weekly roundup in the channel says how many it left out and the command that lists them all', async () => {
    await setup();
    for (let i = 0; i < 23; i++) await addWin(`Roundup win ${i}`, plant.siteId, `2026-11-24T16:${String(i).padStart(2, '0')}:00Z`);
    const delivery: Delivery = {
      id: 1,
      orgId: 'local',
      key: 'k',
      kind: 'wins_roundup',
      personId: null,
      channel: null,
      subject: { siteId: plant.siteId, weekKey: '2026-W48' },
      dueAt: 0,
      status: 'sending',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      sentAt: null,
      messageRef: null,
    };
    const composed = await winsRoundupComposer(core.deps).compose(delivery);
    if (!('message' in composed)) throw new Error(`no roundup: ${JSON.stringify(composed)}`);
    expect(messageText(composed.message)).toContain('…and 3 more. See them all with /clause5 wins site "Riverside Plant" 2026-11-20..2026-11-27.');
    expect(messageText(await wins('wins site "Riverside Plant" 2026-11-20..2026-11-27'))).toContain('23 wins recognised at Riverside Plant');
  });
});
