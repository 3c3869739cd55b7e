// The one read behind a person's owed calendar (AwayRepo.calendarFacts): their away periods and
// their site's closures over a range, as one UNION ALL instead of two round trips. Each engine runs
// this text with its own parameter markers; the rows split back into the two lists here.
import type { CalendarFacts } from '../../core/people/repo';

/** The parameters, in PostgreSQL's order ($1…$5); SQLite binds them by name. */
export const CALENDAR_FACT_PARAMS = ['org', 'person', 'site', 'from', 'to'] as const;

/** `param` writes each parameter's marker (siteId null: no site). */
export function calendarFactsSql(param: (name: (typeof CALENDAR_FACT_PARAMS)[number]) => string): string {
  const [org, person, site, from, to] = CALENDAR_FACT_PARAMS.map(param);
  return `
    SELECT 'closure' AS part, id, site_id AS "siteId", NULL AS "personId", from_date AS "fromDate", to_date AS "toDate", reason, NULL AS "recordedBy"
      FROM site_closures WHERE org_id = ${org} AND site_id = ${site} AND to_date >= ${from} AND from_date <= ${to}
    UNION ALL
    SELECT 'away', id, NULL, person_id, from_date, to_date, reason, recorded_by
      FROM away_periods WHERE org_id = ${org} AND person_id = ${person} AND to_date >= ${from} AND from_date <= ${to}
    ORDER BY 1, 5, 2`;
}

export interface CalendarFactRow {
  part: 'closure' | 'away';
  id: number;
  siteId: number | null;
  personId: string | null;
  fromDate: string;
  toDate: string;
  reason: string | null;
  recordedBy: string | null;
}

export function toCalendarFacts(rows: CalendarFactRow[]): CalendarFacts {
  const facts: CalendarFacts = { closures: [], away: [] };
  for (const r of rows) {
    if (r.part === 'closure') facts.closures.push({ id: r.id, siteId: r.siteId!, fromDate: r.fromDate, toDate: r.toDate, reason: r.reason });
    else facts.away.push({ id: r.id, personId: r.personId!, fromDate: r.fromDate, toDate: r.toDate, reason: r.reason, recordedBy: r.recordedBy });
  }
  return facts;
}
