// Issue 10, items 7 and 8 through the core: one site means everyone's site; a typo never posts a
// public win (command word, id-like start, too few words, an unquoted metric).
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core';
import { confirmWin } from '../../../src/core/wins/confirm';
import { buildPlant, deliveryRows, textOf } from './plant';

let core: TestCore;
afterEach(() => core?.cleanup());

function buttons(reply: { message?: { blocks: any[] } }) {
  return (reply.message?.blocks ?? []).flatMap((b: any) => (b.type === 'buttons' ? b.buttons : []));
}

describe('one site means everyone’s site (item 7)', () => {
  it('the first site adopts the people already here and newcomers arrive in it; their win goes to its channel', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await core.bot.handleCommand(core.as('local:ada'), 'help'); // first person: admin, no site yet
    const added = await core.bot.handleCommand(core.as('local:ada'), 'admin site add "Plant 1" America/Chicago #wins');
    expect(textOf(added.message)).toContain('without a site now belong to it');
    const site = (await core.store.sites.list('local'))[0]!;
    expect((await core.store.people.get('local', 'local:ada'))!.siteId).toBe(site.id);
    const reply = await core.bot.handleCommand(core.as('local:newbie'), 'win the night shift cleared the backlog');
    expect(textOf(reply.message)).toContain('celebrating it in #wins');
    expect((await core.store.people.get('local', 'local:newbie'))!.siteId).toBe(site.id);
    expect((await deliveryRows(core))[0]).toMatchObject({ kind: 'win_post', channel: 'wins' });
  });

  it('with several sites, a person without one is told to ask an admin to put them in a site', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await core.bot.handleCommand(core.as('local:ada'), 'help');
    await core.bot.handleCommand(core.as('local:ada'), 'admin site add "Plant 1" America/Chicago #wins1');
    await core.bot.handleCommand(core.as('local:ada'), 'admin site add "Plant 2" America/Chicago #wins2');
    const reply = await core.bot.handleCommand(core.as('local:newbie'), 'win the night shift cleared the backlog');
    const said = textOf(reply.message);
    expect(said).toContain('you are not in a site yet — ask an admin: /clause5 admin person');
    expect(said).not.toContain('no wins channel configured');
  });
});

describe('a typo must not post a public win (item 8)', () => {
  for (const typed of ['win remove 7', 'win delete the last win', 'win #7 great work', 'win 12 was wrong', 'win nice']) {
    it(`“${typed}” asks before posting and saves nothing`, async () => {
      core = makeTestCore('2026-11-23T15:00:00Z');
      const plant = await buildPlant(core);
      const reply = await core.bot.handleCommand(plant.maria, typed);
      expect(textOf(reply.message)).toContain('Post this as a win?');
      expect(buttons(reply).map((b: any) => b.label)).toEqual(['Post', 'Cancel']);
      expect(await core.store.wins.recent('local', 0)).toHaveLength(0);
      expect(await deliveryRows(core)).toHaveLength(0);
    });
  }

  it('Post posts it as typed; Cancel saves nothing', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const plant = await buildPlant(core);
    const ask = await core.bot.handleCommand(plant.maria, 'win @jo thanks');
    const [post, cancel] = buttons(ask);
    const cancelled = await core.bot.handleAction(plant.maria, cancel.action, cancel.value);
    expect(textOf(cancelled.replaceOriginal)).toContain('Not posted');
    expect(await core.store.wins.recent('local', 0)).toHaveLength(0);
    const posted = await core.bot.handleAction(plant.maria, post.action, post.value);
    expect(textOf(posted.replaceOriginal)).toContain('Posted as win #');
    const [win] = await core.store.wins.recent('local', 0);
    expect(win).toMatchObject({ text: 'thanks', postedBy: 'local:maria', teamId: plant.teamId });
    expect(win!.people).toEqual(['local:jo']);
    expect(await deliveryRows(core)).toHaveLength(1);
  });

  it('a clear win of three words or more posts at once', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const plant = await buildPlant(core);
    const reply = await core.bot.handleCommand(plant.maria, 'win zero scrap today');
    expect(textOf(reply.message)).toContain('celebrating it');
    expect(await core.store.wins.recent('local', 0)).toHaveLength(1);
  });

  it('“metric” without a figure or quotes says how to quote it instead of posting', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const plant = await buildPlant(core);
    const reply = await core.bot.handleCommand(plant.maria, 'win @kim great job metric scrap down');
    expect(textOf(reply.message)).toContain('metric "scrap down"');
    expect(await core.store.wins.recent('local', 0)).toHaveLength(0);
  });

  it('a win too large for a Slack button value (2000) is re-asked in the prefilled form', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const plant = await buildPlant(core);
    const actor = await core.bot.resolveActor(plant.maria);
    const people = Array.from({ length: 60 }, (_, i) => `local:person-with-a-long-handle-${i}`);
    const pending = { text: 'remove "this" "and" "that"', people, teamId: plant.teamId, tags: [], metric: null };
    const reply = await confirmWin(core.deps, actor, pending, ['I haven’t posted this yet.']);
    expect(reply.message).toBeUndefined();
    expect(reply.openForm?.fields.find((f) => f.id === 'what')?.initial).toBe(pending.text);
    const small = await confirmWin(core.deps, actor, { ...pending, people: people.slice(0, 2) }, ['x']);
    expect(buttons(small)[0].value.length).toBeLessThanOrEqual(2000);
  });
});
