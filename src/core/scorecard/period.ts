// Scorecard periods: whole local days [from, to], read in each leader's own zone.
import { UserError } from '../errors';
import type { ZoneWindow } from './repo';
import { addDays, daysBetween, instantRange, isoWeekKey, isValidDate, isValidTimeZone, localDateOf, weekRange, weekStart, type LocalDate } from '../time';

export interface Period {
  from: LocalDate;
  to: LocalDate;
  /** Human name: 'week 2026-W48', 'November 2026', 'Q4 2026', '2026-11-01..2026-11-30'. */
  label: string;
  /** Number of days, both ends included. */
  days: number;
  /** A calendar week, month, quarter or year, or a range of days (absent: a range of days). */
  kind?: PeriodKind;
}

/**
 * Every way to name a period (scorecard, evidence pack, charts, the command line): the one list that
 * chat help, the command line's help and the README show. parsePeriod reads exactly these (and
 * this-week, this-month, this-quarter, this-year as other names of week, month, quarter, year).
 */
export const PERIOD_WORDS = [
  'week',
  'last-week',
  'month',
  'last-month',
  'quarter',
  'last-quarter',
  'year',
  'last-year',
  '2026-W53',
  '2026-11',
  '2026-Q4',
  '2026-11-01..2026-11-30',
] as const;

/** The list in words, for help texts. */
export const PERIOD_HELP =
  'week, last-week, month, last-month, quarter, last-quarter, year, last-year (calendar periods; the trend compares with the one before), ' +
  'a week such as 2026-W53, a month such as 2026-11, a quarter such as 2026-Q4, or <from>..<to> such as 2026-11-01..2026-11-30 (compared with as many days just before)';

export const PERIOD_USAGE = PERIOD_HELP;

/** What kind of period it is: the trend compares with the previous one of the same kind. */
export type PeriodKind = 'week' | 'month' | 'quarter' | 'year' | 'days';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function make(from: LocalDate, to: LocalDate, label: string, kind: PeriodKind = 'days'): Period {
  return { from, to, label, days: daysBetween(from, to) + 1, kind };
}

function monthPeriod(year: number, month: number): Period {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const last = new Date(Date.UTC(year, month, 0));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return make(iso(first), iso(last), `${MONTHS[first.getUTCMonth()]} ${first.getUTCFullYear()}`, 'month');
}

function quarterPeriod(year: number, quarter: number): Period {
  const y = year + Math.floor((quarter - 1) / 4);
  const q = ((((quarter - 1) % 4) + 4) % 4) + 1;
  const from = monthPeriod(y, q * 3 - 2).from;
  const to = monthPeriod(y, q * 3).to;
  return make(from, to, `Q${q} ${y}`, 'quarter');
}

function yearPeriod(year: number): Period {
  return make(`${year}-01-01`, `${year}-12-31`, String(year), 'year');
}

function weekPeriod(weekKey: string): Period {
  const { from, to } = weekRange(weekKey);
  return make(from, to, `week ${weekKey}`, 'week');
}

/** Three years after `from`, minus one day: the last day a range may reach. */
function latestEnd(from: LocalDate): LocalDate {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  return addDays(new Date(Date.UTC(y + 3, m - 1, d)).toISOString().slice(0, 10), -1);
}

/**
 * Parses the period words of a scorecard request. `today` is the asker's local date; an empty text
 * means the current ISO week. Throws a UserError naming the problem and the fix.
 */
