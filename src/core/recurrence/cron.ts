// A small five-field cron reader (minute hour day-of-month month day-of-week) for meeting
// recurrences. It answers "which local times does this rule give on this date?"; the scheduler
// turns those into instants in the meeting's zone.
import { isoWeekday, type LocalDate, type LocalTime } from '../time';

export interface CronRule {
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>; // 0 = Sunday … 6 = Saturday
  domRestricted: boolean;
  dowRestricted: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Most occurrences a meeting rule may produce in one day. */
export const MAX_TIMES_PER_DAY = 12;

export class CronSyntaxError extends Error {}

function parseField(field: string, min: number, max: number, names: string[] = [], nameBase = 0): number[] {
  const values = new Set<number>();
  const toNumber = (s: string): number => {
    const i = names.indexOf(s.toLowerCase());
    // Number('') is 0: an empty list item ('1,') must not quietly mean Sunday or minute 0.
    if (i < 0 && !/^\d+$/.test(s)) throw new CronSyntaxError(s === '' ? 'a list has an empty item' : `“${s}” is not a number`);
    const n = i >= 0 ? i + nameBase : Number(s);
    if (n < min || n > max) throw new CronSyntaxError(`“${s}” is outside ${min}–${max}`);
    return n;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronSyntaxError(`“${part}” has a bad step`);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [lo, hi] = [toNumber(a), toNumber(b)];
      if (lo > hi) throw new CronSyntaxError(`“${range}” runs backwards`);
    } else {
      lo = toNumber(range);
      hi = stepText === undefined ? lo : max;
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

export function parseCron(expr: string): CronRule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new CronSyntaxError(`a cron rule has five fields (minute hour day month weekday), this one has ${fields.length}`);
  }
  const [mi, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const daysOfWeek = new Set(parseField(dow, 0, 7, DAYS).map((d) => (d === 7 ? 0 : d)));
  const rule: CronRule = {
    minutes: parseField(mi, 0, 59),
    hours: parseField(h, 0, 23),
    daysOfMonth: new Set(parseField(dom, 1, 31)),
    months: new Set(parseField(mon, 1, 12, MONTHS, 1)),
    daysOfWeek,
    domRestricted: dom !== '*',
    dowRestricted: dow !== '*',
  };
  if (rule.minutes.length * rule.hours.length > MAX_TIMES_PER_DAY) {
    throw new CronSyntaxError(`it fires more than ${MAX_TIMES_PER_DAY} times a day, which is not a meeting`);
  }
  return rule;
}

/** Local times the rule fires on `date` (empty when the date does not match). */
export function cronTimesOn(rule: CronRule, date: LocalDate): LocalTime[] {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  if (!rule.months.has(m)) return [];
  const dowMatch = rule.daysOfWeek.has(isoWeekday(date) % 7);
  const domMatch = rule.daysOfMonth.has(d);
  // Classic cron: when both day fields are restricted, either may match.
  const dayMatch = rule.domRestricted && rule.dowRestricted ? domMatch || dowMatch : rule.domRestricted ? domMatch : dowMatch;
  if (!dayMatch) return [];
  const pad = (n: number) => String(n).padStart(2, '0');
  return rule.hours.flatMap((h) => rule.minutes.map((mi) => `${pad(h)}:${pad(mi)}`));
}
