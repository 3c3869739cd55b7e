// What a follow-up's messages turn into once it is closed or moved: every message about it (the
// "you own a new follow-up" DM and each nudge) is updated, so no copy keeps stale buttons; and the
// person who raised it is told, unless they made the change themselves.
import type { Actor } from '../commands/types';
import type { DeliveryComposer } from '../deliveries';
import type { CoreDeps } from '../deps';
import { updateSentMessages } from '../message-updates';
import { message, note, type Message, type Span } from '../model';
import type { MessageRef } from '../ports';
import { followUpButtons } from './followup-nudges';
import type { FollowUp } from './repo';

export function closedMessage(f: FollowUp): Message {
  return note(`Follow-up #${f.id} — `, f.text, ` — closed on ${f.closedOn}. Thank you!`);
}

/** A moved follow-up stays open: its messages show the new date and keep Done / New due date. */
export function movedMessage(f: FollowUp, was: string): Message {
  return message(`Follow-up #${f.id} is now due on ${f.dueDate}`, [
    { type: 'text', text: [`Follow-up #${f.id} — `, f.text, ` — is now due on ${f.dueDate} (was ${was}).`] },
    followUpButtons(f),
  ]);
}

/** Every message sent about the follow-up: the assignment DM and the nudges. */
async function followUpRefs(deps: CoreDeps, f: FollowUp): Promise<string[]> {
  const assigned = await deps.store.deliveries.getByKey(`followup_assigned:${f.id}`);
  const nudges = await deps.store.deliveries.sentRefs(f.orgId, `followup_nudge:${f.id}:`);
  return [...(assigned?.status === 'sent' && assigned.messageRef ? [assigned.messageRef] : []), ...nudges];
}

/** Updates every message about the follow-up but the pressed one (`replacedByReply`), which the reply replaces. */
export async function updateFollowUpMessages(deps: CoreDeps, f: FollowUp, replacement: Message, replacedByReply?: MessageRef): Promise<void> {
  await updateSentMessages(deps, f.orgId, await followUpRefs(deps, f), replacement, { followUpId: f.id }, replacedByReply);
}

export type FollowUpChange = { change: 'closed' } | { change: 'due'; was: string; reason?: string };

/** Queues a DM to the raiser about a change someone else made. A queue failure is logged: the record is safe. */
export async function tellRaiser(deps: CoreDeps, actor: Actor, f: FollowUp, change: FollowUpChange): Promise<void> {
  if (f.raisedBy === actor.person.id) return;
  const now = deps.clock.now();
  try {
    await deps.outbox.enqueue({
      orgId: f.orgId,
      key: `followup_changed:${f.id}:${change.change}:${now}`,
      kind: 'followup_changed',
      personId: f.raisedBy,
      subject: { followUpId: f.id, by: actor.person.id, ...change },
      dueAt: now,
    });
  } catch (err) {
    deps.log.error({ err, followUpId: f.id }, 'could not queue the message to the raiser');
  }
}

export function followUpChangedComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'followup_changed',
    async compose(delivery) {
      const f = await deps.store.followUps.get(delivery.orgId, Number(delivery.subject.followUpId));
      if (!f || !delivery.personId) return { skip: 'follow-up not found' };
      const by = String(delivery.subject.by);
      const what: Span[] =
        delivery.subject.change === 'closed'
          ? [` closed follow-up #${f.id} you raised — `, f.text, ` — on ${f.closedOn ?? 'today'}.`]
          : [
              ` moved the due date of follow-up #${f.id} you raised — `,
              f.text,
              ` — from ${delivery.subject.was} to ${f.dueDate}.`,
              ...(delivery.subject.reason ? [` Reason: ${delivery.subject.reason}`] : []),
            ];
      const heading = delivery.subject.change === 'closed' ? `Follow-up #${f.id} closed` : `Follow-up #${f.id} has a new due date`;
      return { to: { personId: delivery.personId }, message: message(heading, [{ type: 'text', text: [{ mention: by }, ...what] }], heading) };
    },
  };
}
