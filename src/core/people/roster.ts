// Roster import from CSV: people, roles, sites, teams, time zones and floor-walk slots.
// Every row is checked first and every bad row is reported with its line number; if any row is
// bad nothing is written. A site or team the file names must exist, unless --create-sites asks to
// create the missing ones. The writes are
// applied in one transaction (store.roster.apply), so a failure midway leaves nothing behind.
// Header: id_or_handle,name,role,site,team,time_zone,walk_day,walk_time,joined_on
// (only id_or_handle and name are required; an empty cell keeps what an existing person has).
import type { CoreDeps } from '../deps';
import { localDateOf } from '../time';
import { parseCsv } from './csv';
import { safeText } from '../safe-text';
import { defaultWalkSlot, leaderScheduleChange, retiredScheduleChange } from './leader';
import type { PersonPatch, RosterPlan } from './repo';
import { personIdOf, readRow, ROSTER_COLUMNS, type RosterColumn, type RosterRow } from './roster-rows';
import { platformOf, type FloorWalkSchedule, type Org, type Person, type Role } from './types';

export interface RosterError {
  line: number;
  message: string;
}

export interface RosterResult {
  imported: number;
  errors: RosterError[];
  /** In words, e.g. '12 people (3 new, 9 updated); new sites: North; new teams: none'. */
  summary: string;
}

export const ROSTER_HEADER = ROSTER_COLUMNS.join(',');

interface Checked {
  org: Org;
  rows: RosterRow[];
  existing: Map<string, Person>;
  errors: RosterError[];
}

export interface RosterOptions {
  /** Create the sites and teams the file names that do not exist yet (otherwise each is an error). */
  createSites?: boolean;
}

async function check(deps: CoreDeps, org: Org, csvText: string, options: RosterOptions = {}): Promise<Checked> {
  const { records, error } = parseCsv(safeText(csvText));
  const errors: RosterError[] = error ? [error] : [];
  const existing = new Map<string, Person>();
  const rows: RosterRow[] = [];
  const header = records[0];
  if (!header) return { org, rows, existing, errors: [...errors, { line: 1, message: `the file is empty — it needs a header row: ${ROSTER_HEADER}` }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(ROSTER_COLUMNS as readonly string[]).includes(n));
  const missing = (['id_or_handle', 'name'] as const).filter((c) => !names.includes(c));
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || missing.length || twice.length) {
    const parts = [
      ...(unknown.length ? [`unknown column(s) ${unknown.map((u) => `“${u}”`).join(', ')}`] : []),
      ...(missing.length ? [`missing column(s) ${missing.join(', ')}`] : []),
      ...(twice.length ? [`column(s) given twice: ${twice.join(', ')}`] : []),
    ];
    errors.unshift({ line: header.line, message: `${parts.join('; ')} — the header should be: ${ROSTER_HEADER}` });
    return { org, rows, existing, errors };
  }
  const firstLine = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    if (record.fields.length > names.length) {
      errors.push({ line: record.line, message: `${record.fields.length} cells but the header has ${names.length} (put a value with commas in "quotes")` });
      continue;
    }
    const cell = (c: RosterColumn) => {
      const i = names.indexOf(c);
      return i < 0 ? '' : (record.fields[i] ?? '').trim();
    };
    const read = readRow(org, record.line, cell);
    const problems: string[] = Array.isArray(read) ? [...read] : [];
    // Rows are matched by person id even when a row is bad, so a second copy is still reported.
    const who = personIdOf(org, cell('id_or_handle'));
    if (typeof who !== 'string') {
      const seen = firstLine.get(who.id);
      if (seen !== undefined) problems.push(`${who.id} is already on line ${seen}`);
      else firstLine.set(who.id, record.line);
    }
    if (Array.isArray(read)) {
      errors.push({ line: record.line, message: problems.join('; ') });
      continue;
    }
    const person = await deps.store.people.get(org.id, read.personId);
    if (read.handle) {
      const holder = await deps.store.people.findByHandle(org.id, read.handle);
      if (holder && holder.id !== read.personId) problems.push(`the handle “${read.handle}” already belongs to ${holder.displayName} (${holder.id})`);
    }
    if (person) existing.set(person.id, person);
    problems.push(...(await placeProblems(deps, org, read, options)));
    const finalRole = read.role ?? person?.role ?? 'member';
    if (person?.guest && finalRole !== 'member') problems.push(`${read.personId} is a guest from another workspace and stays a member`);
    if ((read.walkDay !== undefined || read.walkTime !== undefined) && finalRole !== 'leader') {
      problems.push(`walk_day and walk_time are only for leaders (${read.personId} is ${finalRole.replace('_', ' ')})`);
    }
    if (problems.length) errors.push({ line: read.line, message: problems.join('; ') });
    else rows.push(read);
  }
  if (errors.length === 0) errors.push(...(await adminCheck(deps, org, rows, existing)));
  return { org, rows, existing, errors };
}

/** Unknown site or team (unless options.createSites), and a joining date after today. */
async function placeProblems(deps: CoreDeps, org: Org, row: RosterRow, options: RosterOptions): Promise<string[]> {
  const problems: string[] = [];
  const orCreate = 'add it first (admin site add / admin team add) or import with --create-sites';
  if (row.site && !options.createSites && !(await deps.store.sites.findByName(org.id, row.site))) {
    const known = (await deps.store.sites.list(org.id)).map((s) => s.name);
    problems.push(`unknown site “${row.site}” (${known.length ? `sites: ${known.join(', ')}` : 'no sites yet'}) — ${orCreate}`);
  }
  if (row.team && !options.createSites && !(await deps.store.teams.findByName(org.id, row.team))) {
    const known = (await deps.store.teams.list(org.id)).map((t) => t.name);
    problems.push(`unknown team “${row.team}” (${known.length ? `teams: ${known.join(', ')}` : 'no teams yet'}) — ${orCreate}`);
  }
  if (row.joinedOn) {
    const today = localDateOf(deps.clock.now(), row.timeZone ?? deps.settings.defaultTimeZone);
    if (row.joinedOn > today) problems.push(`joined_on ${row.joinedOn} is after today (${today}) — add people once they have joined`);
  }
  return problems;
}

