// Issue 10 item 15: US dates (MM/DD/YYYY) where a date is typed, and US zone abbreviations mapped
// to IANA zones that keep summer time, with the mapping echoed back.
import { afterEach, describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/core/people/parse';
import { parseTimeZone } from '../../../src/core/time';
import { makeTestCore, type TestCore } from '../../support/core';
import { buildPlant, textOf } from '../wins/plant';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('US habits', () => {
  it('reads 12/09/2026 as 9 December (month first) and still refuses a date that does not exist', () => {
    expect(parseDate('12/09/2026', '2026-11-23')).toBe('2026-12-09');
    expect(parseDate('1/5/2027', '2026-11-23')).toBe('2027-01-05');
    expect(() => parseDate('13/09/2026', '2026-11-23')).toThrow(/not a real date|can't read/);
  });

  it('maps EST CST MST PST ET CT AKST HST to zones with summer time', () => {
    const cases: Record<string, string> = {
      EST: 'America/New_York',
      ET: 'America/New_York',
      cst: 'America/Chicago',
      CT: 'America/Chicago',
      MST: 'America/Denver',
      PST: 'America/Los_Angeles',
      AKST: 'America/Anchorage',
      HST: 'Pacific/Honolulu',
    };
    for (const [typed, zone] of Object.entries(cases)) expect(parseTimeZone(typed)).toBe(zone);
  });

  it('echoes the mapping and accepts US dates in commands', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const plant = await buildPlant(core);
    const site = await core.bot.handleCommand(plant.ada, 'admin site add "Plant 2" CST');
    expect(textOf(site.message)).toContain('CST read as America/Chicago');
    expect((await core.store.sites.findByName('local', 'Plant 2'))!.timeZone).toBe('America/Chicago');
    const away = await core.bot.handleCommand(plant.maria, 'away 12/09/2026 12/11/2026');
    expect(textOf(away.message)).not.toMatch(/can't read/);
    const periods = await core.store.away.list('local', 'local:maria');
    expect(periods.map((p) => [p.fromDate, p.toDate])).toEqual([['2026-12-09', '2026-12-11']]);
  });
});
