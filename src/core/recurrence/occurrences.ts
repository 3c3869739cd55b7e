// Dated instances of recurring rules (meetings, weekly slots) in a time zone, DST-exact:
// a 07:30 meeting stays at 07:30 local across a change; a skipped time goes out at the first valid
// minute after it. Keys use the nominal local time, so they never change with the offset.
import { addDays, localDateOf, zonedInstant, type LocalDate, type LocalTime, isoWeekday } from '../time';
import { cronTimesOn, parseCron, type CronRule } from './cron';

export type Recurrence =
  | { kind: 'daily' }
  | { kind: 'weekdays' }
  | { kind: 'days'; days: number[] } // ISO weekdays
  | { kind: 'cron'; expr: string };

export interface OccurrenceRule {
  recurrence: Recurrence;
  /** 'HH:MM' local; ignored for cron rules. */
  time: LocalTime | null;
  timeZone: string;
}

export interface Occurrence {
  /** 'YYYY-MM-DDTHH:MM' — nominal local date and time in the rule's zone. */
  key: string;
  date: LocalDate;
  time: LocalTime;
  /** The instant it happens (epoch ms). */
  at: number;
}

const cronCache = new Map<string, CronRule>();

function timesOn(rule: OccurrenceRule, date: LocalDate): LocalTime[] {
  const r = rule.recurrence;
  if (r.kind === 'cron') {
    let parsed = cronCache.get(r.expr);
    if (!parsed) {
      parsed = parseCron(r.expr);
      cronCache.set(r.expr, parsed);
    }
    return cronTimesOn(parsed, date);
  }
  const day = isoWeekday(date);
  const matches = r.kind === 'daily' || (r.kind === 'weekdays' ? day <= 5 : r.days.includes(day));
  return matches && rule.time ? [rule.time] : [];
}

/** Occurrences whose instant is in (fromMs, toMs], in time order. */
export function occurrencesBetween(rule: OccurrenceRule, fromMs: number, toMs: number): Occurrence[] {
  if (toMs <= fromMs) return [];
  const first = addDays(localDateOf(fromMs, rule.timeZone), -1);
  const last = addDays(localDateOf(toMs, rule.timeZone), 1);
  const out: Occurrence[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const time of timesOn(rule, date)) {
      const at = zonedInstant(date, time, rule.timeZone);
      if (at > fromMs && at <= toMs) out.push({ key: `${date}T${time}`, date, time, at });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The first occurrence strictly after `afterMs` (searching up to `horizonDays` ahead). */
export function nextOccurrence(rule: OccurrenceRule, afterMs: number, horizonDays = 400): Occurrence | undefined {
  for (let start = afterMs, i = 0; i < horizonDays; i += 31, start += 31 * 86_400_000) {
    const found = occurrencesBetween(rule, start, start + 31 * 86_400_000)[0];
    if (found) return found;
  }
  return undefined;
}

/** Describes a rule in words, e.g. 'weekdays at 07:30 (America/Chicago)'. */
export function describeRule(rule: OccurrenceRule): string {
  const r = rule.recurrence;
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const when =
    r.kind === 'cron'
      ? `cron “${r.expr}”`
      : `${r.kind === 'daily' ? 'every day' : r.kind === 'weekdays' ? 'weekdays' : r.days.map((d) => names[d - 1]).join(', ')} at ${rule.time}`;
  return `${when} (${rule.timeZone})`;
}
