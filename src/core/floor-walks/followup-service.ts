// Follow-up use cases shared by commands, buttons and forms: who may change one, closing it,
// moving its due date, and telling a new owner about it.
import type { Actor } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { isManager } from '../people/types';
import { zoneOf } from '../people/zone';
import { isValidDate, localDateOf, type LocalDate, normaliseDate } from '../time';
import { closedMessage, movedMessage, tellRaiser, updateFollowUpMessages } from './followup-messages';
import { nudgeSubjectPrefix } from './followup-nudges';
import type { FollowUp, Prompt } from './repo';
import type { MessageRef } from '../ports';

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

export type ChangeResult =
  | { followUp: FollowUp; changed: true /** Its nudges this change answered. */; answeredNudges: Prompt[] }
  | { followUp: FollowUp; changed: false; why: string };

/** The owner's local date: due dates and closing dates are the owner's. */
async function ownerToday(deps: CoreDeps, actor: Actor, followUp: FollowUp): Promise<LocalDate> {
  const owner = await deps.store.people.get(actor.org.id, followUp.ownerId);
  return localDateOf(deps.clock.now(), owner ? await zoneOf(deps, owner) : actor.zone);
}

/** A closed or moved follow-up leaves none of its nudges unanswered (they count in the response rate). */
function answerNudges(deps: CoreDeps, followUp: FollowUp, answer: 'done' | 'rescheduled'): Promise<Prompt[]> {
  return deps.store.prompts.answerAllOpen(followUp.orgId, 'followup_nudge', nudgeSubjectPrefix(followUp.id), answer, deps.clock.now());
}

/**
 * Why `actor` may not move the due date of an open follow-up that is overdue (only a quality
 * manager or an admin may, so an overdue action cannot be made on time again by its owner), or
 * undefined when they may.
 */
export async function overdueMoveRefusal(deps: CoreDeps, actor: Actor, followUp: FollowUp): Promise<string | undefined> {
  if (followUp.status !== 'open' || isManager(actor.person)) return undefined;
  if (followUp.dueDate >= (await ownerToday(deps, actor, followUp))) return undefined;
  return (
    `Follow-up #${followUp.id} is overdue (it was due on ${followUp.dueDate}), so only a quality manager or an admin can move its due date. ` +
    `Close it with /clause5 followup done ${followUp.id} once it is done, or ask a quality manager to reschedule it.`
  );
}

/** Closes a follow-up; closedOn is the owner's local date. A second close changes nothing. */
export async function closeFollowUp(deps: CoreDeps, actor: Actor, id: number, replacedByReply?: MessageRef): Promise<ChangeResult> {
  const followUp = await loadFollowUp(deps, actor, id);
  requireChange(actor, followUp, 'close');
  if (followUp.status === 'done') {
    return { followUp, changed: false, why: `Follow-up #${id} was already closed on ${followUp.closedOn} — nothing changed.` };
  }
  const closed = await deps.store.followUps.close(actor.org.id, id, await ownerToday(deps, actor, followUp), actor.person.id);
  if (!closed) {
    const now = (await deps.store.followUps.get(actor.org.id, id)) ?? followUp;
    return { followUp: now, changed: false, why: `Follow-up #${id} was already closed — nothing changed.` };
  }
  const answeredNudges = await answerNudges(deps, closed, 'done');
  await updateFollowUpMessages(deps, closed, closedMessage(closed), replacedByReply);
  await tellRaiser(deps, actor, closed, { change: 'closed' });
  return { followUp: closed, changed: true, answeredNudges };
}

/** Checks a new due date typed by `actor`: a real date, today or later in their zone. */
export function checkDueDate(deps: CoreDeps, actor: Actor, raw: string | undefined, field?: string): LocalDate {
  const typed = raw?.trim() ?? '';
  const value = normaliseDate(typed);
  const today = localDateOf(deps.clock.now(), actor.zone);
  if (!value) throw new UserError('Give a due date (YYYY-MM-DD).', field);
  if (!isValidDate(value)) throw new UserError(`“${typed}” is not a date — use YYYY-MM-DD (or MM/DD/YYYY), e.g. ${today}.`, field);
  if (value < today) throw new UserError(`The due date ${value} is in the past — pick today (${today}) or later.`, field);
  return value;
}

/** Whether the follow-up is open and its due date has passed (owner's today). */
export async function isOverdue(deps: CoreDeps, actor: Actor, followUp: FollowUp): Promise<boolean> {
  return followUp.status === 'open' && followUp.dueDate < (await ownerToday(deps, actor, followUp));
}

export const LATE_REASON_MAX = 300;

/**
 * Moves the due date; the audit log keeps the earlier one. Once the due date has passed, a move
 * needs a reason, which is stored with the follow-up and kept in its history.
 */
export async function rescheduleFollowUp(deps: CoreDeps, actor: Actor, id: number, dueDate: LocalDate, reason?: string): Promise<ChangeResult> {
  const followUp = await loadFollowUp(deps, actor, id);
  requireChange(actor, followUp, 'reschedule');
  if (followUp.status === 'done') {
    return { followUp, changed: false, why: `Follow-up #${id} was closed on ${followUp.closedOn}; its due date stays ${followUp.dueDate}.` };
  }
  if (followUp.dueDate === dueDate) {
    return { followUp, changed: false, why: `Follow-up #${id} is already due on ${dueDate} — nothing changed.` };
  }
  const refusal = await overdueMoveRefusal(deps, actor, followUp);
  if (refusal) throw new UserError(refusal);
  const late = await isOverdue(deps, actor, followUp);
  const why = reason
    ?.trim()
    .replace(/^"(.*)"$/s, '$1')
    .trim();
  if (late && !why) {
    throw new UserError(
      `Follow-up #${id} was due on ${followUp.dueDate}, which has passed: moving it needs a reason, kept in its history. ` +
        `For example: /clause5 followup due ${id} ${dueDate} "waiting for the spare part"`,
      'reason',
    );
  }
  if (why && why.length > LATE_REASON_MAX) throw new UserError(`Keep the reason under ${LATE_REASON_MAX} characters.`, 'reason');
  const moved = await deps.store.followUps.reschedule(actor.org.id, id, dueDate, actor.person.id, late ? why : undefined);
  if (!moved) return { followUp, changed: false, why: `Follow-up #${id} was closed meanwhile — nothing changed.` };
  const answeredNudges = await answerNudges(deps, moved, 'rescheduled');
  await updateFollowUpMessages(deps, moved, movedMessage(moved, followUp.dueDate));
  await tellRaiser(deps, actor, moved, { change: 'due', was: followUp.dueDate, ...(late && why ? { reason: why } : {}) });
  return { followUp: moved, changed: true, answeredNudges };
}

/** Queues the "you own a new follow-up" message for each owner. A queue failure is logged, not thrown: the record is safe. */
export async function notifyOwners(deps: CoreDeps, followUps: FollowUp[]): Promise<void> {
  // Someone who raised a follow-up for themselves already knows: no DM about themselves.
  for (const f of followUps.filter((x) => x.ownerId !== x.raisedBy)) {
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
