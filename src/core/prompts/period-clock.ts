// A prompt's period in one zone: its dates, local midnights and mornings, worked out once per
// (period, zone) and shared by everyone there (time-zone arithmetic is the costly part of a pass),
// and the reminder rule read against it.
import type { Prompt } from './prompt-repo';
import type { OwedCalendar } from '../people/calendar';
import { addDays, eachDate, zonedInstant, type LocalDate, type LocalTime } from '../time';
import type { PromptPeriod, ReminderRule } from './kind';

export const DAY_MS = 24 * 3_600_000;

export interface PeriodClock {
  /** Each local date of the period, first to last. */
  dates: LocalDate[];
  /** 00:00 local of each date, then of the day after the period (its end). */
  midnights: number[];
  /** The morning time, local, of each date. */
  mornings: number[];
}

/** Clocks worked out lately: every scheduler pass asks again for the same few (period, zone) pairs. */
const recentClocks = new Map<string, PeriodClock>();
const RECENT_CLOCKS = 512;

export function periodClock(period: Pick<PromptPeriod, 'from' | 'to'>, zone: string, morning: LocalTime): PeriodClock {
  const key = `${period.from}\u0000${period.to}\u0000${zone}\u0000${morning}`;
  const known = recentClocks.get(key);
  if (known) return known;
  const dates = eachDate(period.from, period.to);
  const clock = {
    dates,
    midnights: [...dates, addDays(period.to, 1)].map((d) => zonedInstant(d, '00:00', zone)),
    mornings: dates.map((d) => zonedInstant(d, morning, zone)),
  };
  if (recentClocks.size >= RECENT_CLOCKS) recentClocks.clear();
  recentClocks.set(key, clock);
  return clock;
}

/** The instant the period is over for someone in `zone`: midnight after its last local day. */
export function periodEndInstant(period: Pick<PromptPeriod, 'to'>, zone: string): number {
  return zonedInstant(addDays(period.to, 1), '00:00', zone);
}

/** 0 … n−1 for an instant on the period's first … last day; −1 before it, n after it. */
function dayIndex(clock: PeriodClock, at: number): number {
  let i = 0;
  while (i < clock.midnights.length && at >= clock.midnights[i]!) i++;
  return i - 1;
}

/**
 * The next moment to ask again after `after`, inside the clock's period: `afterMs` later when that
 * instant falls on an owed day of the period; otherwise the morning of the next owed day after
 * `after`'s day. Undefined when no owed day is left. The calendar must cover `after`'s day to the
 * period's last day.
 */
export function nextOwedSlot(after: number, clock: PeriodClock, calendar: OwedCalendar, afterMs = DAY_MS): number | undefined {
  const days = clock.dates.length;
  const later = dayIndex(clock, after + afterMs);
  if (later >= 0 && later < days && calendar.isOwed(clock.dates[later]!)) return after + afterMs;
  for (let d = Math.max(0, dayIndex(clock, after) + 1); d < days; d++) {
    if (calendar.isOwed(clock.dates[d]!)) return clock.mornings[d];
  }
  return undefined;
}

/** When the rule reminds the prompt (before the period's end is checked). `calendar` is needed only for `owedDays`. */
export function reminderAt(
  prompt: Pick<Prompt, 'sentAt' | 'snoozedUntil'>,
  rule: ReminderRule,
  clock?: PeriodClock,
  calendar?: OwedCalendar,
): number | undefined {
  if (prompt.snoozedUntil !== null) return prompt.snoozedUntil;
  if (!rule.owedDays) return prompt.sentAt + rule.afterMs;
  if (!clock || !calendar) throw new Error('an owed-days reminder rule needs the period clock and calendar');
  return nextOwedSlot(prompt.sentAt, clock, calendar, rule.afterMs) ?? prompt.sentAt + rule.owedDays.lastResortMs;
}
