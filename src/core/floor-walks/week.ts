// Week arithmetic for floor walks: which day of a week the prompt goes out on, when a week ends,
// when to ask again within a week.
import type { OwedCalendar } from '../people/calendar';
import { addDays, weekRange, zonedInstant, type LocalDate, type LocalTime } from '../time';

/** Reminders that cannot go 24 h later go out at this local time on the next owed day. */
export const WORK_MORNING: LocalTime = '09:00';
export const DAY_MS = 24 * 3_600_000;

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
 * One ISO week in one zone: its dates, local midnights and 09:00s, worked out once and shared by
 * every leader in that zone (time-zone arithmetic is the costly part of a scheduler pass).
 */
export interface WeekClock {
  weekKey: string;
  /** Monday … Sunday. */
  dates: LocalDate[];
  /** 00:00 local of Monday … Sunday, then of the next Monday (the week's end). */
  midnights: number[];
  /** WORK_MORNING local of Monday … Sunday. */
  mornings: number[];
}

export function weekClock(weekKey: string, zone: string): WeekClock {
  const monday = weekRange(weekKey).from;
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return {
    weekKey,
    dates,
    midnights: [...dates, addDays(monday, 7)].map((d) => zonedInstant(d, '00:00', zone)),
    mornings: dates.map((d) => zonedInstant(d, WORK_MORNING, zone)),
  };
}

/** 0 … 6 for an instant on Monday … Sunday of the week; -1 before it, 7 after it. */
function dayIndex(clock: WeekClock, at: number): number {
  let i = 0;
  while (i < 8 && at >= clock.midnights[i]!) i++;
  return i - 1;
}

/**
 * The next moment to ask again after `after`, inside the clock's week: 24 h later when that
 * instant falls on an owed day of the week; otherwise 09:00 local on the next owed day after
 * `after`'s day in the same week. Undefined when no owed day is left in the week. The calendar
 * must cover `after`'s day to the week's Sunday.
 */
export function nextOwedSlot(after: number, clock: WeekClock, calendar: OwedCalendar): number | undefined {
  const later = dayIndex(clock, after + DAY_MS);
  if (later >= 0 && later < 7 && calendar.isOwed(clock.dates[later]!)) return after + DAY_MS;
  for (let d = Math.max(0, dayIndex(clock, after) + 1); d < 7; d++) {
    if (calendar.isOwed(clock.dates[d]!)) return clock.mornings[d];
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
