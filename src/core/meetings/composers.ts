// What the scheduler sends for meetings: the reminder before, the check after. Both are composed at
// send time, so a meeting removed meanwhile or an occurrence already answered is skipped.
import type { Composed, Delivery, DeliveryComposer, Recipient } from '../deliveries';
import type { CoreDeps } from '../deps';
import { message, type Block } from '../model';
import type { PromptKindDefinition } from '../prompts/kind';
import { askComposer } from '../prompts/lifecycle-deliveries';
import { recipientOf, recipientReads } from '../people/recipient-reads';
import { zoneOf } from '../people/zone';
import { localDateOf } from '../time';
import { CHECK_KIND, promptSubject } from './answer';
import { formatDay, formatWhen } from './format';
import type { Meeting, MeetingOccurrence } from './repo';
import { talkingPoints } from './talking-points';

export interface MeetingSubject {
  meetingId: number;
  occurrenceKey: string;
  startsAt: number;
}

export function readSubject(delivery: Pick<Delivery, 'subject'>): MeetingSubject {
  return {
    meetingId: Number(delivery.subject.meetingId),
    occurrenceKey: String(delivery.subject.occurrenceKey),
    startsAt: Number(delivery.subject.startsAt),
  };
}

async function activeMeeting(deps: CoreDeps, delivery: Delivery): Promise<Meeting | undefined> {
  const meeting = await deps.store.meetings.get(delivery.orgId, readSubject(delivery).meetingId);
  return meeting?.active ? meeting : undefined;
}

/** The stored occurrence of a delivery, created on first need; `known`: the leader (and site) compose read. */
async function occurrenceOf(deps: CoreDeps, meeting: Meeting, delivery: Delivery, known?: Recipient): Promise<MeetingOccurrence> {
  const subject = readSubject(delivery);
  const reads = recipientReads(deps, known);
  const leader = (await reads.store.people.get(meeting.orgId, meeting.personId))!;
  return deps.store.meetings.ensureOccurrence({
    orgId: meeting.orgId,
    meetingId: meeting.id,
    personId: meeting.personId,
    occurrenceKey: subject.occurrenceKey,
    startsAt: subject.startsAt,
    localDate: localDateOf(subject.startsAt, await zoneOf(reads, leader)),
  });
}

function startsIn(startsAt: number, now: number): string {
  const minutes = Math.round((startsAt - now) / 60_000);
  if (minutes > 1) return `in ${minutes} minutes`;
  if (minutes >= 0) return 'now';
  return 'it has already started';
}

export function reminderComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'meeting_reminder',
    async compose(delivery): Promise<Composed> {
      const meeting = await activeMeeting(deps, delivery);
      if (!meeting) return { skip: 'meeting removed' };
      const { startsAt } = readSubject(delivery);
      const now = deps.clock.now();
      if (now >= startsAt + meeting.durationMinutes * 60_000) return { skip: 'meeting already over' };
      const leader = (await deps.store.people.get(meeting.orgId, meeting.personId))!;
      const zone = await zoneOf(deps, leader);
      const time = formatWhen(startsAt, meeting.timeZone).split(' ').pop();
      const zoneNote = zone === meeting.timeZone ? '' : ` (${meeting.timeZone})`;
      const blocks: Block[] = [
        {
          type: 'text',
          text: [{ bold: meeting.title }, ` starts at ${time}${zoneNote} — ${startsIn(startsAt, now)}. Open it with a two-minute quality update.`],
        },
        ...(await talkingPoints(deps, leader, zone)),
      ];
      if (meeting.channel) blocks.push({ type: 'context', text: ['Meeting channel: ', { channel: meeting.channel }] });
      blocks.push({ type: 'context', text: ['Afterwards I’ll ask whether you opened with a quality update.'] });
      const heading = `Open ${meeting.title} with a quality update`;
      return { to: { personId: meeting.personId }, message: message(heading, blocks, heading), recipient: { person: leader } };
    },
  };
}

/**
 * The after-meeting check as a kind of the prompt lifecycle: asked once per occurrence, answered by
 * its buttons or the "meeting answer" command. Its period is the occurrence: no reminder, and an
 * unanswered check is never marked missed (the scorecard counts it from the occurrence).
 */
export function meetingCheckKind(deps: CoreDeps): PromptKindDefinition {
  return {
    kind: CHECK_KIND,
    ask: {
      deliveryKind: 'meeting_check',
      compose: (delivery) => composeCheck(deps, delivery),
      async subjectOf(delivery, known) {
        const meeting = await deps.store.meetings.get(delivery.orgId, readSubject(delivery).meetingId);
        return meeting && promptSubject((await occurrenceOf(deps, meeting, delivery, known)).id);
      },
    },
  };
}

async function composeCheck(deps: CoreDeps, delivery: Delivery): Promise<Composed> {
  const meeting = await activeMeeting(deps, delivery);
  if (!meeting) return { skip: 'meeting removed' };
  const leader = await deps.store.people.get(meeting.orgId, meeting.personId);
  // Read once here: the occurrence, the prompt's opening after the send and the sender use them.
  const recipient = leader && (await recipientOf(deps, leader));
  const occurrence = await occurrenceOf(deps, meeting, delivery, recipient);
  if (occurrence.answer) return { skip: `already answered: ${occurrence.answer}` };
  const value = (a: string) => JSON.stringify({ o: occurrence.id, a });
  const heading = `Did you open ${meeting.title} with a quality update?`;
  const blocks: Block[] = [
    { type: 'text', text: [meeting.title, ` · ${formatWhen(occurrence.startsAt, meeting.timeZone)}`] },
    {
      type: 'buttons',
      buttons: [
        { label: 'Yes', action: 'meeting.answer', value: value('yes'), style: 'primary' },
        { label: 'No', action: 'meeting.answer', value: value('no') },
        { label: 'Meeting cancelled', action: 'meeting.answer', value: value('cancelled') },
      ],
    },
    {
      type: 'context',
      text: [`Cancelled meetings don’t count against you. Missed the buttons? Type /clause5 meeting answer ${meeting.id} yes.`],
    },
  ];
  return {
    to: { personId: meeting.personId },
    message: message(`${heading} (${formatDay(occurrence.startsAt, meeting.timeZone)})`, blocks, heading),
    ...(recipient ? { recipient } : {}),
  };
}

export function checkComposer(deps: CoreDeps): DeliveryComposer {
  return askComposer(deps, meetingCheckKind(deps));
}
