// '/clause5 admin role …' and '/clause5 admin person …': roles and a person's site, team, zone,
// joining date and name. An organisation is never left without an admin.
import type { CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { note, type RichText } from '../model';
import { oneMention } from './access';
import type { PersonPatch } from './repo';
import { afterRoleChange } from './leader';
import { siteByName, teamByName } from './lookup';
import { parseDate, parseRole, requireZone, roleName } from './parse';
import { resolvePerson } from './resolve';
import type { Person, Role } from './types';
import { localDateOf, weekdayName, zoneAbbreviationNote } from '../time';
import { zoneOf } from './zone';

const NAME_MAX = 80;

/** Fails when taking the admin role away from these people would leave the organisation without one. */
export async function assertAdminRemains(deps: CoreDeps, orgId: string, losingAdmin: readonly string[]): Promise<void> {
  if (losingAdmin.length === 0) return;
  const admins = await deps.store.people.list(orgId, { role: 'admin' });
  if (admins.every((a) => losingAdmin.includes(a.id))) {
    throw new UserError('That would leave the organisation without an admin. Make someone else admin first.');
  }
}

export async function setRole(deps: CoreDeps, orgId: string, person: Person, role: Role, actor: string | null): Promise<Person> {
  if (person.role === role) return person;
  if (person.guest && role !== 'member') {
    throw new UserError(
      `${person.displayName} is a guest from another workspace, so they stay a member: guests can post wins and answer what Clause5 sends them, but cannot lead, manage or administer here.`,
    );
  }
  if (person.role === 'admin') await assertAdminRemains(deps, orgId, [person.id]);
  const updated = await deps.store.people.update(orgId, person.id, { role }, actor);
  const org = (await deps.store.orgs.get(orgId))!;
  await afterRoleChange(deps, org, person.id, role, actor);
  return updated;
}

export const adminRole: CommandSpec = {
  path: ['admin', 'role'],
  usage: 'admin role @person <leader|quality_manager|admin|member>',
  summary: 'set someone’s role (leaders get a weekly floor-walk prompt)',
  group: 'Admin',
  access: 'admin',
  async run({ actor, deps, args }) {
    const usage = 'admin role @person <leader|quality_manager|admin|member>';
    const ref = oneMention(args.mentions(), usage);
    const role = parseRole(args.next());
    args.done(usage);
    const person = await resolvePerson(deps, actor.org.id, ref);
    if (person.role === role) return { message: note({ mention: person.id }, ` is already ${roleName(role)}.`) };
    await setRole(deps, actor.org.id, person, role, actor.person.id);
    const schedule = role === 'leader' ? await deps.store.schedules.get(actor.org.id, person.id) : undefined;
    const extra = schedule ? ` Their floor-walk prompt comes on ${weekdayName(schedule.weekday)}s at ${schedule.time}.` : '';
    return { message: note({ mention: person.id }, ` is now ${roleName(role)} (was ${roleName(person.role)}).${extra}`) };
  },
};

export const adminPerson: CommandSpec = {
  path: ['admin', 'person'],
  usage: 'admin person @person [site "<name>"] [team "<name>"] [tz <Zone>] [joined <date>] [name "<name>"]',
  summary: 'set a person’s site, team, time zone, joining date or display name (“none” clears site, team or tz)',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin person @person [site "<name>"] [team "<name>"] [tz <Zone>] [joined <date>] [name "<name>"]';
    const orgId = actor.org.id;
    const siteName = args.option('site');
    const teamName = args.option('team');
    const tz = args.option('tz');
    const joined = args.option('joined');
    const name = args.option('name');
    const mentions = args.mentions();
    args.done(usage);
    const ref = oneMention(mentions, usage);
    if ([siteName, teamName, tz, joined, name].every((v) => v === undefined)) throw new UserError(`Say what to change. Usage: ${usage}`);
    const person = await resolvePerson(deps, orgId, ref);
    const patch: PersonPatch = {};
    const changes: string[] = [];
    if (siteName !== undefined) {
      if (isNone(siteName)) patch.siteId = null;
      else {
        patch.siteId = (await siteByName(deps, orgId, siteName)).id;
      }
      changes.push(`site ${patch.siteId === null ? 'cleared' : siteName}`);
    }
    if (teamName !== undefined) {
      if (isNone(teamName)) patch.teamId = null;
      else {
        const team = await teamByName(deps, orgId, teamName);
        patch.teamId = team.id;
        if (team.siteId !== null && patch.siteId === undefined && person.siteId === null) patch.siteId = team.siteId;
      }
      changes.push(`team ${patch.teamId === null ? 'cleared' : teamName}`);
    }
    if (tz !== undefined) {
      patch.timeZone = isNone(tz) || tz.toLowerCase() === 'site' ? null : requireZone(tz);
      changes.push(`time zone ${patch.timeZone ?? 'follows the site'}${zoneAbbreviationNote(tz)}`);
    }
    if (joined !== undefined) {
      const today = localDateOf(deps.clock.now(), await zoneOf(deps, person));
      patch.joinedOn = parseDate(joined, today, 'joining date');
      if (patch.joinedOn > today) throw new UserError(`The joining date ${patch.joinedOn} is after today (${today}) — record it once the person has joined.`);
      changes.push(`joined ${patch.joinedOn}`);
    }
    if (name !== undefined) {
      const clean = name.trim();
      if (!clean || clean.length > NAME_MAX) throw new UserError(`A name needs 1 to ${NAME_MAX} characters.`);
      patch.displayName = clean;
      changes.push(`name ${clean}`);
    }
    await deps.store.people.update(orgId, person.id, patch, actor.person.id);
    const spans: RichText = ['Updated ', { mention: person.id }, `: ${changes.join(', ')}.`];
    return { message: note(...spans) };
  },
};

export function isNone(value: string): boolean {
  return ['none', 'clear', '-'].includes(value.trim().toLowerCase());
}
