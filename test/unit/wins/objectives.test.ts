import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core';
import { buildPlant, textOf, type Plant } from './plant';

let core: TestCore;
let plant: Plant;
afterEach(() => core?.cleanup());

async function setup() {
  core = makeTestCore();
  plant = await buildPlant(core);
}

const say = async (who: keyof Plant, text: string) => textOf((await core.bot.handleCommand(plant[who] as never, text)).message);

describe('quality objectives', () => {
  it('lets a quality manager add, list and retire objectives, audited', async () => {
    await setup();
    expect(await say('jo', 'objective list')).toContain('No quality objectives yet');
    expect(await say('quinn', 'objective add otd "On-time delivery ≥ 98 %"')).toContain('Added objective OTD — On-time delivery ≥ 98 %.');
    expect(await say('quinn', 'objective add CUST "Halve customer complaints" customer')).toContain('(customer focus)');
    const list = await say('jo', 'objective list');
    expect(list).toContain('#CUST Halve customer complaints (customer focus)');
    expect(list).toContain('#OTD On-time delivery ≥ 98 %');
    const otd = await core.store.objectives.findByCode('local', 'OTD');
    expect(otd).toMatchObject({ code: 'OTD', customerFocus: false, active: true });
    expect(await say('ada', 'objective retire #otd')).toContain('Retired objective OTD');
    expect((await core.store.objectives.listActive('local')).map((o) => o.code)).toEqual(['CUST']);
    expect((await core.store.audit.history('local', 'objective', String(otd!.id))).map((a) => a.action)).toEqual(['create', 'update']);
    // Retired codes no longer link: #OTD is a free tag now.
    await core.bot.handleCommand(plant.jo, 'win shipped the order early #otd');
    expect((await core.store.wins.recent('local', 0))[0]?.tags).toEqual(['otd']);
    // Adding it again brings it back.
    expect(await say('quinn', 'objective add OTD "On-time delivery ≥ 99 %"')).toContain('Brought back objective OTD');
    expect((await core.store.objectives.listActive('local')).map((o) => o.code)).toEqual(['CUST', 'OTD']);
  });

  it('refuses members, duplicates, bad codes, missing titles and unknown codes', async () => {
    await setup();
    expect(await say('maria', 'objective add OTD "x"')).toContain('Only a quality manager or an admin can use /clause5 objective add');
    expect(await say('jo', 'objective retire OTD')).toContain('Only a quality manager or an admin');
    await say('quinn', 'objective add OTD "On-time delivery"');
    expect(await say('quinn', 'objective add otd "Other"')).toContain('Objective OTD already exists');
    expect(await say('quinn', 'objective add 9X "t"')).toContain("can't be an objective code");
    expect(await say('quinn', 'objective add SCRAP')).toContain('Give objective SCRAP a title');
    expect(await say('quinn', 'objective add')).toContain('Usage: objective add <CODE>');
    expect(await say('quinn', 'objective retire NOPE')).toContain('There is no active objective “NOPE”. Active: OTD.');
    expect(await say('quinn', `objective add LONG "${'t'.repeat(121)}"`)).toContain('keep it to 120');
    expect((await core.store.objectives.list('local')).map((o) => o.code)).toEqual(['OTD']);
  });
});
