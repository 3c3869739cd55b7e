import { describe, expect, it } from 'vitest';
import { CronSyntaxError, cronTimesOn, parseCron } from '../../../src/core/recurrence/cron';
import { nextOccurrence, occurrencesBetween } from '../../../src/core/recurrence/occurrences';

describe('cron rules for meetings', () => {
  it('reads names, ranges, steps and lists', () => {
    const rule = parseCron('0,30 7 * * mon-fri');
    expect(cronTimesOn(rule, '2026-03-02')).toEqual(['07:00', '07:30']); // Monday
    expect(cronTimesOn(rule, '2026-03-07')).toEqual([]); // Saturday
    expect(cronTimesOn(parseCron('15 9 1 * *'), '2026-04-01')).toEqual(['09:15']);
    expect(cronTimesOn(parseCron('0 8 * * 7'), '2026-03-08')).toEqual(['08:00']); // 7 is Sunday too
  });

  it('refuses empty list items and words instead of reading them as 0', () => {
    expect(() => parseCron('0 7 * * 1,')).toThrow(CronSyntaxError);
    expect(() => parseCron('0 7 * * 1,')).toThrow('a list has an empty item');
    expect(() => parseCron('0 seven * * 1')).toThrow('“seven” is not a number');
    expect(() => parseCron('0 7 * *')).toThrow('five fields');
    expect(() => parseCron('* * * * *')).toThrow('more than 12 times a day');
  });
});

describe('occurrences of a rule', () => {
  it('keeps the nominal local time in the key and finds the next one across a gap', () => {
    const rule = { recurrence: { kind: 'cron' as const, expr: '30 2 * * *' }, time: null, timeZone: 'America/New_York' };
    const spring = occurrencesBetween(rule, Date.parse('2026-03-08T00:00:00Z'), Date.parse('2026-03-09T00:00:00Z'));
    expect(spring.map((o) => [o.key, new Date(o.at).toISOString()])).toEqual([['2026-03-08T02:30', '2026-03-08T07:00:00.000Z']]);
    const next = nextOccurrence({ recurrence: { kind: 'days', days: [5] }, time: '14:00', timeZone: 'UTC' }, Date.parse('2026-12-26T00:00:00Z'));
    expect(next?.key).toBe('2027-01-01T14:00');
  });
});
