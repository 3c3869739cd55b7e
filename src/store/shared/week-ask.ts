// The one read behind the week's floor-walk question and its reminder (FloorWalkRepo.weekAsk): the
// person, joined to their site, their floor-walk prompt for the week, whether a walk is logged in it,
// and their site's closures and their absences that week (as JSON lists: the one part whose SQL
// differs between the engines). A delivery used to read these in six statements; each round trip
// costs both the process and PostgreSQL CPU.
import { type AnyColumn, and, eq, type SQL, sql } from 'drizzle-orm';
import type { Prompt, WeekAsk } from '../../core/floor-walks/repo';
import type { CalendarFacts } from '../../core/people/repo';
import type { Person } from '../../core/people/types';
import { type SiteRow, toPerson, toSite } from './people';

export interface WeekAskTables {
  people: { orgId: AnyColumn; id: AnyColumn; siteId: AnyColumn };
  sites: { orgId: AnyColumn; id: AnyColumn };
  walks: { orgId: AnyColumn; personId: AnyColumn; weekKey: AnyColumn; withdrawnAt: AnyColumn };
  prompts: { orgId: AnyColumn; personId: AnyColumn; kind: AnyColumn; subject: AnyColumn };
}

/** How an engine writes a JSON list of objects: PostgreSQL json_agg(json_build_object), SQLite json_group_array(json_object). */
export interface JsonLists {
  /** `fields`: name → column SQL text; `from`: the FROM … WHERE of the rows; `order`: their order. */
  list(fields: Record<string, string>, from: SQL, order: string): SQL;
}

export const PG_JSON: JsonLists = {
  list: (fields, from, order) => sql`(SELECT coalesce(json_agg(json_build_object(${sql.raw(pairs(fields))}) ORDER BY ${sql.raw(order)}), '[]'::json) ${from})`,
};

export const SQLITE_JSON: JsonLists = {
  list: (fields, from, order) => sql`(SELECT json_group_array(json_object(${sql.raw(pairs(fields))}) ORDER BY ${sql.raw(order)}) ${from})`,
};

const pairs = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, column]) => `'${name}', ${column}`)
    .join(', ');

const IN_WEEK = (alias: string) => sql`AND ${sql.raw(alias)}.to_date >= ${sql.placeholder('from')} AND ${sql.raw(alias)}.from_date <= ${sql.placeholder('to')}`;

/** Bound to orgId, personId, weekKey, subject, and the week's from and to dates when the statement runs. */
export function weekAskParts(t: WeekAskTables, json: JsonLists) {
  const { people, sites, walks, prompts } = t;
  const closures = json.list(
    { id: 'c.id', siteId: 'c.site_id', fromDate: 'c.from_date', toDate: 'c.to_date', reason: 'c.reason' },
    sql`FROM site_closures c WHERE c.org_id = ${people.orgId} AND c.site_id = ${people.siteId} ${IN_WEEK('c')}`,
    'c.from_date, c.id',
  );
  const away = json.list(
    { id: 'a.id', personId: 'a.person_id', fromDate: 'a.from_date', toDate: 'a.to_date', reason: 'a.reason', recordedBy: 'a.recorded_by' },
    sql`FROM away_periods a WHERE a.org_id = ${people.orgId} AND a.person_id = ${people.id} ${IN_WEEK('a')}`,
    'a.from_date, a.id',
  );
  return {
    closures: closures.mapWith(jsonList),
    away: away.mapWith(jsonList),
    person: and(eq(people.orgId, sql.placeholder('orgId')), eq(people.id, sql.placeholder('personId')))!,
    site: and(eq(sites.orgId, people.orgId), eq(sites.id, people.siteId))!,
    prompt: and(
      eq(prompts.orgId, people.orgId),
      eq(prompts.personId, people.id),
      eq(prompts.kind, 'floorwalk'),
      eq(prompts.subject, sql.placeholder('subject')),
    )!,
    walked:
      sql<boolean>`EXISTS (SELECT 1 FROM ${walks.orgId.table} WHERE ${walks.orgId} = ${people.orgId} AND ${walks.personId} = ${people.id} AND ${walks.weekKey} = ${sql.placeholder('weekKey')} AND ${walks.withdrawnAt} IS NULL)`.mapWith(
        Boolean,
      ),
  };
}

/** node-postgres parses json itself; SQLite hands back the text. */
const jsonList = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as unknown[];

type PersonRow = Parameters<typeof toPerson>[0];

interface WeekAskRow {
  person: PersonRow;
  site: SiteRow | null;
  prompt: Prompt | null;
  walked: boolean;
  closures: unknown[];
  away: unknown[];
}

/** The joined row → WeekAsk (a left join gives null for a missing site or prompt). */
export function toWeekAsk(row: WeekAskRow, week: { from: string; to: string }): WeekAsk {
  const person: Person = toPerson(row.person);
  const facts = { closures: row.closures, away: row.away } as CalendarFacts;
  return { person, site: row.site && toSite(row.site), walked: row.walked, prompt: row.prompt ?? undefined, calendar: { from: week.from, to: week.to, facts } };
}
