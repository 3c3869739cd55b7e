// Two guards on 'meeting add': an identical meeting (same leader, title, rule and time) is refused,
// and a leader whose meetings would bring more than PROMPT_BUDGET prompts in a week is warned (each
// occurrence is a reminder before and a check after; the weekly floor-walk prompt is one more).
import { UserError } from '../errors';
import { occurrencesBetween, type OccurrenceRule } from '../recurrence/occurrences';
import type { Meeting } from './repo';

/** Prompts a week above which a leader is warned that reminders will feel like noise. */
export const PROMPT_BUDGET = 25;
const WEEK_MS = 7 * 86_400_000;

type RuleOnly = Pick<Meeting, 'title' | 'recurrence' | 'time' | 'timeZone'>;

export function refuseDuplicate(existing: Meeting[], draft: RuleOnly): void {
  const same = existing.find(
    (m) =>
      m.title.trim().toLowerCase() === draft.title.trim().toLowerCase() &&
      m.time === draft.time &&
      m.timeZone === draft.timeZone &&
      JSON.stringify(m.recurrence) === JSON.stringify(draft.recurrence),
  );
  if (same) {
    throw new UserError(`That meeting is already registered as meeting ${same.id} (same title, rule and time) — nothing added. See /clause5 meeting list.`);
  }
}

/** Meeting prompts (reminder + check) in the 7 days from `now`, plus one floor-walk prompt. */
export function weeklyPrompts(meetings: Array<Pick<Meeting, 'recurrence' | 'time' | 'timeZone'>>, now: number): number {
  let n = 1;
  for (const m of meetings) {
    const rule: OccurrenceRule = { recurrence: m.recurrence, time: m.time, timeZone: m.timeZone };
    n += 2 * occurrencesBetween(rule, now, now + WEEK_MS).length;
  }
  return n;
}
