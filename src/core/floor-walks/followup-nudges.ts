// Messages to follow-up owners: "you own a new action" when it is raised, then a nudge at 09:00
// their time on the due date and each later owed day while it is open (at most 10 nudges).
import type { DeliveryComposer, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { message, type Block, type Button } from '../model';
import { loadCalendar } from '../people/calendar';
import { zoneOf } from '../people/zone';
import { addDays, daysBetween, eachDate, localDateOf, zonedInstant, type LocalDate } from '../time';
import { followUpFacts } from './format';
import type { FollowUp } from './repo';
import { MAX_WINDOW_MS } from './walk-prompts';

export const NUDGE_TIME = '09:00';
export const MAX_NUDGES = 10;
/** Nudging stops this many days after the due date even if fewer than 10 owed days passed (long away periods). */
const NUDGE_HORIZON_DAYS = 60;

export const FOLLOWUP_ACTIONS = { done: 'followup.done', reschedule: 'followup.reschedule' } as const;

/** Button payload: the follow-up, and the nudge date when the message was a nudge. */
export interface FollowUpButtonValue {
  f: number;
  d?: LocalDate;
}

export function followUpButtons(f: FollowUp, nudgeDate?: LocalDate): Block {
  const value = JSON.stringify(nudgeDate ? { f: f.id, d: nudgeDate } : { f: f.id });
  const buttons: Button[] = [
    { label: 'Done', action: FOLLOWUP_ACTIONS.done, value, style: 'primary' },
    { label: 'New due date', action: FOLLOWUP_ACTIONS.reschedule, value },
  ];
  return { type: 'buttons', buttons };
}

export function nudgeSubject(followUpId: number, date: LocalDate): string {
  return `${nudgeSubjectPrefix(followUpId)}${date}`;
}

/** What the subjects of every nudge of one follow-up start with. */
export function nudgeSubjectPrefix(followUpId: number): string {
  return `followup:${followUpId}:`;
}

export function followUpAssignedComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'followup_assigned',
    async compose(delivery) {
      const f = await deps.store.followUps.get(delivery.orgId, Number(delivery.subject.followUpId));
      if (f?.status !== 'open') return { skip: 'follow-up closed' };
      const walk = f.walkId !== null ? await deps.store.walks.get(f.orgId, f.walkId) : undefined;
      const intro = walk
        ? [{ mention: f.raisedBy }, ' raised a follow-up action for you on the floor walk of ', walk.area, ` (${walk.walkDate}).`]
        : [{ mention: f.raisedBy }, ' raised a follow-up action for you.'];
      return {
        to: { personId: f.ownerId },
        message: message(
          `New follow-up for you: ${f.text} (due ${f.dueDate})`,
          [{ type: 'text', text: intro }, ...followUpFacts(f), followUpButtons(f)],
          `Follow-up #${f.id}`,
        ),
      };
    },
  };
}

/** The dates (owner-local) on which a follow-up is nudged whose 09:00 falls in (from, to]. */
async function nudgeDatesInWindow(deps: CoreDeps, f: FollowUp, zone: string, from: number, to: number): Promise<LocalDate[]> {
  const first = localDateOf(from, zone) > f.dueDate ? localDateOf(from, zone) : f.dueDate;
  const last = localDateOf(to, zone);
  const hits = eachDate(first, last).filter((d) => {
    const at = zonedInstant(d, NUDGE_TIME, zone);
    return at > from && at <= to && at > f.createdAt && daysBetween(f.dueDate, d) <= NUDGE_HORIZON_DAYS;
  });
  if (hits.length === 0) return [];
  const owner = await deps.store.people.get(f.orgId, f.ownerId);
  if (!owner) return [];
  const calendar = await loadCalendar(deps, owner, f.dueDate, hits[hits.length - 1]!);
  let owedSoFar = 0;
  const out: LocalDate[] = [];
  for (const d of eachDate(f.dueDate, hits[hits.length - 1]!)) {
    if (!calendar.isOwed(d)) continue;
    owedSoFar++;
    if (owedSoFar > MAX_NUDGES) break;
    if (hits.includes(d)) out.push(d);
  }
  return out;
}

export function followUpNudgeSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'followup_nudge',
    suppressible: true,
    async triggers(from, to) {
      from = Math.max(from, to - MAX_WINDOW_MS);
      const latestDate = addDays(localDateOf(to, 'UTC'), 1); // no zone's date is later than this
      const out: Trigger[] = [];
      for (const org of await deps.store.orgs.list()) {
        const zones = new Map<string, string>();
        for (const f of await deps.store.followUps.listOpenDueBy(org.id, latestDate)) {
          let zone = zones.get(f.ownerId);
          if (!zone) {
            const owner = await deps.store.people.get(org.id, f.ownerId);
            zone = owner ? await zoneOf(deps, owner) : deps.settings.defaultTimeZone;
            zones.set(f.ownerId, zone);
          }
          for (const date of await nudgeDatesInWindow(deps, f, zone, from, to)) {
            out.push({
              orgId: org.id,
              key: `followup_nudge:${f.id}:${date}`,
              kind: 'followup_nudge',
              personId: f.ownerId,
              subject: { followUpId: f.id, date },
              dueAt: zonedInstant(date, NUDGE_TIME, zone),
            });
          }
        }
      }
      return out;
    },
  };
}

export function followUpNudgeComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'followup_nudge',
    async compose(delivery) {
      const date = String(delivery.subject.date);
      const f = await deps.store.followUps.get(delivery.orgId, Number(delivery.subject.followUpId));
      if (f?.status !== 'open') return { skip: 'follow-up closed' };
      if (f.dueDate > date) return { skip: `rescheduled to ${f.dueDate}` };
      const late = daysBetween(f.dueDate, date);
      const headline = late === 0 ? `Follow-up #${f.id} is due today` : `Follow-up #${f.id} is overdue by ${late} day${late === 1 ? '' : 's'}`;
      return {
        to: { personId: f.ownerId },
        message: message(
          `${headline}: ${f.text}`,
          [
            { type: 'text', text: [{ bold: headline }, '. Done? Tap Done. Need more time? Pick a new due date.'] },
            ...followUpFacts(f),
            followUpButtons(f, date),
          ],
          'Follow-up reminder',
        ),
      };
    },
    async afterSend(delivery, ref, sentAt) {
      if (!delivery.personId) return;
      await deps.store.prompts.open({
        orgId: delivery.orgId,
        personId: delivery.personId,
        kind: 'followup_nudge',
        subject: nudgeSubject(Number(delivery.subject.followUpId), String(delivery.subject.date)),
        sentAt,
        messageRef: ref,
      });
    },
  };
}
