// Week arithmetic for floor walks: which day of a week the prompt goes out on, when a week ends,
// when to ask again within a week.
import type { OwedCalendar } from '../people/calendar';
import { addDays, localDateOf, weekRange, zonedInstant, type LocalDate, type LocalTime } from '../time';

/** Reminders that cannot go 24 h later go out at this local time on the next owed day. */
export const WORK_MORNING: LocalTime = '09:00';
const DAY_MS = 24 * 3_600_000;

/** The date of ISO weekday `weekday` (1 = Monday) in the week `weekKey`. */
export function dayOfWeek(weekKey: string, weekday: number): LocalDate {
  return addDays(weekRange(weekKey).from, weekday - 1);
}

/**
 * The day the weekly prompt goes out: the scheduled day when it is owed; otherwise the first owed
 * day after it in the same week, else the last owed day before it. Undefined when no day is owed.
 */
export function effectivePromptDay(calendar: OwedCalendar, weekKey: string, weekday: number): LocalDate | undefined {
  const scheduled = dayOfWeek(weekKey, weekday);
  if (calendar.isOwed(scheduled)) return scheduled;
  for (let d = weekday + 1; d <= 7; d++) {
    const date = dayOfWeek(weekKey, d);
    if (calendar.isOwed(date)) return date;
  }
  for (let d = weekday - 1; d >= 1; d--) {
    const date = dayOfWeek(weekKey, d);
    if (calendar.isOwed(date)) return date;
  }
  return undefined;
}

/**
 * The next moment to ask again after `after`, inside the week `weekKey`: 24 h later when that
 * instant falls on an owed day of the week; otherwise 09:00 local on the next owed day after
 * `after`'s day in the same week. Undefined when no owed day is left in the week. The calendar
 * must cover `after`'s day to the week's Sunday.
 */
export function nextOwedSlot(after: number, weekKey: string, zone: string, calendar: OwedCalendar): number | undefined {
  const sunday = weekRange(weekKey).to;
  const dayLater = after + DAY_MS;
  if (dayLater < weekEndInstant(weekKey, zone) && calendar.isOwed(localDateOf(dayLater, zone))) return dayLater;
  for (let d: LocalDate = addDays(localDateOf(after, zone), 1); d <= sunday; d = addDays(d, 1)) {
    if (calendar.isOwed(d)) return zonedInstant(d, WORK_MORNING, zone);
  }
  return undefined;
}

/** Monday 00:00 local after the week: the instant the week is over. */
export function weekEndInstant(weekKey: string, zone: string): number {
  return zonedInstant(addDays(weekRange(weekKey).to, 1), '00:00', zone);
}

/** '2026-W05' → 5, for "Week 5". */
export function weekNumber(weekKey: string): number {
  return Number(weekKey.slice(weekKey.indexOf('W') + 1));
}

export function weekSubject(weekKey: string): string {
  return `week:${weekKey}`;
}

/** Parses a prompt subject 'week:2026-W48' back to its week key. */
export function weekOfSubject(subject: string): string | undefined {
  const m = /^week:(\d{4}-W\d{2})$/.exec(subject);
  return m?.[1];
}
