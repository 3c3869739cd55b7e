// Who may use a command, a button or a form. Roles: anyone, everyone but members, quality managers
// and admins, admins.
// Guests (members of another workspace acting here, e.g. through a Slack Connect channel) may only
// use the commands marked for them — posting a win — and the buttons and forms of what Clause5 sent
// them; never an admin or manager command, never a scorecard.
import { isManager, type Person } from '../people/types';
import type { Access, Actor, CommandSpec } from './types';

export function roleAllows(access: Access | undefined, person: Pick<Person, 'role'>): boolean {
  if (!access || access === 'anyone') return true;
  if (access === 'leader') return person.role !== 'member';
  return access === 'admin' ? person.role === 'admin' : isManager(person);
}

/** From the most open to the most closed. */
const ACCESS_ORDER: readonly Access[] = ['anyone', 'leader', 'manager', 'admin'];

/** The most open of several accesses (what the least privileged of them needs). */
export function mostOpen(accesses: Array<Access | undefined>): Access {
  return ACCESS_ORDER.find((a) => accesses.some((x) => (x ?? 'anyone') === a)) ?? 'admin';
}

/** Who holds an access, in words: "a leader, a quality manager or an admin". */
export function whoMay(access: Access | undefined): string {
  if (access === 'admin') return 'an admin';
  if (access === 'manager') return 'a quality manager or an admin';
  if (access === 'leader') return 'a leader, a quality manager or an admin';
  return 'anyone';
}

/** A role in words: 'quality manager'. */
export function roleWords(role: Person['role']): string {
  return role.replace('_', ' ');
}

/** Whether the actor may run the command (what help lists, and what the bot lets through). */
export function commandAllowed(spec: Pick<CommandSpec, 'access' | 'guests'>, actor: Actor): boolean {
  if (actor.person.guest && !spec.guests) return false;
  return roleAllows(spec.access, actor.person);
}

/** Whether the actor may press a button or submit a form with this access. */
export function interactionAllowed(access: Access | undefined, actor: Actor): boolean {
  if (actor.person.guest && access && access !== 'anyone') return false;
  return roleAllows(access, actor.person);
}

/** What a guest is told when they reach for something that is for members only. */
export function guestRefusal(actor: Actor): string {
  return `You’re a guest from another workspace; admin and scorecards are for members of ${actor.org.name}. As a guest you can post a win (win …) and answer what Clause5 sends you.`;
}
