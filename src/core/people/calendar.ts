// Owed days: the days a leader owes Clause5 anything. A day is owed when it is a work day of the
// leader's site, not a site shutdown/holiday, not inside an away period, and on or after the day
// the leader joined. The scorecard computes the same rule in SQL; this is the scheduler's view.
import type { CoreDeps } from '../deps';
import { isoWeekday, type LocalDate } from '../time';
import type { AwayPeriod, Closure, Person } from './types';

const DEFAULT_WORK_DAYS = [1, 2, 3, 4, 5];

export type ExcuseReason = 'not_joined' | 'non_work_day' | 'shutdown' | 'away';

export interface OwedCalendar {
  /** Why the day is not owed, or null when it is owed. */
  excuse(date: LocalDate): ExcuseReason | null;
  isOwed(date: LocalDate): boolean;
}

export function buildCalendar(
  person: Pick<Person, 'joinedOn'>,
  workDays: number[],
  closures: Pick<Closure, 'fromDate' | 'toDate'>[],
  away: Pick<AwayPeriod, 'fromDate' | 'toDate'>[],
): OwedCalendar {
  const excuse = (date: LocalDate): ExcuseReason | null => {
    if (date < person.joinedOn) return 'not_joined';
    if (!workDays.includes(isoWeekday(date))) return 'non_work_day';
    if (closures.some((c) => c.fromDate <= date && date <= c.toDate)) return 'shutdown';
    if (away.some((a) => a.fromDate <= date && date <= a.toDate)) return 'away';
    return null;
  };
  return { excuse, isOwed: (date) => excuse(date) === null };
}

/** Loads the calendar facts of one person for [from, to]: their site, then its closures and their absences in one read. */
export async function loadCalendar(deps: CoreDeps, person: Person, from: LocalDate, to: LocalDate): Promise<OwedCalendar> {
  const site = person.siteId !== null ? await deps.store.sites.get(person.orgId, person.siteId) : undefined;
  const { closures, away } = await deps.store.away.calendarFacts(person.orgId, person.id, site?.id ?? null, from, to);
  return buildCalendar(person, site?.workDays ?? DEFAULT_WORK_DAYS, closures, away);
}
