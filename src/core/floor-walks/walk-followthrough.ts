// After the weekly prompt: one reminder if it is still unanswered, and at the end of the week an
// unanswered prompt is marked missed and its buttons retire. The prompt lifecycle runs both for the
// floor-walk kind (walk-kind.ts); this is the reminder rule spelled out.
import type { OwedCalendar } from '../people/calendar';
import { reminderAt } from '../prompts/period-clock';
import type { Prompt } from './repo';
import { WALK_REMINDER_RULE } from './walk-kind';
import type { WeekClock } from './week';

/**
 * When the one reminder of an unanswered weekly prompt goes out:
 * - when a snooze ends, if the leader snoozed (the snooze picked an owed moment itself);
 * - else 24 h after the prompt, if that instant falls on an owed day of the prompt's ISO week;
 * - else 09:00 leader-local on the next owed day of that week;
 * - else (no owed day left in the week) 2 h after the prompt, the same day.
 */
export function walkReminderAt(prompt: Pick<Prompt, 'sentAt' | 'snoozedUntil'>, clock: WeekClock, calendar: OwedCalendar): number {
  return reminderAt(prompt, WALK_REMINDER_RULE, clock, calendar)!;
}
