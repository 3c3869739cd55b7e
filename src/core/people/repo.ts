// Storage ports for organisations, sites, teams, people and their calendars.
// Mutations take `actor` (the person id making the change, or null for the system) for the audit log.
import type { LocalDate } from '../time';
import type { LocalTimeWindow } from './schedule-window';
import type { AwayPeriod, Closure, FloorWalkSchedule, Org, OrgSettings, Person, PlatformName, Role, Site, Team } from './types';

export interface OrgRepo {
  /** Returns the organisation, creating it on first sight. */
  ensure(org: { id: string; platform: PlatformName; name: string }): Promise<Org>;
  get(id: string): Promise<Org | undefined>;
  list(): Promise<Org[]>;
  updateSettings(id: string, patch: Partial<OrgSettings>, actor: string | null): Promise<Org>;
}

export interface NewPerson {
  id: string;
  orgId: string;
  displayName: string;
  handle?: string | null;
  timeZone?: string | null;
  role?: Role;
  siteId?: number | null;
  teamId?: number | null;
  joinedOn: LocalDate;
  guest?: boolean;
}

export type PersonPatch = Partial<
  Pick<Person, 'displayName' | 'handle' | 'timeZone' | 'role' | 'siteId' | 'teamId' | 'joinedOn' | 'unreachableReason' | 'guest'>
>;

export interface PeopleRepo {
  get(orgId: string, id: string): Promise<Person | undefined>;
  /** Inserts the person if the id is new; returns the stored row either way. */
  ensure(person: NewPerson, actor: string | null): Promise<Person>;
  /**
   * Inserts someone arriving in the organisation (returns the stored row if the id exists). With
   * `claimAdmin` they join as its admin only when it has no admin and nobody has claimed its
   * first-admin slot: one conditional update of the organisation's row, in the transaction that
   * inserts them, so of many first arrivals at once exactly one becomes admin.
   */
  arrive(person: NewPerson, claimAdmin: boolean): Promise<Person>;
  update(orgId: string, id: string, patch: PersonPatch, actor: string | null): Promise<Person>;
  /** Case-insensitive match on handle. */
  findByHandle(orgId: string, handle: string): Promise<Person | undefined>;
  /** Case-insensitive match on display name (may be several). */
  findByName(orgId: string, name: string): Promise<Person[]>;
  list(orgId: string, filter?: { role?: Role; siteId?: number }): Promise<Person[]>;
  count(orgId: string): Promise<number>;
  /** Every zone someone is in, across organisations: their own, else their site's, else `defaultZone`. */
  zonesInUse(defaultZone: string): Promise<string[]>;
}

export interface SiteRepo {
  create(site: Omit<Site, 'id'>, actor: string | null): Promise<Site>;
  get(orgId: string, id: number): Promise<Site | undefined>;
  /** Case-insensitive. */
  findByName(orgId: string, name: string): Promise<Site | undefined>;
  list(orgId: string): Promise<Site[]>;
  update(orgId: string, id: number, patch: Partial<Omit<Site, 'id' | 'orgId'>>, actor: string | null): Promise<Site>;
  addClosure(orgId: string, closure: Omit<Closure, 'id'>, actor: string | null): Promise<Closure>;
  removeClosure(orgId: string, id: number, actor: string | null): Promise<boolean>;
  /** Closures of a site that overlap [from, to]. */
  closures(orgId: string, siteId: number, from?: LocalDate, to?: LocalDate): Promise<Closure[]>;
}

export interface TeamRepo {
  create(team: Omit<Team, 'id'>, actor: string | null): Promise<Team>;
  get(orgId: string, id: number): Promise<Team | undefined>;
  findByName(orgId: string, name: string): Promise<Team | undefined>;
  list(orgId: string): Promise<Team[]>;
  update(orgId: string, id: number, patch: Partial<Omit<Team, 'id' | 'orgId'>>, actor: string | null): Promise<Team>;
  /** Teams whose leader is this person. */
  ledBy(orgId: string, personId: string): Promise<Team[]>;
}

