import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantRange,
  isValidDate,
  isValidTimeZone,
  isoWeekKey,
  isoWeekday,
  localParts,
  normaliseTime,
  parseTimeZone,
  parseWeekday,
  weekRange,
  zonedInstant,
} from '../../../src/core/time';

describe('calendar arithmetic', () => {
  it('knows ISO week 53 of 2026 and where it ends', () => {
    expect(isoWeekKey('2026-12-28')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
    expect(weekRange('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });

  it('adds days across month and year ends and names weekdays the ISO way', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('2026-11-23')).toBe(1);
  });

  it('validates dates, times, zones and weekday names', () => {
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(normaliseTime('7:30')).toBe('07:30');
    expect(normaliseTime('24:00')).toBeUndefined();
    expect(isValidTimeZone('Mars/Base')).toBe(false);
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(parseWeekday('fri')).toBe(5);
    expect(parseWeekday('Friday')).toBe(5);
    expect(parseWeekday('fryday')).toBeUndefined();
  });
});

describe('zoned instants across DST', () => {
  it('keeps 07:30 local on both sides of the New York spring change', () => {
    const before = zonedInstant('2026-03-06', '07:30', 'America/New_York');
    const after = zonedInstant('2026-03-09', '07:30', 'America/New_York');
    expect(new Date(before).toISOString()).toBe('2026-03-06T12:30:00.000Z');
    expect(new Date(after).toISOString()).toBe('2026-03-09T11:30:00.000Z');
  });

  it('sends a time skipped by spring-forward at the first valid minute after it', () => {
    const t = zonedInstant('2026-03-08', '02:30', 'America/New_York');
    expect(localParts(t, 'America/New_York')).toMatchObject({ date: '2026-03-08', time: '03:00' });
    const london = zonedInstant('2026-03-29', '01:15', 'Europe/London');
    expect(localParts(london, 'Europe/London')).toMatchObject({ time: '02:00' });
  });

  it('takes the first of a repeated fall-back time', () => {
    const t = zonedInstant('2026-11-01', '01:30', 'America/New_York');
    expect(new Date(t).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // East of UTC too (01:30 BST, 02:30 CEST; the library alone gives the second), and Lord Howe's half hour.
    expect(new Date(zonedInstant('2026-10-25', '01:30', 'Europe/London')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(zonedInstant('2026-04-05', '01:45', 'Australia/Lord_Howe')).toISOString()).toBe('2026-04-04T14:45:00.000Z');
  });

  it('gives a 25-hour day on the fall-back date', () => {
    const r = instantRange('2026-11-01', '2026-11-01', 'America/New_York');
    expect(r.end - r.start).toBe(25 * 3_600_000);
  });
});

describe('parseTimeZone', () => {
  it('gives the canonical IANA spelling of what was typed, whatever its case', () => {
    expect(parseTimeZone('america/new_york')).toBe('America/New_York');
    expect(parseTimeZone(' Europe/London ')).toBe('Europe/London');
    expect(parseTimeZone('utc')).toBe('UTC');
    expect(parseTimeZone('Etc/GMT+5')).toBe('Etc/GMT+5');
    expect(parseTimeZone('US/Eastern')).toBe('America/New_York');
  });

  it('refuses abbreviations (Intl takes EST as America/Panama) and unknown names, saying what to type', () => {
    expect(() => parseTimeZone('cet')).toThrow("I don't know the time zone 'cet' — use an IANA name such as America/New_York");
    for (const bad of ['CET', 'GMT', 'EST5EDT', 'Mars/Base', '']) expect(() => parseTimeZone(bad)).toThrow(/I don't know the time zone/);
  });
});
