// Follow-up use cases shared by commands, buttons and forms: who may change one, closing it,
// moving its due date, and telling a new owner about it.
import type { Actor } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { isManager } from '../people/types';
import { zoneOf } from '../people/zone';
import { isValidDate, localDateOf, type LocalDate } from '../time';
import type { FollowUp } from './repo';

/** '12' or '#12' → 12. */
export function parseFollowUpId(raw: string | undefined, usage: string): number {
  const m = /^#?(\d{1,9})$/.exec(raw?.trim() ?? '');
  if (!m) throw new UserError(raw ? `“${raw}” is not a follow-up number. Usage: ${usage}` : `Which follow-up? Usage: ${usage}`);
  return Number(m[1]);
}

export async function loadFollowUp(deps: CoreDeps, actor: Actor, id: number): Promise<FollowUp> {
  const followUp = await deps.store.followUps.get(actor.org.id, id);
  if (!followUp) throw new UserError(`There is no follow-up #${id}. Type /clause5 followups to see the open ones.`);
  return followUp;
}

export function canChange(actor: Actor, followUp: FollowUp): boolean {
  return followUp.ownerId === actor.person.id || followUp.raisedBy === actor.person.id || isManager(actor.person);
}

function requireChange(actor: Actor, followUp: FollowUp, what: string): void {
  if (!canChange(actor, followUp)) {
    throw new UserError(`Only the owner, the person who raised it, or a quality manager can ${what} follow-up #${followUp.id}.`);
  }
}

export type ChangeResult = { followUp: FollowUp; changed: true } | { followUp: FollowUp; changed: false; why: string };

/** Closes a follow-up; closedOn is the owner's local date. A second close changes nothing. */
export async function closeFollowUp(deps: CoreDeps, actor: Actor, id: number): Promise<ChangeResult> {
  const followUp = await loadFollowUp(deps, actor, id);
  requireChange(actor, followUp, 'close');
  if (followUp.status === 'done') {
    return { followUp, changed: false, why: `Follow-up #${id} was already closed on ${followUp.closedOn} — nothing changed.` };
  }
  const owner = await deps.store.people.get(actor.org.id, followUp.ownerId);
  const zone = owner ? await zoneOf(deps, owner) : actor.zone;
  const closed = await deps.store.followUps.close(actor.org.id, id, localDateOf(deps.clock.now(), zone), actor.person.id);
  if (!closed) {
    const now = (await deps.store.followUps.get(actor.org.id, id)) ?? followUp;
    return { followUp: now, changed: false, why: `Follow-up #${id} was already closed — nothing changed.` };
  }
  return { followUp: closed, changed: true };
}

/** Checks a new due date typed by `actor`: a real date, today or later in their zone. */
export function checkDueDate(deps: CoreDeps, actor: Actor, raw: string | undefined, field?: string): LocalDate {
  const value = raw?.trim() ?? '';
  const today = localDateOf(deps.clock.now(), actor.zone);
  if (!value) throw new UserError('Give a due date (YYYY-MM-DD).', field);
  if (!isValidDate(value)) throw new UserError(`“${value}” is not a date — use YYYY-MM-DD, e.g. ${today}.`, field);
  if (value < today) throw new UserError(`The due date ${value} is in the past — pick today (${today}) or later.`, field);
  return value;
}

/** Moves the due date; the audit log keeps the earlier one. */
export async function rescheduleFollowUp(deps: CoreDeps, actor: Actor, id: number, dueDate: LocalDate): Promise<ChangeResult> {
  const followUp = await loadFollowUp(deps, actor, id);
  requireChange(actor, followUp, 'reschedule');
  if (followUp.status === 'done') {
    return { followUp, changed: false, why: `Follow-up #${id} was closed on ${followUp.closedOn}; its due date stays ${followUp.dueDate}.` };
  }
  if (followUp.dueDate === dueDate) {
    return { followUp, changed: false, why: `Follow-up #${id} is already due on ${dueDate} — nothing changed.` };
  }
  const moved = await deps.store.followUps.reschedule(actor.org.id, id, dueDate, actor.person.id);
  if (!moved) return { followUp, changed: false, why: `Follow-up #${id} was closed meanwhile — nothing changed.` };
  return { followUp: moved, changed: true };
}

/** Queues the "you own a new follow-up" message for each owner. A queue failure is logged, not thrown: the record is safe. */
export async function notifyOwners(deps: CoreDeps, followUps: FollowUp[]): Promise<void> {
  for (const f of followUps) {
    try {
      await deps.outbox.enqueue({
        orgId: f.orgId,
        key: `followup_assigned:${f.id}`,
        kind: 'followup_assigned',
        personId: f.ownerId,
        subject: { followUpId: f.id },
        dueAt: deps.clock.now(),
      });
    } catch (err) {
      deps.log.error({ err, followUpId: f.id }, 'could not queue the follow-up assignment message');
    }
  }
}
