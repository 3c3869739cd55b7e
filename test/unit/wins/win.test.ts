import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/core/deliveries';
import { winPostComposer } from '../../../src/core/wins/deliveries';
import { winFormFor } from '../../../src/core/wins/module';
import { NO_WINS_CHANNEL } from '../../../src/core/wins/post';
import { coreModules } from '../../../src/core/modules';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { buildPlant, deliveryRows, spansOf, textOf, type Plant } from './plant';

let core: TestCore;
let plant: Plant;
afterEach(() => core?.cleanup());

async function setup(winsChannel: string | null = 'riverside-wins') {
  core = makeTestCore('2026-11-23T15:00:00Z'); // Monday 09:00 in Chicago
  plant = await buildPlant(core, winsChannel);
}

async function compose(key: string) {
  const delivery = (await core.store.deliveries.getByKey(key)) as Delivery;
  expect(delivery).toBeDefined();
  return winPostComposer(core.deps).compose(delivery);
}

describe('posting a win by command', () => {
  it('stores the win, its people and tags, and enqueues one win_post delivery to the wins channel', async () => {
    await setup();
    await core.store.objectives.create({ orgId: 'local', code: 'OTD', title: 'On-time delivery', customerFocus: false }, null);
    const reply = await core.bot.handleCommand(
      plant.maria,
      'win @jo @kim cut changeover on line 2 from 45 to 25 minutes #cost #otd #Kaizen metric "changeover −44 %" team "Assembly"',
    );
    expect(textOf(reply.message)).toContain('celebrating it in #riverside-wins');
    const [win] = await core.store.wins.recent('local', 0);
    expect(win).toMatchObject({
      postedBy: 'local:maria',
      text: 'cut changeover on line 2 from 45 to 25 minutes',
      tags: ['cost', 'OTD', 'kaizen'],
      metric: 'changeover −44 %',
      teamId: plant.teamId,
      siteId: plant.siteId,
    });
    expect(win!.people.sort()).toEqual(['local:jo', 'local:kim']);
    const rows = await deliveryRows(core);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: `win_post:${win!.id}`, kind: 'win_post', channel: 'riverside-wins', status: 'pending' });
    expect(JSON.parse(rows[0]!.subject)).toEqual({ winId: win!.id });
    expect((await core.store.audit.history('local', 'win', String(win!.id))).map((a) => a.action)).toEqual(['create']);
  });

  it('says when a typed tag is filed under another name (#quality is the built-in defect-reduction)', async () => {
    await setup();
    const reply = await core.bot.handleCommand(plant.maria, 'win @jo cut scrap on line 2 by a third #quality #Kaizen #5s');
    const said = textOf(reply.message);
    expect(said).toContain('celebrating it in #riverside-wins. #quality is filed as #defect-reduction.');
    expect(said).not.toContain('#Kaizen is filed'); // only the case changed
    expect(said).not.toContain('#5s is filed');
    const [win] = await core.store.wins.recent('local', 0);
    expect(win!.tags).toEqual(['defect-reduction', 'kaizen', '5S']);
  });

  it('celebrates with mentions of the people, credits the poster and keeps user text as plain string spans', async () => {
    await setup();
    const tricky = 'Fixed <b>jig</b> & *slot* <!here> `x`';
    await core.bot.handleCommand(plant.maria, `win @jo ${tricky} metric "<scrap> −12 %"`);
    const [win] = await core.store.wins.recent('local', 0);
    const composed = await compose(`win_post:${win!.id}`);
    expect('to' in composed && composed.to).toEqual({ channel: 'riverside-wins' });
    if (!('message' in composed)) throw new Error('expected a message');
    const spans = spansOf(composed.message);
    expect(spans).toContainEqual({ mention: 'local:jo' });
    expect(spans).toContainEqual(tricky);
    expect(spans).toContainEqual('<scrap> −12 %');
    const credit = composed.message.blocks.flatMap((b) => (b.type === 'facts' ? b.facts : [])).find((f) => f.label === 'Recognised by');
    expect(credit?.value).toEqual([{ mention: 'local:maria' }]);
    expect(JSON.stringify(composed.message)).not.toMatch(/&amp;|&lt;|&gt;/);
    expect(composed.message.summary).toContain(tricky);
  });

  it('delivers the celebration to the wins channel through the real scheduler', async () => {
    await setup();
    await core.bot.handleCommand(plant.jo, 'win @kim first 5S audit of the cell scored 92 % #5s');
    const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
    await scheduler.drain(core.clock.now());
    const posted = core.local.inbox('#riverside-wins');
    expect(posted).toHaveLength(1);
    expect(spansOf(posted[0]!.message)).toContainEqual({ mention: 'local:kim' });
    expect((await deliveryRows(core))[0]?.status).toBe('sent');
  });

  it('keeps ordinary words such as “team” and “metric” in the text unless an option clearly follows', async () => {
    await setup();
    await core.bot.handleCommand(plant.jo, 'win the team fixed the jig on line #3 and the metric board said "wow" team assembly metric -12%');
    const [win] = await core.store.wins.recent('local', 0);
    expect(win).toMatchObject({ text: 'the team fixed the jig on line #3 and the metric board said “wow”', teamId: plant.teamId, metric: '-12%', tags: [] });
    const twice = await core.bot.handleCommand(plant.jo, 'win great metric "a 1" metric "b 2"');
    expect(textOf(twice.message)).toContain('Give one metric per win.');
  });

  it('defaults the team to the one the named people share, and the site to the poster’s', async () => {
    await setup();
    await core.bot.handleCommand(plant.quinn, 'win @jo @kim new torque check caught a bad batch #safety');
    const [win] = await core.store.wins.recent('local', 0);
    expect(win).toMatchObject({ teamId: plant.teamId, siteId: plant.siteId, tags: ['safety'] });
  });

  it('falls back to the organisation’s digest channel when the site has no wins channel', async () => {
    await setup(null);
    await core.store.orgs.updateSettings('local', { digestChannel: 'quality' }, null);
    const reply = await core.bot.handleCommand(plant.jo, 'win zero defects this week');
    expect(textOf(reply.message)).toContain('#quality');
    expect((await deliveryRows(core))[0]?.channel).toBe('quality');
  });

  it('tells the poster when no wins channel is configured, and the delivery is skipped with the reason', async () => {
    await setup(null);
    const reply = await core.bot.handleCommand(plant.jo, 'win zero defects this week');
    expect(textOf(reply.message)).toContain('no wins channel configured');
    expect(textOf(reply.message)).toContain('/clause5 admin site set "Riverside Plant" wins-channel #channel');
    const [win] = await core.store.wins.recent('local', 0);
    expect(win?.text).toBe('zero defects this week');
    expect(await compose(`win_post:${win!.id}`)).toEqual({ skip: NO_WINS_CHANNEL });
    const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
    await scheduler.drain(core.clock.now());
    expect((await deliveryRows(core))[0]).toMatchObject({ status: 'skipped', lastError: NO_WINS_CHANNEL });
    expect(core.local.all()).toHaveLength(0);
  });

  it('opens the form when there is no text, pre-filled with what was given', async () => {
    await setup();
    const reply = await core.bot.handleCommand(plant.maria, 'win @jo #safety metric "scrap −12 %"');
    const form = reply.openForm!;
    expect(form.id).toBe('win.new');
    expect(form.fields.map((f) => [f.id, f.kind])).toEqual([
      ['what', 'textarea'],
      ['people', 'people'],
      ['team', 'select'],
      ['tags', 'multiselect'],
      ['metric', 'text'],
    ]);
    expect(form.fields.find((f) => f.id === 'what')?.maxLength).toBe(500);
    expect(form.fields.find((f) => f.id === 'metric')?.maxLength).toBe(60);
    expect(form.fields.find((f) => f.id === 'people')?.initial).toEqual(['local:jo']);
    expect(form.fields.find((f) => f.id === 'tags')?.initial).toEqual(['safety']);
    expect(form.fields.find((f) => f.id === 'metric')?.initial).toBe('scrap −12 %');
    expect(form.fields.find((f) => f.id === 'team')?.initial).toBe(String(plant.teamId));
    expect(await core.store.wins.recent('local', 0)).toEqual([]);
    expect(await deliveryRows(core)).toEqual([]);
  });

  it('refuses unknown people and teams, and overlong text, without storing anything', async () => {
    await setup();
    const unknownPerson = await core.bot.handleCommand(plant.jo, 'win @nobody did great');
    expect(textOf(unknownPerson.message)).toContain("I don't know anyone called “@nobody”");
    const unknownTeam = await core.bot.handleCommand(plant.jo, 'win did great team "Painting"');
    expect(textOf(unknownTeam.message)).toContain("I don't know the team “Painting”. Teams: Assembly.");
    const long = await core.bot.handleCommand(plant.jo, `win ${'x'.repeat(501)}`);
    expect(textOf(long.message)).toContain('501 characters long; please keep it to 500');
    const metric = await core.bot.handleCommand(plant.jo, `win great metric "${'m'.repeat(61)}"`);
    expect(textOf(metric.message)).toContain('keep it to 60');
    const badTag = await core.bot.handleCommand(plant.jo, 'win great #!!');
    expect(textOf(badTag.message)).toContain('as a tag');
    expect(await core.store.wins.recent('local', 0)).toEqual([]);
    expect(await deliveryRows(core)).toEqual([]);
  });
});

