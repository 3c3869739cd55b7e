// Small parsers the people and admin commands share: dates, date ranges, channels, work days,
// roles and time zones — each failing with a message that names the problem and the fix.
import { UserError } from '../errors';
import { addDays, daysBetween, isValidDate, normaliseDate, parseTimeZone, parseWeekday, WEEKDAY_NAMES, type LocalDate } from '../time';
import { ROLES, type Role } from './types';

/** Longest away period or shutdown accepted in one go. */
export const MAX_RANGE_DAYS = 366;

export function looksLikeDate(word: string | undefined): boolean {
  if (!word) return false;
  return /^\d{4}-\d{1,2}-\d{1,2}$/.test(normaliseDate(word)) || ['today', 'tomorrow'].includes(word.toLowerCase());
}

/** 'YYYY-MM-DD', 'today' or 'tomorrow' (in the person's zone) → a real calendar date. */
export function parseDate(word: string, today: LocalDate, what = 'date'): LocalDate {
  const w = normaliseDate(word).toLowerCase();
  if (w === 'today') return today;
  if (w === 'tomorrow') return addDays(today, 1);
  if (isValidDate(w)) return w;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(w)) {
    const [y, m, d] = w.split('-');
    const padded = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    if (isValidDate(padded)) return padded;
    throw new UserError(`${word} is not a real date — check the day and month.`);
  }
  throw new UserError(`I can't read the ${what} “${word}” — write it as YYYY-MM-DD or MM/DD/YYYY, e.g. ${addDays(today, 7)}.`);
}

/** Checks that `to` is not before `from` and the range is at most a year. */
export function checkRange(from: LocalDate, to: LocalDate): void {
  if (to < from) throw new UserError(`The end date ${to} is before the start date ${from}.`);
  const days = daysBetween(from, to) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new UserError(`${from} to ${to} is ${days} days — that's more than a year. Add it in parts of a year or less.`);
  }
}

/** '#quality-wins' → 'quality-wins'; platforms pass their channel ids the same way ('#C123'). */
export function parseChannel(word: string | undefined, usage: string): string {
  const w = word?.trim() ?? '';
  const name = w.replace(/^#/, '');
  if (!w.startsWith('#') || !name || /\s/.test(name)) throw new UserError(`Give a channel as #name. Usage: ${usage}`);
  return name;
}

export function requireZone(zone: string): string {
  return parseTimeZone(zone);
}

/** 'mon-fri', 'sun-thu', 'mon,tue,thu', '1-5' → sorted ISO weekdays. */
export function parseWorkDays(value: string): number[] {
  const days = new Set<number>();
  for (const part of value
    .toLowerCase()
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [a, b, extra] = part.split('-');
    const first = a ? parseWeekday(a) : undefined;
    const last = b !== undefined ? parseWeekday(b) : first;
    if (first === undefined || last === undefined || extra !== undefined) {
      throw new UserError(`I can't read the work days “${value}” — use mon-fri, or a list such as mon,tue,wed,thu,fri.`);
    }
    for (let d = first, i = 0; i < 7; d = (d % 7) + 1, i++) {
      days.add(d);
      if (d === last) break;
    }
  }
  if (days.size === 0) throw new UserError('A site needs at least one work day, e.g. mon-fri.');
  return [...days].sort((x, y) => x - y);
}

export function describeWorkDays(days: readonly number[]): string {
  const names = days.map((d) => WEEKDAY_NAMES[d - 1] ?? String(d));
  const contiguous = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  return contiguous ? `${names[0]}-${names[names.length - 1]}` : names.join(',');
}

const ROLE_ALIASES: Record<string, Role> = {
  'quality-manager': 'quality_manager',
  qm: 'quality_manager',
  quality: 'quality_manager',
};

export function parseRole(word: string | undefined): Role {
  const w = (word ?? '').trim().toLowerCase();
  const role = (ROLES as readonly string[]).includes(w) ? (w as Role) : ROLE_ALIASES[w];
  if (!role) throw new UserError(`“${word ?? ''}” is not a role — use leader, quality_manager, admin or member.`);
  return role;
}

export function roleName(role: Role): string {
  return role.replace('_', ' ');
}
