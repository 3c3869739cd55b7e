// People, sites, teams, closures and away periods: rows → the core's models, and the values a new
// row gets, for both engines. Row types are structural: each engine's drizzle row fits them.
import { type AnyColumn, and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { NewPerson } from '../../core/people/repo';
import type { AwayPeriod, Closure, Person, Site, Team } from '../../core/people/types';

export function toPerson<R extends Person & { createdAt: number; updatedAt: number; leaderSince: number | null }>(row: R): Person {
  const { createdAt: _c, updatedAt: _u, leaderSince: _l, ...person } = row;
  return person;
}

/** The people row for a new person (a leader leads from `now`). */
export function newPersonValues(person: NewPerson, now: number) {
  return {
    id: person.id,
    orgId: person.orgId,
    displayName: person.displayName,
    handle: person.handle ?? null,
    timeZone: person.timeZone ?? null,
    role: person.role ?? ('member' as const),
    siteId: person.siteId ?? null,
    teamId: person.teamId ?? null,
    joinedOn: person.joinedOn,
    leaderSince: person.role === 'leader' ? now : null,
    guest: person.guest ?? false,
    createdAt: now,
    updatedAt: now,
  };
}

export interface SiteRow {
  id: number;
  orgId: string;
  name: string;
  timeZone: string;
  workDays: string;
  winsChannel: string | null;
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    timeZone: row.timeZone,
    workDays: row.workDays ? row.workDays.split(',').map(Number) : [],
    winsChannel: row.winsChannel,
  };
}

export function newSiteValues(site: Omit<Site, 'id'>, now: number) {
  return {
    orgId: site.orgId,
    name: site.name,
    nameKey: site.name.toLowerCase(),
    timeZone: site.timeZone,
    workDays: site.workDays.join(','),
    winsChannel: site.winsChannel,
    createdAt: now,
  };
}

/** The columns a site patch changes (the name with its lookup key). */
export function sitePatchValues(patch: Partial<Omit<Site, 'id' | 'orgId'>>) {
  const values: { name?: string; nameKey?: string; timeZone?: string; workDays?: string; winsChannel?: string | null } = {};
  if (patch.name !== undefined) Object.assign(values, { name: patch.name, nameKey: patch.name.toLowerCase() });
  if (patch.timeZone !== undefined) values.timeZone = patch.timeZone;
  if (patch.workDays !== undefined) values.workDays = patch.workDays.join(',');
  if (patch.winsChannel !== undefined) values.winsChannel = patch.winsChannel;
  return values;
}

export function toClosure(row: Closure & Record<string, unknown>): Closure {
  return { id: row.id, siteId: row.siteId, fromDate: row.fromDate, toDate: row.toDate, reason: row.reason };
}

export function toTeam<R extends Team & { nameKey: string; createdAt: number }>(row: R): Team {
  const { nameKey: _k, createdAt: _c, ...team } = row;
  return team;
}

export function toAway(row: AwayPeriod & Record<string, unknown>): AwayPeriod {
  return { id: row.id, personId: row.personId, fromDate: row.fromDate, toDate: row.toDate, reason: row.reason, recordedBy: row.recordedBy };
}

/**
 * An organisation's date ranges of one owner (a site's closures, a person's absences) that overlap
 * from..to: a statement prepared once, bound to orgId, the owner's id (`owner`), from and to.
 */
export function overlappingBound(t: { orgId: AnyColumn; fromDate: AnyColumn; toDate: AnyColumn }, ownerId: AnyColumn, owner: string): SQL {
  return and(
    eq(t.orgId, sql.placeholder('orgId')),
    eq(ownerId, sql.placeholder(owner)),
    gte(t.toDate, sql.placeholder('from')),
    lte(t.fromDate, sql.placeholder('to')),
  )!;
}
