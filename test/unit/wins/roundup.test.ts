import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/core/deliveries';
import { coreModules } from '../../../src/core/modules';
import { winsRoundupComposer, winsRoundupSource } from '../../../src/core/wins/deliveries';
import { NO_WINS_CHANNEL } from '../../../src/core/wins/post';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { buildPlant, deliveryRows, spansOf, textOf, type Plant } from './plant';

let core: TestCore;
let plant: Plant;
afterEach(() => core?.cleanup());

const HOUR = 3_600_000;

async function setup(start = '2026-11-23T15:00:00Z', winsChannel: string | null = 'riverside-wins') {
  core = makeTestCore(start);
  plant = await buildPlant(core, winsChannel);
}

describe('the weekly wins roundup', () => {
  it('has one trigger per site per ISO week, Friday 16:00 site-local, with a week key', async () => {
    await setup();
    const london = await core.store.sites.create(
      { orgId: 'local', name: 'Thames Works', timeZone: 'Europe/London', workDays: [1, 2, 3, 4, 5], winsChannel: 'thames-wins' },
      null,
    );
    const source = winsRoundupSource(core.deps);
    const from = Date.parse('2026-11-23T00:00:00Z');
    const triggers = await source.triggers(from, from + 14 * 24 * HOUR);
    const byTime = [...triggers].sort((a, b) => a.dueAt - b.dueAt);
    expect(byTime.map((t) => [t.key, new Date(t.dueAt).toISOString(), t.channel])).toEqual([
      [`wins_roundup:${london.id}:2026-W48`, '2026-11-27T16:00:00.000Z', 'thames-wins'],
      [`wins_roundup:${plant.siteId}:2026-W48`, '2026-11-27T22:00:00.000Z', 'riverside-wins'],
      [`wins_roundup:${london.id}:2026-W49`, '2026-12-04T16:00:00.000Z', 'thames-wins'],
      [`wins_roundup:${plant.siteId}:2026-W49`, '2026-12-04T22:00:00.000Z', 'riverside-wins'],
    ]);
    expect(byTime.every((t) => t.kind === 'wins_roundup' && t.orgId === 'local')).toBe(true);
    // A window that ends exactly at the instant includes it; one that starts there does not.
    const at = Date.parse('2026-11-27T22:00:00Z');
    expect((await source.triggers(at - 1, at)).map((t) => t.key)).toEqual([`wins_roundup:${plant.siteId}:2026-W48`]);
    expect(await source.triggers(at, at + 60_000)).toEqual([]);
  });

  it('uses the week of the Friday in week 53 of 2026', async () => {
    await setup('2026-12-28T15:00:00Z');
    const triggers = await winsRoundupSource(core.deps).triggers(Date.parse('2026-12-28T00:00:00Z'), Date.parse('2027-01-03T00:00:00Z'));
    expect(triggers.map((t) => t.key)).toEqual([`wins_roundup:${plant.siteId}:2026-W53`]);
  });

  it('posts the site’s wins of that week to the wins channel through the scheduler, and nothing the week after with no wins', async () => {
    await setup();
    const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
    await scheduler.runPass(core.clock.now());
    await core.bot.handleCommand(plant.maria, 'win @jo cleaner kitting area #5s');
    core.clock.advance(24 * HOUR);
    await core.bot.handleCommand(plant.jo, 'win @kim caught a wrong label before shipping #customer metric "0 escapes"');
    // A win at another site does not belong in this roundup.
    const other = await core.store.sites.create(
      { orgId: 'local', name: 'North', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null },
      null,
    );
    await core.store.people.update('local', 'local:quinn', { siteId: other.id }, null);
    await core.bot.handleCommand(plant.quinn, 'win north site did well');
    await scheduler.drain(core.clock.now());
    const celebrations = core.local.inbox('#riverside-wins').length;

    for (let t = core.clock.now(); t < Date.parse('2026-11-27T22:01:00Z'); t += HOUR) {
      core.clock.set(t);
      await scheduler.tick(t);
    }
    core.clock.set(Date.parse('2026-11-27T22:01:00Z'));
    await scheduler.tick(core.clock.now());
    const posts = core.local.inbox('#riverside-wins').slice(celebrations);
    expect(posts).toHaveLength(1);
    const roundup = posts[0]!.message;
    expect(roundup.heading).toBe('This week’s wins');
    expect(textOf(roundup)).toContain('Riverside Plant — 2 wins recognised since the last roundup (Friday 2026-11-20 16:00 to Friday 2026-11-27 16:00)');
    expect(textOf(roundup)).toContain('caught a wrong label before shipping (0 escapes) #customer');
    expect(textOf(roundup)).not.toContain('north site');
    expect(spansOf(roundup)).toContainEqual({ mention: 'local:kim' });
    const row = (await deliveryRows(core)).find((d) => d.key === `wins_roundup:${plant.siteId}:2026-W48`);
    expect(row).toMatchObject({ kind: 'wins_roundup', status: 'sent' });
    const northRow = (await deliveryRows(core)).find((d) => d.key === `wins_roundup:${other.id}:2026-W48`);
    expect(northRow).toMatchObject({ status: 'skipped', lastError: NO_WINS_CHANNEL });

    // The next week has no wins: the roundup is skipped, nothing is posted.
    const nextFriday = Date.parse('2026-12-04T22:01:00Z');
    for (let t = core.clock.now() + HOUR; t <= nextFriday; t += 6 * HOUR) {
      core.clock.set(t);
      await scheduler.tick(t);
    }
    core.clock.set(nextFriday);
    await scheduler.tick(nextFriday);
    expect(core.local.inbox('#riverside-wins').slice(celebrations)).toHaveLength(1);
    const skipped = (await deliveryRows(core)).find((d) => d.key === `wins_roundup:${plant.siteId}:2026-W49`);
    expect(skipped).toMatchObject({ status: 'skipped', lastError: 'no wins at Riverside Plant in 2026-W49' });
  });

  it('covers exactly the time since the previous roundup, so Friday-evening and weekend wins are in the next one', async () => {
    await setup('2026-11-27T15:00:00Z'); // Friday 09:00 in Chicago
    const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
    await scheduler.runPass(core.clock.now());
    const runUntil = async (iso: string) => {
      for (let t = core.clock.now() + HOUR; t < Date.parse(iso); t += HOUR) {
        core.clock.set(t);
        await scheduler.tick(t);
      }
      core.clock.set(Date.parse(iso));
      await scheduler.tick(core.clock.now());
    };
    const roundups = () =>
      core.local
        .inbox('#riverside-wins')
        .filter((m) => m.message.heading === 'This week’s wins')
        .map((m) => textOf(m.message));
    await core.bot.handleCommand(plant.maria, 'win friday morning fix');
    await runUntil('2026-11-27T21:59:00Z'); // 15:59 local
    await core.bot.handleCommand(plant.maria, 'win just before the roundup');
    await runUntil('2026-11-27T22:00:00Z'); // 16:00 local: the W48 roundup
    await core.bot.handleCommand(plant.maria, 'win friday evening shift');
    await runUntil('2026-11-28T18:00:00Z'); // Saturday noon
    await core.bot.handleCommand(plant.jo, 'win @kim saturday changeover in record time');
    await runUntil('2026-12-04T22:01:00Z');
    const [first, second, ...rest] = roundups();
    expect(rest).toEqual([]);
    expect(first).toContain('2 wins recognised since the last roundup (Friday 2026-11-20 16:00 to Friday 2026-11-27 16:00)');
    expect(first).toContain('friday morning fix');
    expect(first).toContain('just before the roundup');
    expect(first).not.toContain('friday evening shift');
    expect(second).toContain('2 wins recognised since the last roundup (Friday 2026-11-27 16:00 to Friday 2026-12-04 16:00)');
    expect(second).toContain('2026-11-27 friday evening shift');
    expect(second).toContain('2026-11-28 @local:kim: saturday changeover in record time');
    expect(second).not.toContain('friday morning fix');
  });

  it('skips when the site has gone or has no channel', async () => {
    await setup(undefined, null);
    await core.bot.handleCommand(plant.maria, 'win good week');
    const composer = winsRoundupComposer(core.deps);
    const base: Delivery = {
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
    expect(await composer.compose(base)).toEqual({ skip: NO_WINS_CHANNEL });
    expect(await composer.compose({ ...base, subject: { siteId: 999, weekKey: '2026-W48' } })).toEqual({ skip: 'the site no longer exists' });
  });
});

describe('listing wins', () => {
  it('lists this week’s and this month’s wins, and says so when there are none', async () => {
    await setup('2026-11-30T15:00:00Z'); // Monday of W49
    const none = await core.bot.handleCommand(plant.jo, 'wins');
    expect(textOf(none.message)).toContain('No wins recognised this week (2026-11-30 to 2026-12-06) yet');
    await core.store.wins.create(
      {
        orgId: 'local',
        siteId: plant.siteId,
        teamId: null,
        postedBy: 'local:maria',
        text: 'last week win',
        tags: [],
        metric: null,
        postedAt: Date.parse('2026-11-26T15:00:00Z'),
        people: [],
      },
      null,
    );
    await core.bot.handleCommand(plant.maria, 'win @jo this week win #cost');
    const week = await core.bot.handleCommand(plant.jo, 'wins week');
    expect(textOf(week.message)).toContain('1 win recognised this week');
    expect(textOf(week.message)).toContain('this week win #cost');
    expect(textOf(week.message)).not.toContain('last week win');
    const month = await core.bot.handleCommand(plant.jo, 'wins month');
    expect(textOf(month.message)).toContain('recognised this month (2026-11-01 to 2026-11-30)');
    expect(textOf(month.message)).toContain('last week win');
    const bad = await core.bot.handleCommand(plant.jo, 'wins fortnight');
    expect(textOf(bad.message)).toContain("I don't understand the period “fortnight”. Use week, last-week, month");
  });

  it('shows 20 a page and says how many there are and how to see the rest', async () => {
    await setup();
    for (let i = 0; i < 23; i++) await core.bot.handleCommand(plant.jo, `win win number ${i}`);
    const reply = await core.bot.handleCommand(plant.jo, 'wins');
    const list = reply.message!.blocks.find((b) => b.type === 'list');
    expect(list && list.type === 'list' && list.items.length).toBe(20);
    expect(textOf(reply.message)).toContain('Showing 1–20 of 23 wins (page 1 of 2). Next page: /clause5 wins page 2');
  });
});
