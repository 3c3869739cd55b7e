// Organisations, sites, teams and people: who Clause5 talks to and where they work.
import type { RetentionSettings } from '../retention/policy';
import type { LocalDate, LocalTime } from '../time';

export type PlatformName = 'local' | 'slack' | 'teams';
export type Role = 'leader' | 'quality_manager' | 'admin' | 'member';
export const ROLES: readonly Role[] = ['leader', 'quality_manager', 'admin', 'member'];

/** Scorecard index weights, in the order meetings, walks, wins, follow-ups, response. */
export type Weights = [number, number, number, number, number];
export const DEFAULT_WEIGHTS: Weights = [30, 30, 15, 15, 10];

export interface OrgSettings {
  weights?: Weights;
  defaultWalkDay?: number; // ISO weekday
  defaultWalkTime?: LocalTime;
  digestChannel?: string;
  /** Name a leader to their site's quality managers after this many missed floor walks in a row (unset: off). */
  escalateWalksAfter?: number;
  /** How long each kind of record is kept; a kind not named is kept for ever. */
  retention?: RetentionSettings;
}

export interface Org {
  id: string;
  platform: PlatformName;
  name: string;
  settings: OrgSettings;
  createdAt: number;
}

export interface Site {
  id: number;
  orgId: string;
  name: string;
  timeZone: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday). */
  workDays: number[];
  winsChannel: string | null;
}

export interface Closure {
  id: number;
  siteId: number;
  fromDate: LocalDate;
  toDate: LocalDate;
  reason: string | null;
}

export interface Team {
  id: number;
  orgId: string;
  siteId: number | null;
  name: string;
  leaderId: string | null;
  channel: string | null;
}

export interface Person {
  id: string;
  orgId: string;
  handle: string | null;
  displayName: string;
  /** The person's own zone; null means the site's zone (see zoneOf). */
  timeZone: string | null;
  role: Role;
  siteId: number | null;
  teamId: number | null;
  joinedOn: LocalDate;
  unreachableReason: string | null;
  /**
   * A member of another workspace or tenant acting here (Slack Connect): may post wins and answer
   * what Clause5 sends them; never administers, never reads scorecards, never holds a role.
   */
  guest: boolean;
}

export interface AwayPeriod {
  id: number;
  personId: string;
  fromDate: LocalDate;
  toDate: LocalDate;
  reason: string | null;
  /** Who recorded it; null for periods recorded before this was kept, or by the system. */
  recordedBy?: string | null;
}

export interface FloorWalkSchedule {
  personId: string;
  weekday: number;
  time: LocalTime;
  active: boolean;
}

/** What a platform tells us about a person we have not met yet. */
export interface PersonProfile {
  displayName: string;
  timeZone?: string;
  handle?: string;
}

export function isManager(person: Pick<Person, 'role'>): boolean {
  return person.role === 'quality_manager' || person.role === 'admin';
}

/** Platform of an opaque id such as 'slack:T1:U2'. */
export function platformOf(id: string): PlatformName {
  const prefix = id.split(':', 1)[0];
  if (prefix === 'slack' || prefix === 'teams') return prefix;
  return 'local';
}