/** The organisation must keep (or get) at least one admin. */
async function adminCheck(deps: CoreDeps, org: Org, rows: RosterRow[], existing: Map<string, Person>): Promise<RosterError[]> {
  const admins = new Set((await deps.store.people.list(org.id, { role: 'admin' })).map((p) => p.id));
  let lastDemotion: RosterRow | undefined;
  for (const row of rows) {
    const role = row.role ?? existing.get(row.personId)?.role ?? 'member';
    if (role === 'admin') admins.add(row.personId);
    else if (admins.delete(row.personId)) lastDemotion = row;
  }
  if (admins.size > 0) return [];
  if (lastDemotion) {
    return [{ line: lastDemotion.line, message: 'this would leave the organisation without an admin — keep at least one person with the role admin' }];
  }
  return [{ line: 1, message: 'the organisation has no admin and the file names none — give at least one person the role admin' }];
}

export async function importRoster(deps: CoreDeps, orgId: string, csvText: string, actor: string | null, options: RosterOptions = {}): Promise<RosterResult> {
  const org =
    (await deps.store.orgs.get(orgId)) ??
    (await deps.store.orgs.ensure({ id: orgId, platform: platformOf(orgId), name: orgId === 'local' ? 'Local plant' : orgId }));
  const checked = await check(deps, org, csvText, options);
  if (checked.errors.length) {
    const errors = checked.errors.sort((a, b) => a.line - b.line);
    return { imported: 0, errors, summary: `nothing imported: ${errors.length} bad row(s)` };
  }
  const made = await deps.store.roster.apply(await plan(deps, checked), actor);
  const n = checked.rows.length;
  const updated = n - made.peopleCreated;
  const list = (names: string[]) => (names.length ? names.join(', ') : 'none');
  return {
    imported: n,
    errors: [],
    summary: `${n} ${n === 1 ? 'person' : 'people'} (${made.peopleCreated} new, ${updated} updated); new sites: ${list(made.sitesCreated)}; new teams: ${list(made.teamsCreated)}`,
  };
}

/**
 * Decides everything a fully checked roster writes — sites, then teams, then people and their
 * floor-walk slots — so that the store can apply it in one transaction.
 */
async function plan(deps: CoreDeps, { org, rows, existing }: Checked): Promise<RosterPlan> {
  const { store } = deps;
  const out: RosterPlan = { orgId: org.id, sites: [], teams: [], people: [] };
  const siteZones = new Map<string, string>();
  for (const row of rows) {
    if (!row.site || siteZones.has(row.site.toLowerCase())) continue;
    const site = await store.sites.findByName(org.id, row.site);
    const timeZone = site?.timeZone ?? row.timeZone ?? deps.settings.defaultTimeZone;
    if (!site) out.sites.push({ name: row.site, timeZone });
    siteZones.set(row.site.toLowerCase(), timeZone);
  }
  const teamsSeen = new Set<string>();
  for (const row of rows) {
    if (!row.team || teamsSeen.has(row.team.toLowerCase())) continue;
    teamsSeen.add(row.team.toLowerCase());
    if (!(await store.teams.findByName(org.id, row.team))) out.teams.push({ name: row.team, siteName: row.site ?? null });
  }
  for (const row of rows) {
    const before = existing.get(row.personId);
    const placement = { ...(row.site ? { siteName: row.site } : {}), ...(row.team ? { teamName: row.team } : {}) };
    let role: Role;
    if (before) {
      const patch: Omit<PersonPatch, 'siteId' | 'teamId'> = { displayName: row.name };
      if (row.role) patch.role = row.role;
      if (row.timeZone) patch.timeZone = row.timeZone;
      if (row.joinedOn) patch.joinedOn = row.joinedOn;
      if (row.handle && !before.handle) patch.handle = row.handle;
      role = row.role ?? before.role;
      out.people.push({ ...placement, update: { id: row.personId, patch } });
    } else {
      const zone = row.timeZone ?? (row.site ? siteZones.get(row.site.toLowerCase()) : undefined) ?? deps.settings.defaultTimeZone;
      role = row.role ?? 'member';
      out.people.push({
        ...placement,
        create: {
          id: row.personId,
          displayName: row.name,
          handle: row.handle,
          timeZone: row.timeZone ?? null,
          role,
          joinedOn: row.joinedOn ?? localDateOf(deps.clock.now(), zone),
        },
      });
    }
    const current = await store.schedules.get(org.id, row.personId);
    const slot = row.walkDay !== undefined || row.walkTime !== undefined ? { ...defaultWalkSlot(org), ...slotOf(current), ...definedSlot(row) } : undefined;
    const schedule =
      role === 'leader' ? leaderScheduleChange(org, row.personId, current, slot) : before?.role === 'leader' ? retiredScheduleChange(current) : undefined;
    if (schedule) out.people[out.people.length - 1]!.schedule = schedule;
  }
  return out;
}

function slotOf(s: FloorWalkSchedule | undefined): { weekday?: number; time?: string } {
  return s ? { weekday: s.weekday, time: s.time } : {};
}

function definedSlot(row: RosterRow): { weekday?: number; time?: string } {
  return { ...(row.walkDay !== undefined ? { weekday: row.walkDay } : {}), ...(row.walkTime !== undefined ? { time: row.walkTime } : {}) };
}