export interface AwayRepo {
  add(orgId: string, away: Omit<AwayPeriod, 'id'>, actor: string | null): Promise<AwayPeriod>;
  remove(orgId: string, id: number, actor: string | null): Promise<AwayPeriod | undefined>;
  /** Away periods of a person overlapping [from, to] (all when no range is given). */
  list(orgId: string, personId: string, from?: LocalDate, to?: LocalDate): Promise<AwayPeriod[]>;
  /** Away periods of everyone in the organisation overlapping [from, to] (one read for a whole scheduler pass). */
  listInOrg(orgId: string, from: LocalDate, to: LocalDate): Promise<AwayPeriod[]>;
  /**
   * A person's owed-calendar facts over [from, to] in one read: their away periods and the closures
   * of site `siteId` (none when null), each list as `list` and `SiteRepo.closures` order it.
   */
  calendarFacts(orgId: string, personId: string, siteId: number | null, from: LocalDate, to: LocalDate): Promise<CalendarFacts>;
}

export interface CalendarFacts {
  closures: Closure[];
  away: AwayPeriod[];
}

/** Calendar facts read over [from, to] for a person and their site. */
export interface KnownCalendar {
  from: LocalDate;
  to: LocalDate;
  facts: CalendarFacts;
}

export interface ScheduleRepo {
  get(orgId: string, personId: string): Promise<FloorWalkSchedule | undefined>;
  upsert(orgId: string, schedule: FloorWalkSchedule, actor: string | null): Promise<FloorWalkSchedule>;
  listActive(orgId?: string): Promise<Array<FloorWalkSchedule & { orgId: string }>>;
  /** The active schedules whose time is in their zone's window; zones without a window are left out. */
  listActiveAt(windows: LocalTimeWindow[], defaultZone: string): Promise<Array<FloorWalkSchedule & { orgId: string }>>;
}

export interface DigestRepo {
  add(orgId: string, personId: string, actor: string | null): Promise<void>;
  remove(orgId: string, personId: string, actor: string | null): Promise<boolean>;
  list(orgId: string): Promise<string[]>;
}

export interface AuditEntry {
  id: number;
  orgId: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
  at: number;
}

export interface AuditRepo {
  /** History of one record, oldest first. */
  history(orgId: string, entity: string, entityId: string): Promise<AuditEntry[]>;
  recent(orgId: string, limit: number): Promise<AuditEntry[]>;
}

/** One person of a checked roster: created (unless the id exists by then) or patched. */
export type RosterPersonPlan = {
  /** Site and team by name; each is one of the plan's `sites`/`teams` or already stored. */
  siteName?: string;
  teamName?: string;
  /** The floor-walk slot to store, only when it changes. */
  schedule?: FloorWalkSchedule;
} & ({ create: Omit<NewPerson, 'orgId' | 'siteId' | 'teamId'> } | { update: { id: string; patch: Omit<PersonPatch, 'siteId' | 'teamId'> } });

/** Everything a roster import writes, decided beforehand, so it can be applied all or nothing. */
export interface RosterPlan {
  orgId: string;
  /** Sites to create unless one of that name (case-insensitive) exists. */
  sites: Array<{ name: string; timeZone: string }>;
  /** Teams to create unless one of that name exists; `siteName` names a site of the plan or a stored one. */
  teams: Array<{ name: string; siteName: string | null }>;
  people: RosterPersonPlan[];
}

export interface RosterApplied {
  peopleCreated: number;
  sitesCreated: string[];
  teamsCreated: string[];
}

export interface RosterRepo {
  /** Applies the whole plan in one transaction, with an audit row per change: a failure writes nothing. */
  apply(plan: RosterPlan, actor: string | null): Promise<RosterApplied>;
}
