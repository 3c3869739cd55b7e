import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/core/commands/tokenize';
import { describePeriod, nextPeriodKey, parseCadence, periodKeyOf, periodRange, slotDate } from '../../../src/core/prompts/cadence';
import { parseAdd } from '../../../src/core/prompts/parse-add';

const cadence = (text: string) => parseCadence(text.split(' '));

describe('custom prompt cadence', () => {
  it('finds the slot day of each kind of period', () => {
    expect(slotDate(cadence('monthly day 3 09:00'), '2026-12')).toBe('2026-12-03');
    expect(slotDate(cadence('monthly first monday 09:00'), '2026-12')).toBe('2026-12-07');
    expect(slotDate(cadence('monthly first tuesday 09:00'), '2026-12')).toBe('2026-12-01');
    expect(slotDate(cadence('monthly last friday 09:00'), '2026-12')).toBe('2026-12-25');
    expect(slotDate(cadence('monthly last thursday 09:00'), '2026-12')).toBe('2026-12-31');
    expect(slotDate(cadence('monthly second wednesday 09:00'), '2027-02')).toBe('2027-02-10');
    expect(slotDate(cadence('quarterly day 5 08:30'), '2026-Q4')).toBe('2026-10-05');
    expect(slotDate(cadence('quarterly first monday 08:30'), '2027-Q1')).toBe('2027-01-04');
    expect(slotDate(cadence('weekly thu 14:00'), '2026-W49')).toBe('2026-12-03');
  });

  it('names periods and their ranges, across year ends', () => {
    expect(periodKeyOf('month', '2026-12-31')).toBe('2026-12');
    expect(periodKeyOf('quarter', '2026-11-15')).toBe('2026-Q4');
    expect(periodKeyOf('week', '2027-01-01')).toBe('2026-W53');
    expect(periodRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(nextPeriodKey('quarter', '2026-Q4')).toBe('2027-Q1');
    expect(nextPeriodKey('month', '2026-12')).toBe('2027-01');
    expect(describePeriod('2026-12')).toBe('December 2026');
    expect(describePeriod('2026-Q4')).toBe('Q4 2026');
  });

  it('names the wrong part of a cadence', () => {
    expect(() => cadence('fortnightly mon 09:00')).toThrow(/Cadence: “fortnightly” is not weekly, monthly or quarterly/);
    expect(() => cadence('monthly day 31 09:00')).toThrow(/day of the month must be 1 to 28/);
    expect(() => cadence('monthly day 3 9am')).toThrow(/“9am” is not a time of day/);
    expect(() => cadence('weekly someday 09:00')).toThrow(/weekly prompt needs one weekday/);
    expect(() => cadence('quarterly last friday 09:00')).toThrow(/quarterly prompt can use/);
  });
});

describe('prompt add, as typed', () => {
  it('reads the example from the issue', () => {
    const request = parseAdd(
      tokenize(
        `"Did you review last month's customer complaints with your team?" monthly day 3 09:00 for leaders site "Riverside Plant" answers yes,no,"not applicable" clause 5.1.2 weight 10`,
      ),
    );
    expect(request).toEqual({
      question: "Did you review last month's customer complaints with your team?",
      cadence: { every: 'month', on: { day: 3 }, time: '09:00' },
      audience: { kind: 'site', name: 'Riverside Plant' },
      answers: ['yes', 'no', 'not applicable'],
      checklist: [],
      clauses: ['5.1.2'],
      weight: 10,
    });
  });

  it('takes a checklist, several clauses and named people', () => {
    const request = parseAdd(
      tokenize('"Quarterly risk review" quarterly first monday 10:00 for @maria @quinn checklist "Risks reviewed","Actions have owners" clauses 6.1,9.3'),
    );
    expect(request).toMatchObject({
      audience: { kind: 'people', handles: ['maria', 'quinn'] },
      checklist: ['Risks reviewed', 'Actions have owners'],
      clauses: ['6.1', '9.3'],
      answers: [],
    });
  });

  it('names each wrong field', () => {
    const add = (rest: string) => () => parseAdd(tokenize(`"Did you review complaints?" ${rest}`));
    expect(() => parseAdd(tokenize('monthly day 3 09:00'))).toThrow(/^Question: put the question in quotes/);
    expect(add('')).toThrow(/^Cadence: say how often/);
    expect(add('monthly day 3 09:00 clause 5.9')).toThrow(/^Clause: “5.9” is not a clause I know/);
    expect(add('monthly day 3 09:00 weight 0')).toThrow(/^Weight: a whole number from 1 to 100/);
    expect(add('monthly day 3 09:00 weight 10 20')).toThrow(/^Weight: one whole number/);
    expect(add('monthly day 3 09:00 answers yes')).toThrow(/^Answers: give at least two/);
    expect(add('monthly day 3 09:00 answers yes,yes')).toThrow(/^Answers: the same answer is listed twice/);
    expect(add('monthly day 3 09:00 answers "not applicable",yes')).toThrow(/^Answers: the first answer is the one that counts as done/);
    expect(add('monthly day 3 09:00 answers yes,no checklist "a"')).toThrow(/^Answers: give either answers/);
    expect(add(`monthly day 3 09:00 checklist ${Array.from({ length: 9 }, (_, i) => `"item ${i}"`).join(',')}`)).toThrow(/^Checklist: at most 8 items/);
    expect(add('monthly day 3 09:00 for everyone')).toThrow(/^Audience: write “for leaders”/);
  });
});
