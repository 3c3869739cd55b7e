// Who may correct or withdraw a record: its author or subject, a quality manager, an admin.
import type { Actor } from '../commands/types';
import { UserError } from '../errors';
import { roleAllows } from '../commands/permission';
import { REASON_MAX } from './types';

export function assertMayCorrect(actor: Actor, ownerIds: readonly string[], what: string): void {
  if (ownerIds.includes(actor.person.id) || roleAllows('manager', actor.person)) return;
  throw new UserError(`Only the person who recorded ${what}, a quality manager or an admin can change it.`);
}

/** A positive whole number typed as a record id, or a clear message with the usage. */
export function parseRecordId(raw: string | undefined, usage: string): number {
  const n = Number((raw ?? '').replace(/^#/, ''));
  if (!raw || !Number.isInteger(n) || n <= 0) throw new UserError(`Give the number of the record, e.g. 7. Usage: ${usage}`);
  return n;
}

/** The reason for a withdrawal: required, and short. */
export function checkReason(reason: string, usage: string): string {
  const text = reason.trim();
  if (!text) throw new UserError(`Say why, so the record shows it. Usage: ${usage}`);
  if (text.length > REASON_MAX) throw new UserError(`Keep the reason under ${REASON_MAX} characters (it has ${text.length}).`);
  return text;
}
