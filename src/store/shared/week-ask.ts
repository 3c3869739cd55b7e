// The one read behind the week's floor-walk question and its reminder (FloorWalkRepo.weekAsk): the
// person, joined to their site, their floor-walk prompt for the week, and whether a walk is logged
// in it. A delivery used to read these in four statements; each round trip costs both the process
// and PostgreSQL CPU. Built once per engine from the same pieces (drizzle writes the same SQL).
import { type AnyColumn, and, eq, type SQL, sql } from 'drizzle-orm';
import type { Prompt, WeekAsk } from '../../core/floor-walks/repo';
import type { Person } from '../../core/people/types';
import { type SiteRow, toPerson, toSite } from './people';

export interface WeekAskTables {
  people: { orgId: AnyColumn; id: AnyColumn; siteId: AnyColumn };
  sites: { orgId: AnyColumn; id: AnyColumn };
  walks: { orgId: AnyColumn; personId: AnyColumn; weekKey: AnyColumn; withdrawnAt: AnyColumn };
  prompts: { orgId: AnyColumn; personId: AnyColumn; kind: AnyColumn; subject: AnyColumn };
}

/** Bound to orgId, personId, weekKey and subject when the statement runs. */
export function weekAskParts(t: WeekAskTables): { person: SQL; site: SQL; prompt: SQL; walked: SQL<boolean> } {
  const { people, sites, walks, prompts } = t;
  return {
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

type PersonRow = Parameters<typeof toPerson>[0];

/** The joined row → WeekAsk (a left join gives null for a missing site or prompt). */
export function toWeekAsk(row: { person: PersonRow; site: SiteRow | null; prompt: Prompt | null; walked: boolean }): WeekAsk {
  const person: Person = toPerson(row.person);
  return { person, site: row.site && toSite(row.site), walked: row.walked, prompt: row.prompt ?? undefined };
}
