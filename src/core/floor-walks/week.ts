// Week arithmetic for floor walks: which day of a week the prompt goes out on, when a week ends,
// when to ask again within a week.
import type { OwedCalendar } from '../people/calendar';
import { DAY_MS, nextOwedSlot, periodClock, periodEndInstant, type PeriodClock } from '../prompts/period-clock';
import { addDays, weekRange, type LocalDate, type LocalTime } from '../time';

export { DAY_MS, nextOwedSlot };

/** Reminders that cannot go 24 h later go out at this local time on the next owed day. */
export const WORK_MORNING: LocalTime = '09:00';

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

/** One ISO week in one zone (see PeriodClock): Monday … Sunday, their midnights and 09:00s. */
export interface WeekClock extends PeriodClock {
  weekKey: string;
}

export function weekClock(weekKey: string, zone: string): WeekClock {
  return { weekKey, ...periodClock(weekRange(weekKey), zone, WORK_MORNING) };
}

/** Monday 00:00 local after the week: the instant the week is over. */
export function weekEndInstant(weekKey: string, zone: string): number {
  return periodEndInstant(weekRange(weekKey), zone);
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
