// People, sites, teams and closures: rows → the core's models and the values to store, for both engines.
import type { NewPerson } from '../../core/people/repo';
import type { Closure, Person, Role, Site, Team } from '../../core/people/types';

export interface PersonRow extends Person {
  createdAt: number;
  updatedAt: number;
  leaderSince: number | null;
}

export function toPerson(row: PersonRow): Person {
  const { createdAt: _c, updatedAt: _u, leaderSince: _l, ...person } = row;
  return person;
}

/** The row of someone new (role `member` unless given; a leader leads from `now`). */
export function newPersonValues(person: NewPerson, now: number) {
  return {
    id: person.id,
    orgId: person.orgId,
    displayName: person.displayName,
    handle: person.handle ?? null,
    timeZone: person.timeZone ?? null,
    role: (person.role ?? 'member') as Role,
    siteId: person.siteId ?? null,
    teamId: person.teamId ?? null,
    joinedOn: person.joinedOn,
    leaderSince: person.role === 'leader' ? now : null,
    guest: person.guest ?? false,
    createdAt: now,
    updatedAt: now,
  };
}

export const otherOrganisation = (personId: string) => new Error(`person ${personId} belongs to another organisation`);

/**
 * A person's zone as zoneOf works it out (their own, else their site's, else the default), in SQL:
 * for rows `p` of people and `s` of their site, with the default zone as the engine's parameter.
 */
export const personZoneSql = (defaultZoneParameter: string) => `COALESCE(p.time_zone, s.time_zone, ${defaultZoneParameter})`;

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

/** The columns a site patch sets (the name with its lower-cased key). */
export function sitePatchValues(patch: Partial<Omit<Site, 'id' | 'orgId'>>): Partial<Omit<SiteRow, 'id' | 'orgId'> & { nameKey: string }> {
  const values: Partial<Omit<SiteRow, 'id' | 'orgId'> & { nameKey: string }> = {};
  if (patch.name !== undefined) Object.assign(values, { name: patch.name, nameKey: patch.name.toLowerCase() });
  if (patch.timeZone !== undefined) values.timeZone = patch.timeZone;
  if (patch.workDays !== undefined) values.workDays = patch.workDays.join(',');
  if (patch.winsChannel !== undefined) values.winsChannel = patch.winsChannel;
  return values;
}

export function toClosure(row: Closure & { createdAt?: number; orgId?: string }): Closure {
  return { id: row.id, siteId: row.siteId, fromDate: row.fromDate, toDate: row.toDate, reason: row.reason };
}

export interface TeamRow extends Team {
  nameKey: string;
  createdAt: number;
}

export function toTeam(row: TeamRow): Team {
  const { nameKey: _k, createdAt: _c, ...team } = row;
  return team;
}

export const newTeamValues = (team: Omit<Team, 'id'>, now: number) => ({ ...team, nameKey: team.name.toLowerCase(), createdAt: now });

/** A team patch with its lower-cased name key when the name changes. */
export function teamPatchValues(patch: Partial<Omit<Team, 'id' | 'orgId'>>): Partial<Omit<TeamRow, 'id' | 'orgId'>> {
  return patch.name === undefined ? { ...patch } : { ...patch, nameKey: patch.name.toLowerCase() };
}

/** What a roster plan says when it names a site or team that neither it nor the store has. */
export const unknownInRoster = (kind: 'site' | 'team', name: string) => new Error(`the roster plan names an unknown ${kind} “${name}”`);
