// When a custom prompt is asked: once a week, a month or a quarter, on a day of that period, at a
// local time. A period has a key ('2026-W49', '2026-12', '2026-Q4'); the prompt for a period goes
// out on its slot date, and the period's end is when an unanswered prompt counts as missed.
import { UserError } from '../errors';
import { addDays, isoWeekKey, isoWeekday, normaliseTime, parseWeekday, weekdayName, weekRange, type LocalDate, type LocalTime } from '../time';

export type Period = 'week' | 'month' | 'quarter';

/** Which day of the period: a weekday (weeks), a day number, or the nth weekday ("first Monday"). */
export type DayRule = { weekday: number } | { day: number } | { nth: number; weekday: number };

export interface Cadence {
  every: Period;
  on: DayRule;
  time: LocalTime;
}

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const ORDINAL_NAMES: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };
const PERIOD_WORDS: Record<string, Period> = { weekly: 'week', monthly: 'month', quarterly: 'quarter' };

export const CADENCE_USAGE =
  'weekly <weekday> <HH:MM> | monthly day <1-28> <HH:MM> | monthly first|second|third|fourth|last <weekday> <HH:MM> | quarterly day <1-28> <HH:MM> | quarterly first <weekday> <HH:MM>';

/** Reads a cadence from words such as ['monthly', 'day', '3', '09:00']; a wrong word is named. */
export function parseCadence(words: string[]): Cadence {
  const [periodWord, ...rest] = words.map((w) => w.toLowerCase());
  const every = periodWord ? PERIOD_WORDS[periodWord] : undefined;
  if (!every) throw new UserError(`Cadence: “${words[0] ?? ''}” is not weekly, monthly or quarterly. Write: ${CADENCE_USAGE}`);
  const timeWord = rest.pop();
  const time = timeWord ? normaliseTime(timeWord) : undefined;
  if (!time) throw new UserError(`Cadence: “${timeWord ?? ''}” is not a time of day (HH:MM, 24-hour), e.g. 09:00.`);
  return { every, on: parseDayRule(every, rest), time };
}

function parseDayRule(every: Period, words: string[]): DayRule {
  const text = words.join(' ');
  if (every === 'week') {
    const weekday = words.length === 1 ? parseWeekday(words[0]!) : undefined;
    if (weekday === undefined) throw new UserError(`Cadence: a weekly prompt needs one weekday, e.g. “weekly monday 09:00” (got “${text}”).`);
    return { weekday };
  }
  if (words[0] === 'day') {
    const day = words.length === 2 && /^\d{1,2}$/.test(words[1]!) ? Number(words[1]) : NaN;
    if (!(day >= 1 && day <= 28)) {
      throw new UserError(`Cadence: the day of the ${every} must be 1 to 28 (so every ${every} has it), got “${words.slice(1).join(' ')}”.`);
    }
    return { day };
  }
  const nth = words.length === 2 ? ORDINALS[words[0]!] : undefined;
  const weekday = words.length === 2 ? parseWeekday(words[1]!) : undefined;
  if (nth === undefined || weekday === undefined) {
    throw new UserError(`Cadence: “${text}” is not a day of the ${every}. Write “day 3” or “first monday”.`);
  }
  if (every === 'quarter' && nth !== 1) throw new UserError('Cadence: a quarterly prompt can use “day <1-28>” or “first <weekday>” of the quarter.');
  return { nth, weekday };
}

export function describeCadence(c: Cadence): string {
  const on = c.on;
  if ('day' in on) return `${c.every === 'month' ? 'monthly' : 'quarterly'}, day ${on.day} of the ${c.every}, at ${c.time}`;
  if ('nth' in on) return `${c.every === 'month' ? 'monthly' : 'quarterly'}, ${ORDINAL_NAMES[on.nth]} ${weekdayName(on.weekday)}, at ${c.time}`;
  return `weekly, ${weekdayName(on.weekday)} at ${c.time}`;
}

/** The key of the period that contains `date`: '2026-W49', '2026-12' or '2026-Q4'. */
export function periodKeyOf(every: Period, date: LocalDate): string {
  if (every === 'week') return isoWeekKey(date);
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return every === 'month' ? `${year}-${date.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/** First and last local date of a period key. */
export function periodRange(key: string): { from: LocalDate; to: LocalDate } {
  if (/^\d{4}-W\d{2}$/.test(key)) return weekRange(key);
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!month && !quarter) throw new Error(`not a period key: ${key}`);
  const year = Number((month ?? quarter)![1]);
  const first = month ? Number(month[2]) : (Number(quarter![2]) - 1) * 3 + 1;
  const months = month ? 1 : 3;
  const from = `${year}-${String(first).padStart(2, '0')}-01`;
  const next = first + months > 12 ? `${year + 1}-01-01` : `${year}-${String(first + months).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The period after `key`. */
export function nextPeriodKey(every: Period, key: string): string {
  return periodKeyOf(every, addDays(periodRange(key).to, 1));
}

/** The local date in period `key` on which the prompt goes out. */
export function slotDate(c: Cadence, key: string): LocalDate {
  const { from, to } = periodRange(key);
  const on = c.on;
  if ('day' in on) return addDays(from, on.day - 1);
  if ('nth' in on) {
    if (on.nth > 0) return addDays(from, ((on.weekday - isoWeekday(from) + 7) % 7) + (on.nth - 1) * 7);
    return addDays(to, -((isoWeekday(to) - on.weekday + 7) % 7));
  }
  return addDays(from, on.weekday - 1);
}

/** Period words for a person reading the prompt: 'week 49 (2026-11-30 – 2026-12-06)', 'December 2026', 'Q4 2026'. */
export function describePeriod(key: string): string {
  if (/^\d{4}-W\d{2}$/.test(key)) {
    const { from, to } = weekRange(key);
    return `week ${Number(key.slice(6))} (${from} – ${to})`;
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  const { from } = periodRange(key);
  return new Date(`${from}T12:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
