import { describe, expect, it } from 'vitest';
import { parsePeriod, PERIOD_HELP, PERIOD_WORDS, previousPeriod } from '../../../src/core/scorecard/period';

const TODAY = '2026-11-25'; // a Wednesday in Q4, W48

describe('parsePeriod', () => {
  it('reads the named periods relative to today', () => {
    expect(parsePeriod('', TODAY)).toMatchObject({ from: '2026-11-23', to: '2026-11-29', label: 'week 2026-W48', days: 7 });
    expect(parsePeriod('week', TODAY).from).toBe('2026-11-23');
    expect(parsePeriod('last-week', TODAY)).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(parsePeriod('Month', TODAY)).toMatchObject({ from: '2026-11-01', to: '2026-11-30', label: 'November 2026' });
    expect(parsePeriod('last-month', TODAY)).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    expect(parsePeriod('last-month', '2027-01-10')).toMatchObject({ from: '2026-12-01', to: '2026-12-31', label: 'December 2026' });
    expect(parsePeriod('quarter', TODAY)).toMatchObject({ from: '2026-10-01', to: '2026-12-31', label: 'Q4 2026', days: 92 });
    expect(parsePeriod('last-quarter', '2027-02-01')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', label: 'Q4 2026' });
    expect(parsePeriod('2026-W53', '2027-01-06')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(parsePeriod('2026-02', TODAY)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriod('2026-Q1', TODAY)).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('reads a custom range and limits it to 3 years', () => {
    expect(parsePeriod('2026-11-02..2026-11-29', TODAY)).toMatchObject({ days: 28, label: '2026-11-02..2026-11-29' });
    expect(parsePeriod('2026-11-25..2026-11-25', TODAY).days).toBe(1);
    expect(parsePeriod('2023-11-26..2026-11-25', TODAY).days).toBe(1096); // exactly 3 years
    expect(() => parsePeriod('2023-11-25..2026-11-25', TODAY)).toThrow('longer than 3 years. Ask for at most 3 years at a time (up to 2026-11-24)');
  });

  it('names the problem and the fix', () => {
    expect(() => parsePeriod('2026-11-30..2026-11-01', TODAY)).toThrow(
      'The range 2026-11-30..2026-11-01 ends before it starts. Put the earlier date first: 2026-11-01..2026-11-30.',
    );
    expect(() => parsePeriod('2026-02-30..2026-03-01', TODAY)).toThrow('“2026-02-30” is not a date. Write dates as YYYY-MM-DD');
    expect(() => parsePeriod('11/01/2026..11/30/2026', TODAY)).toThrow('“11/01/2026” is not a date');
    expect(() => parsePeriod('2027-01-01..2027-01-31', TODAY)).toThrow('starts after today (2026-11-25), so there is nothing to score yet');
    expect(() => parsePeriod('2025-W53', TODAY)).toThrow('2025-W53 is not an ISO week of 2025');
    expect(() => parsePeriod('2026-13', TODAY)).toThrow('2026-13 is not a month');
    expect(() => parsePeriod('fortnight', TODAY)).toThrow("I don't understand the period “fortnight”. Use week, last-week, month");
  });

  it('compares a calendar period with the calendar period before, and a range with as many days just before', () => {
    expect(previousPeriod(parsePeriod('week', TODAY))).toMatchObject({ from: '2026-11-16', to: '2026-11-22', label: 'week 2026-W47' });
    // November (30 days) against all of October (31), not "30 days before".
    expect(previousPeriod(parsePeriod('month', TODAY))).toMatchObject({ from: '2026-10-01', to: '2026-10-31', label: 'October 2026', days: 31 });
    expect(previousPeriod(parsePeriod('last-month', TODAY))).toMatchObject({ from: '2026-09-01', to: '2026-09-30', label: 'September 2026' });
    expect(previousPeriod(parsePeriod('2026-03', TODAY))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(parsePeriod('2026-01', TODAY))).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    // Q3 (92 days) against Q2 (91 days), and Q1 against the Q4 before.
    expect(previousPeriod(parsePeriod('last-quarter', TODAY))).toMatchObject({ from: '2026-04-01', to: '2026-06-30', label: 'Q2 2026' });
    expect(previousPeriod(parsePeriod('2026-Q1', TODAY))).toMatchObject({ from: '2025-10-01', to: '2025-12-31', label: 'Q4 2025' });
    expect(previousPeriod(parsePeriod('year', TODAY))).toMatchObject({ from: '2025-01-01', to: '2025-12-31', label: '2025' });
    expect(previousPeriod(parsePeriod('2026-W01', TODAY))).toMatchObject({ label: 'week 2025-W52' });
    expect(previousPeriod(parsePeriod('2026-01-01..2026-01-10', TODAY))).toMatchObject({ from: '2025-12-22', to: '2025-12-31' });
  });

  it('reads every period word of the one list help shows', () => {
    for (const word of PERIOD_WORDS) expect(() => parsePeriod(word, '2026-12-31'), word).not.toThrow();
    for (const word of PERIOD_WORDS) expect(PERIOD_HELP).toContain(word.replace(/\d{4}-11-01\.\.\d{4}-11-30/, '<from>..<to>'));
  });
});
