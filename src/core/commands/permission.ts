// Who may use a command, a button or a form. Roles: anyone, quality managers and admins, admins.
// Guests (members of another workspace acting here, e.g. through a Slack Connect channel) may only
// use the commands marked for them — posting a win — and the buttons and forms of what Clause5 sent
// them; never an admin or manager command, never a scorecard.
import { isManager, type Person } from '../people/types';
import type { Access, Actor, CommandSpec } from './types';

export function roleAllows(access: Access | undefined, person: Pick<Person, 'role'>): boolean {
  if (!access || access === 'anyone') return true;
  return access === 'admin' ? person.role === 'admin' : isManager(person);
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
