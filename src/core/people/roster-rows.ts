// Reading one roster row into a checked plan. Every problem of a row is collected, so a file can
// be fixed in one pass.
import { canonicalTimeZone, isValidDate, normaliseTime, parseWeekday, type LocalDate, type LocalTime } from '../time';
import { platformPersonId } from './ids';
import { ROLES, type Org, type Role } from './types';

export const ROSTER_COLUMNS = ['id_or_handle', 'name', 'role', 'site', 'team', 'time_zone', 'walk_day', 'walk_time', 'joined_on'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export interface RosterRow {
  line: number;
  personId: string;
  handle: string | null;
  name: string;
  role?: Role;
  site?: string;
  team?: string;
  timeZone?: string;
  walkDay?: number;
  walkTime?: LocalTime;
  joinedOn?: LocalDate;
}

const HANDLE_RE = /^[a-z0-9][a-z0-9._-]{0,39}$/i;
const NAME_MAX = 80;

/** The stored person id (and handle) a roster's first column stands for in this organisation. */
export function personIdOf(org: Pick<Org, 'id' | 'platform'>, raw: string): { id: string; handle: string | null } | string {
  const value = raw.trim().replace(/^@/, '');
  if (!value) return 'id_or_handle is empty';
  if (org.platform === 'local') {
    const handle = value.replace(/^local:/i, '');
    if (!HANDLE_RE.test(handle)) return `“${raw}” is not a handle (letters, digits, “.”, “_”, “-”; up to 40)`;
    return { id: `local:${handle.toLowerCase()}`, handle: handle.toLowerCase() };
  }
  const checked = platformPersonId(org, raw);
  return 'problem' in checked ? checked.problem : { id: checked.id, handle: null };
}

/** Checks one data row; returns the plan or the list of problems. */
export function readRow(org: Org, line: number, cell: (c: RosterColumn) => string): RosterRow | string[] {
  const problems: string[] = [];
  const who = personIdOf(org, cell('id_or_handle'));
  if (typeof who === 'string') problems.push(who);
  const name = cell('name');
  if (!name) problems.push('name is missing');
  else if (name.length > NAME_MAX) problems.push(`name is longer than ${NAME_MAX} characters`);
  const row: Partial<RosterRow> = { line, name };
  const role = cell('role').toLowerCase().replace('-', '_');
  if (role) {
    if ((ROLES as readonly string[]).includes(role)) row.role = role as Role;
    else problems.push(`unknown role “${cell('role')}” (use leader, quality_manager, admin or member)`);
  }
  if (cell('site')) row.site = cell('site');
  if (cell('team')) row.team = cell('team');
  const zone = cell('time_zone');
  if (zone) {
    const canonical = canonicalTimeZone(zone);
    if (canonical) row.timeZone = canonical;
    else problems.push(`unknown time zone “${zone}” (use an IANA name such as America/Chicago)`);
  }
  const day = cell('walk_day');
  if (day) {
    const d = parseWeekday(day);
    if (d === undefined) problems.push(`walk_day “${day}” is not a day of the week (mon … sun)`);
    else row.walkDay = d;
  }
  const time = cell('walk_time');
  if (time) {
    const t = normaliseTime(time);
    if (!t) problems.push(`walk_time “${time}” is not a time (HH:MM, e.g. 14:00)`);
    else row.walkTime = t;
  }
  const joined = cell('joined_on');
  if (joined) {
    if (isValidDate(joined)) row.joinedOn = joined;
    else problems.push(`joined_on “${joined}” is not a real date (YYYY-MM-DD)`);
  }
  if (problems.length || typeof who === 'string') return problems;
  return { ...row, personId: who.id, handle: who.handle } as RosterRow;
}
