import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg } from './helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('away periods', () => {
  it('adds your own, lists current and upcoming ones, and cancels them (audited)', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    const added = await say('maria', 'away 2026-12-21 2026-12-31 holiday at home');
    expect(added).toContain('You are away from 2026-12-21 to 2026-12-31 (11 days)');
    expect(added).toContain('/clause5 away cancel');
    const [period] = await core.store.away.list('local', 'local:maria');
    expect(period).toMatchObject({ fromDate: '2026-12-21', toDate: '2026-12-31', reason: 'holiday at home' });
    expect(await say('maria', 'away tomorrow')).toContain('from 2026-11-24 to 2026-11-24 (1 day)');
    const list = await say('maria', 'away list');
    expect(list).toContain(`#${period!.id} 2026-12-21 to 2026-12-31 — holiday at home`);
    expect(list).toContain('2026-11-24 to 2026-11-24');
    expect(await say('maria', `away cancel ${period!.id}`)).toContain(`Cancelled your away period #${period!.id} (2026-12-21 to 2026-12-31)`);
    expect((await core.store.away.list('local', 'local:maria')).map((p) => p.fromDate)).toEqual(['2026-11-24']);
    expect((await core.store.audit.history('local', 'away', String(period!.id))).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('notes an overlap with an earlier period', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    await say('maria', 'away 2026-12-01 2026-12-05');
    expect(await say('maria', 'away 2026-12-04 2026-12-08')).toMatch(/It overlaps away period #\d+/);
  });

  it('validates the dates', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    expect(await say('maria', 'away 2026-02-30 2026-03-02')).toContain('2026-02-30 is not a real date');
    expect(await say('maria', 'away 2026-12-10 2026-12-01')).toContain('The end date 2026-12-01 is before the start date 2026-12-10');
    expect(await say('maria', 'away 2026-12-01 2027-12-05')).toContain("that's more than a year");
    expect(await say('maria', 'away next-week')).toContain("I can't read the start date “next-week”");
    expect(await say('maria', 'away')).toContain('When are you away?');
    expect(await say('maria', `away 2026-12-01 2026-12-02 ${'r'.repeat(201)}`)).toContain('Keep the reason to 200 characters');
    expect(await core.store.away.list('local', 'local:maria')).toEqual([]);
  });

  it('lets only quality managers and admins back-date an away period (the leader’s local today)', async () => {
    core = makeTestCore('2026-11-24T03:00:00Z'); // Monday 2026-11-23 21:00 in Chicago
    const { say } = await smallOrg(core);
    const refused = await say('maria', 'away 2026-11-16 2026-11-20 holiday');
    expect(refused).toContain('2026-11-16 is in the past');
    expect(refused).toContain('ask a quality manager or an admin to record an absence that has already started');
    expect(await say('maria', 'away 2026-11-22 2026-11-30')).toContain('ask a quality manager');
    expect(await core.store.away.list('local', 'local:maria')).toEqual([]);
    expect(await say('maria', 'away today')).toContain('2026-11-23 is today — you can mark yourself away from tomorrow (2026-11-24) on');
    expect(await say('maria', 'away tomorrow')).toContain('You are away from 2026-11-24 to 2026-11-24');
    expect(await say('quinn', 'away @maria 2026-11-16 2026-11-20 holiday')).toContain('@local:maria is away from 2026-11-16 to 2026-11-20');
    expect(await say('ada', 'away 2026-11-02 2026-11-03 training')).toContain('You are away from 2026-11-02');
    expect((await core.store.away.list('local', 'local:maria')).map((p) => p.fromDate).sort()).toEqual(['2026-11-16', '2026-11-24']);
  });

  it('lets managers mark, list and cancel someone else’s away, and nobody else', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    expect(await say('jo', 'away @maria 2026-12-01 2026-12-02')).toContain('Only a quality manager or an admin can add an away period for someone else');
    expect(await say('jo', 'away list @maria')).toContain('Only a quality manager or an admin can see away periods for someone else');
    expect(await say('quinn', 'away @maria 2026-12-01 2026-12-02 training')).toContain('@local:maria is away from 2026-12-01 to 2026-12-02');
    const [period] = await core.store.away.list('local', 'local:maria');
    expect(await say('quinn', 'away list @maria')).toContain('2026-12-01 to 2026-12-02 — training');
    expect(await say('jo', `away cancel ${period!.id}`)).toContain(`You have no away period #${period!.id}`);
    expect(await say('ada', `away cancel #${period!.id}`)).toContain('Cancelled @local:maria’s away period');
    expect(await say('ada', `away cancel ${period!.id}`)).toContain(`There is no away period #${period!.id}`);
    expect(await say('ada', 'away cancel soon')).toContain('“soon” is not an away period number');
    // Only plain digits are a record number: no exponents, hex, decimals or numbers past 15 digits.
    for (const raw of ['1e0', '0x1', '1.0', '99999999999999999999']) {
      expect(await say('ada', `away cancel ${raw}`)).toContain(`“${raw}” is not an away period number`);
    }
    expect(await say('jo', 'away list')).toContain('You have no current or upcoming away periods');
  });
});
