// Small shared helpers of the meetings area: a meeting's rule, its occurrences, and dates in words.
import { describeRule, nextOccurrence, occurrencesBetween, type Occurrence, type OccurrenceRule } from '../recurrence/occurrences';
import { localParts } from '../time';
import type { Meeting, MeetingAnswer } from './repo';

const MINUTE = 60_000;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function ruleOf(meeting: Pick<Meeting, 'recurrence' | 'time' | 'timeZone'>): OccurrenceRule {
  return { recurrence: meeting.recurrence, time: meeting.time, timeZone: meeting.timeZone };
}

export function describeMeetingRule(meeting: Pick<Meeting, 'recurrence' | 'time' | 'timeZone'>): string {
  return describeRule(ruleOf(meeting));
}

/** The next occurrence that starts after `now`. */
export function nextMeetingOccurrence(meeting: Pick<Meeting, 'recurrence' | 'time' | 'timeZone'>, now: number): Occurrence | undefined {
  return nextOccurrence(ruleOf(meeting), now);
}

/** How many occurrences the meetings have in the 7 days after `now`, together. */
export function occurrencesInWeek(meetings: Array<Pick<Meeting, 'recurrence' | 'time' | 'timeZone'>>, now: number): number {
  return meetings.reduce((sum, m) => sum + occurrencesBetween(ruleOf(m), now, now + 7 * 86_400_000).length, 0);
}

/**
 * The most recent occurrence that has started by `now` and whose after-meeting check falls after
 * the meeting was registered (the same occurrences the trigger source asks about).
 */
export function lastStartedOccurrence(meeting: Meeting, now: number, lookBackDays = 62): Occurrence | undefined {
  const found = occurrencesBetween(ruleOf(meeting), now - lookBackDays * 86_400_000, now);
  const valid = found.filter((o) => o.at + meeting.durationMinutes * MINUTE >= meeting.createdAt);
  return valid[valid.length - 1];
}

/** 'Mon 9 Mar 07:30' in the zone. */
export function formatWhen(instant: number, zone: string): string {
  const p = localParts(instant, zone);
  const [, m, d] = p.date.split('-').map(Number) as [number, number, number];
  return `${DAY_NAMES[p.weekday - 1]} ${d} ${MONTH_NAMES[m - 1]} ${p.time}`;
}

/** 'Mon 9 Mar' in the zone. */
export function formatDay(instant: number, zone: string): string {
  const when = formatWhen(instant, zone);
  return when.slice(0, when.lastIndexOf(' '));
}

/** 'HH:MM' when `instant` is on the same local day as `now`, else 'HH:MM on Mon 9 Mar'. */
export function formatTimeOfDay(instant: number, now: number, zone: string): string {
  const p = localParts(instant, zone);
  if (p.date === localParts(now, zone).date) return p.time;
  return `${p.time} on ${formatDay(instant, zone)}`;
}

export function answerLabel(answer: MeetingAnswer): string {
  return answer === 'yes' ? 'Yes' : answer === 'no' ? 'No' : 'Meeting cancelled';
}

/** Collapses whitespace and cuts long user text for a talking-point line. */
export function clip(value: string, max = 200): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** When the reminder goes: '10 min before', or 'at the start time' for a lead of 0. */
export function reminderLeadText(leadMinutes: number): string {
  return leadMinutes === 0 ? 'at the start time' : `${leadMinutes} min before`;
}