describe('posting a win through the form', () => {
  it('stores the win with the message reference and enqueues its celebration', async () => {
    await setup();
    await core.store.objectives.create({ orgId: 'local', code: 'SCRAP', title: 'Scrap below 1.5 %', customerFocus: false }, null);
    const actor = await core.bot.resolveActor(plant.maria);
    const form = await winFormFor(core.deps, actor, '  Kim spotted a mislabelled pallet before it shipped  ', 'slack-msg:C1:1700000000.1');
    expect(form.fields.find((f) => f.id === 'what')?.initial).toBe('Kim spotted a mislabelled pallet before it shipped');
    expect(form.fields.find((f) => f.id === 'tags')?.options?.map((o) => o.value)).toEqual(['defect-reduction', 'customer', 'safety', 'cost', '5S', 'SCRAP']);
    const reply = await core.bot.handleFormSubmit(
      plant.maria,
      'win.new',
      {
        what: 'Kim spotted a mislabelled pallet before it shipped',
        people: ['local:kim'],
        team: String(plant.teamId),
        tags: ['customer', 'SCRAP'],
        metric: '',
      },
      form.state,
    );
    expect(reply.formErrors).toBeUndefined();
    expect(textOf(reply.message)).toContain('#riverside-wins');
    const [win] = await core.store.wins.recent('local', 0);
    expect(win).toMatchObject({ people: ['local:kim'], tags: ['customer', 'SCRAP'], metric: null, sourceRef: 'slack-msg:C1:1700000000.1' });
    expect((await deliveryRows(core)).map((d) => d.key)).toEqual([`win_post:${win!.id}`]);
    const composed = await compose(`win_post:${win!.id}`);
    if (!('message' in composed)) throw new Error('expected a message');
    expect(textOf(composed.message)).toContain('SCRAP — Scrap below 1.5 %');
  });

  it('puts problems on the field they belong to and keeps the form open', async () => {
    await setup();
    const empty = await core.bot.handleFormSubmit(plant.jo, 'win.new', { what: '   ' }, '{}');
    expect(Object.keys(empty.formErrors ?? {})).toEqual(['what']);
    const metric = await core.bot.handleFormSubmit(plant.jo, 'win.new', { what: 'ok', metric: 'x'.repeat(61) }, '{}');
    expect(Object.keys(metric.formErrors ?? {})).toEqual(['metric']);
    const team = await core.bot.handleFormSubmit(plant.jo, 'win.new', { what: 'ok', team: '999' }, '{}');
    expect(Object.keys(team.formErrors ?? {})).toEqual(['team']);
    const person = await core.bot.handleFormSubmit(plant.jo, 'win.new', { what: 'ok', people: ['local:ghost'] }, 'not json');
    expect(Object.keys(person.formErrors ?? {})).toEqual(['people']);
    expect(await core.store.wins.recent('local', 0)).toEqual([]);
  });

  it('leaves the team picker out when there are no teams', async () => {
    core = makeTestCore();
    const actor = await core.bot.resolveActor(core.as('local:solo'));
    const form = await winFormFor(core.deps, actor);
    expect(form.fields.map((f) => f.id)).toEqual(['what', 'people', 'tags', 'metric']);
    expect(form.state).toBe('{}');
  });
});
