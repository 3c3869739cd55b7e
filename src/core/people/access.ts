// Who a command may be about: everyone may act for themselves; quality managers and admins may
// also act for someone else. Shared by the commands that take an optional @name.
import type { Actor } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { resolvePerson } from './resolve';
import { isManager, type Person } from './types';

/** Fails with `refusal` unless the actor is the person concerned, or a quality manager or admin. */
export function assertSelfOrManager(actor: Actor, personId: string, refusal: string): void {
  if (personId !== actor.person.id && !isManager(actor.person)) throw new UserError(refusal);
}

/** The person a command is about: the actor without an @name; someone else only for managers (else `refusal`). */
export async function selfOrManaged(deps: CoreDeps, actor: Actor, ref: string | undefined, refusal: string): Promise<Person> {
  if (!ref) return actor.person;
  const person = await resolvePerson(deps, actor.org.id, ref);
  assertSelfOrManager(actor, person.id, refusal);
  return person;
}

/** The one @mention a command needs. */
export function oneMention(mentions: string[], usage: string): string {
  if (mentions.length !== 1) throw new UserError(`Mention exactly one person. Usage: ${usage}`);
  return mentions[0]!;
}

/** A record number typed as '12' or '#12'; otherwise says where to find the numbers. */
export function parseRecordNumber(raw: string, what: string, listCommand: string): number {
  const digits = raw.replace(/^#/, '');
  const id = /^\d{1,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isInteger(id) || id <= 0) throw new UserError(`“${raw}” is not ${what} number — see /clause5 ${listCommand}.`);
  return id;
}
