// Scorecard CSV opened in a spreadsheet: text that would be read as a formula is neutralised.
import { afterEach, describe, expect, it } from 'vitest';
import { csvField } from '../../../src/core/scorecard/render-csv';
import { scorecardReport } from '../../../src/core/scorecard/report';
import { makeTestCore, type TestCore } from '../../support/core';
import { ORG, seeder } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('scorecard CSV and formula injection', () => {
  it('prefixes a quote to names and sites a spreadsheet would run as a formula', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const s = seeder(core);
    s.org();
    const site = s.site('@SUM(A1:A9)', 'America/Chicago');
    s.person({ id: 'local:eve', name: '=2+5+cmd|" /C calc"!A0', siteId: site, joinedOn: '2026-01-01' });
    s.person({ id: 'local:mal', name: '-1+1', siteId: site, joinedOn: '2026-01-01' });
    const csv = await scorecardReport(core.deps, { orgId: ORG, target: 'all', period: 'last-week', format: 'csv' });
    expect(csv).toContain(`leader,'@SUM(A1:A9),"'=2+5+cmd|"" /C calc""!A0",local:eve,2026-11-23,`);
    expect(csv).toContain(`leader,'@SUM(A1:A9),'-1+1,local:mal,`);
    expect(csv).toContain(`\r\nsite,'@SUM(A1:A9),,,`);
    expect(csv).not.toMatch(/(^|,|")[=@+-]\D/m);
  });

  it('quotes text starting with = + - @ tab or CR, and leaves numbers and ordinary text alone', () => {
    expect(csvField('=A1')).toBe("'=A1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@me')).toBe("'@me");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0)).toBe('0');
    expect(csvField('Ann = Lee')).toBe('Ann = Lee');
    expect(csvField(null)).toBe('n/a');
  });
});