export function parsePeriod(text: string, today: LocalDate): Period {
  const word = text.trim().toLowerCase();
  const [year, month] = today.split('-').map(Number) as [number, number];
  const quarter = Math.ceil(month / 3);
  switch (word) {
    case '':
    case 'week':
    case 'this-week':
      return weekPeriod(isoWeekKey(today));
    case 'last-week':
      return weekPeriod(isoWeekKey(addDays(today, -7)));
    case 'month':
    case 'this-month':
      return monthPeriod(year, month);
    case 'last-month':
      return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
    case 'quarter':
    case 'this-quarter':
      return quarterPeriod(year, quarter);
    case 'last-quarter':
      return quarterPeriod(year, quarter - 1);
    case 'year':
    case 'this-year':
      return yearPeriod(year);
    case 'last-year':
      return yearPeriod(year - 1);
  }
  const monthWord = /^(\d{4})-(\d{2})$/.exec(word);
  if (monthWord) {
    const m = Number(monthWord[2]);
    if (m < 1 || m > 12) throw new UserError(`${word} is not a month. Write a month as YYYY-MM, for example 2026-11.`);
    return checkStart(monthPeriod(Number(monthWord[1]), m), today);
  }
  const quarterWord = /^(\d{4})-q([1-4])$/.exec(word);
  if (quarterWord) return checkStart(quarterPeriod(Number(quarterWord[1]), Number(quarterWord[2])), today);
  const week = /^(\d{4})-w(\d{2})$/.exec(word);
  if (week) {
    const key = `${week[1]}-W${week[2]}`;
    const n = Number(week[2]);
    if (n < 1 || n > 53 || isoWeekKey(weekRange(key).from) !== key) {
      throw new UserError(`${key} is not an ISO week of ${week[1]}. Weeks run from W01 to W52 (W53 in long years such as 2026).`);
    }
    return checkStart(weekPeriod(key), today);
  }
  const range = /^(\S+?)\s*(?:\.\.|–|—)\s*(\S+)$/.exec(text.trim());
  if (range) {
    const [, from, to] = range as unknown as [string, string, string];
    for (const date of [from, to]) {
      if (!isValidDate(date)) throw new UserError(`“${date}” is not a date. Write dates as YYYY-MM-DD, for example 2026-11-01..2026-11-30.`);
    }
    if (from > to) throw new UserError(`The range ${from}..${to} ends before it starts. Put the earlier date first: ${to}..${from}.`);
    if (to > latestEnd(from)) {
      throw new UserError(`The range ${from}..${to} is longer than 3 years. Ask for at most 3 years at a time (up to ${latestEnd(from)}).`);
    }
    return checkStart(make(from, to, `${from}..${to}`), today);
  }
  throw new UserError(`I don't understand the period “${text.trim()}”. Use ${PERIOD_USAGE}.`);
}

function checkStart(period: Period, today: LocalDate): Period {
  if (period.from > today) {
    throw new UserError(`${period.label} starts after today (${today}), so there is nothing to score yet. Pick a period that has started.`);
  }
  return period;
}

/**
 * The period the trend compares with: the calendar week, month, quarter or year before one of those;
 * the same number of days just before a range of days.
 */
export function previousPeriod(period: Period): Period {
  const [year, month] = period.from.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'week':
      return weekPeriod(isoWeekKey(addDays(period.from, -7)));
    case 'month':
      return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
    case 'quarter':
      return quarterPeriod(year, Math.ceil(month / 3) - 1);
    case 'year':
      return yearPeriod(year - 1);
  }
  const to = addDays(period.from, -1);
  const from = addDays(period.from, -period.days);
  const isWeek = period.days === 7 && weekStart(from) === from;
  return make(from, to, isWeek ? `week ${isoWeekKey(from)}` : `${from}..${to}`);
}

/** The period's bounds in one zone, as of `nowMs`. */
export function zoneWindow(period: Pick<Period, 'from' | 'to'>, zone: string, nowMs: number, fallbackZone: string): ZoneWindow {
  const effective = isValidTimeZone(zone) ? zone : fallbackZone;
  const { start, end } = instantRange(period.from, period.to, effective);
  const today = localDateOf(nowMs, effective);
  return {
    zone,
    startMs: start,
    endMs: end,
    today,
    through: period.to < today ? period.to : today,
    currentWeek: isoWeekKey(today),
  };
}
