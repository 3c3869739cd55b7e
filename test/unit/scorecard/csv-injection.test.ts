// Scorecard CSV opened in a spreadsheet: text that would be read as a formula is neutralised, in
// every cell and in every segment a spreadsheet might split a cell into (`,` `;` tab), full-width
// formula characters included; every text cell is quoted.
import { afterEach, describe, expect, it } from 'vitest';
import { csvField } from '../../../src/core/scorecard/render-csv';
import { scorecardReport } from '../../../src/core/scorecard/report';
import { makeTestCore, type TestCore } from '../../support/core';
import { ORG, seeder } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

/** Every spot a spreadsheet could start a formula: the text, or a segment after , ; tab CR LF (leading spaces skipped). */
function formulaStarts(cell: string): string[] {
  return cell
    .split(/[,;\t\r\n]/)
    .map((s) => s.replace(/^[ \u00a0\u3000]+/, ''))
    .filter((s) => /^[=+\-@＝＋－＠]/.test(s));
}

describe('scorecard CSV and formula injection', () => {
  it('neutralises the probe names and sites in the report, and quotes every text cell', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const s = seeder(core);
    s.org();
    const site = s.site('@SUM(A1:A9)', 'America/Chicago');
    s.person({ id: 'local:eve', name: '=2+5+cmd|" /C calc"!A0', siteId: site, joinedOn: '2026-01-01' });
    s.person({ id: 'local:bob', name: 'Bob;=1+1;@SUM(A1)', siteId: site, joinedOn: '2026-01-01' });
    s.person({ id: 'local:fw', name: '＝HYPERLINK("x")', siteId: site, joinedOn: '2026-01-01' });
    s.person({ id: 'local:tab', name: 'Tab\t-1+1, +2', siteId: site, joinedOn: '2026-01-01' });
    const csv = await scorecardReport(core.deps, { orgId: ORG, target: 'all', period: 'last-week', format: 'csv' });
    expect(csv).toContain(`"leader","'@SUM(A1:A9)","Bob;'=1+1;'@SUM(A1)","local:bob","2026-11-23",`);
    expect(csv).toContain(`"leader","'@SUM(A1:A9)","'＝HYPERLINK(""x"")","local:fw",`);
    expect(csv).toContain(`"leader","'@SUM(A1:A9)","'=2+5+cmd|"" /C calc""!A0","local:eve",`);
    expect(csv).toContain(`"Tab\t'-1+1, '+2"`);
    expect(csv).toContain(`\r\n"site","'@SUM(A1:A9)","","",`);
    // Whatever separator the spreadsheet guesses, no segment of any cell starts a formula.
    const [header, ...rows] = csv.split('\r\n').filter(Boolean);
    expect(header).toMatch(/^level,site,leader,/); // fixed column names, nobody's text
    const cells = rows.flatMap((line) => line.match(/"(?:[^"]|"")*"|[^,]+/g) ?? []);
    const text = cells.filter((c) => c.startsWith('"')).map((c) => c.slice(1, -1).replace(/""/g, '"'));
    expect(text.flatMap(formulaStarts)).toEqual([]);
    // Every data cell is quoted text or a plain number.
    expect(cells.filter((c) => !c.startsWith('"') && !/^-?\d+(\.\d+)?$/.test(c))).toEqual([]);
  });

  it('prefixes an apostrophe per segment and quotes text; numbers stay plain', () => {
    expect(csvField('Bob;=1+1;@SUM(A1)')).toBe(`"Bob;'=1+1;'@SUM(A1)"`);
    expect(csvField('＝HYPERLINK("x")')).toBe(`"'＝HYPERLINK(""x"")"`);
    expect(csvField('＋1')).toBe(`"'＋1"`);
    expect(csvField('a,－1')).toBe(`"a,'－1"`);
    expect(csvField('a, ＠me')).toBe(`"a, '＠me"`);
    expect(csvField('=A1')).toBe(`"'=A1"`);
    expect(csvField('+1')).toBe(`"'+1"`);
    expect(csvField('-x')).toBe(`"'-x"`);
    expect(csvField('@me')).toBe(`"'@me"`);
    expect(csvField('x\t=1')).toBe(`"x\t'=1"`);
    expect(csvField('\tx')).toBe(`"'\tx"`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0)).toBe('0');
    expect(csvField('Ann = Lee')).toBe('"Ann = Lee"');
    expect(csvField(null)).toBe('"n/a"');
  });
});
