// Recording the answer to "did you open <meeting> with a quality update?" — shared by the check's
// buttons, the topic form and the "meeting answer" command.
import type { Actor } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, type Block, type Message, type Span } from '../model';
import { isManager } from '../people/types';
import { answerLabel, formatTimeOfDay, formatWhen, lastStartedOccurrence } from './format';
import type { PromptToClose } from '../floor-walks/repo';
import type { Meeting, MeetingAnswer, MeetingOccurrence } from './repo';

export const CHECK_KIND = 'meeting_check' as const;

export function promptSubject(occurrenceId: number): string {
  return `occurrence:${occurrenceId}`;
}

/** Only the meeting's leader, or a quality manager / admin, may answer for it. */
export async function assertCanAnswer(deps: CoreDeps, actor: Actor, occurrence: Pick<MeetingOccurrence, 'personId'>): Promise<void> {
  if (actor.person.id === occurrence.personId || isManager(actor.person)) return;
  const leader = await deps.store.people.get(actor.org.id, occurrence.personId);
  throw new UserError(`Only ${leader?.displayName ?? 'the meeting’s leader'} (or a quality manager or admin) can answer for this meeting.`);
}

/** The occurrence and its meeting, both in the actor's organisation. */
export async function loadOccurrence(deps: CoreDeps, orgId: string, occurrenceId: number): Promise<{ occurrence: MeetingOccurrence; meeting: Meeting }> {
  const occurrence = Number.isInteger(occurrenceId) ? await deps.store.meetings.getOccurrence(orgId, occurrenceId) : undefined;
  const meeting = occurrence && (await deps.store.meetings.get(orgId, occurrence.meetingId));
  if (!occurrence || !meeting) throw new UserError('I can’t find that meeting any more. Type /clause5 meeting list to see your meetings.');
  return { occurrence, meeting };
}

/**
 * The check prompt an answer closes (response rate and time come from it), if it is still open:
 * the store closes it in the answer's own transaction.
 */
export function checkPromptOf(occurrenceId: number, answer: MeetingAnswer): PromptToClose {
  return { kind: CHECK_KIND, subject: promptSubject(occurrenceId), answer };
}

/** Replaces the check DM sent earlier with what is recorded now (best effort: the answer is stored either way). */
export async function refreshCheckMessage(deps: CoreDeps, meeting: Meeting, occurrence: MeetingOccurrence): Promise<void> {
  const prompt = await deps.store.prompts.find(occurrence.orgId, occurrence.personId, CHECK_KIND, promptSubject(occurrence.id));
  if (!prompt?.messageRef || !deps.platform.updateMessage) return;
  try {
    await deps.platform.updateMessage(occurrence.orgId, prompt.messageRef, recordedMessage(meeting, occurrence));
  } catch (error) {
    deps.log.warn({ err: error, occurrenceId: occurrence.id }, 'could not update the meeting check message');
  }
}

function recordedLine(answer: MeetingAnswer): Span[] {
  if (answer === 'yes') return [{ bold: 'Yes' }, ' — you opened with a quality update. Well done.'];
  if (answer === 'no') return [{ bold: 'No' }, ' — no quality update this time.'];
  return [{ bold: 'Meeting cancelled' }, ' — it won’t count for or against you.'];
}

/** What was recorded for an occurrence, without the answer buttons. */
export function recordedMessage(meeting: Meeting, occurrence: MeetingOccurrence): Message {
  const when = formatWhen(occurrence.startsAt, meeting.timeZone);
  const answer = occurrence.answer ?? 'no';
  const blocks: Block[] = [
    { type: 'text', text: [meeting.title, ` · ${when}`] },
    { type: 'text', text: ['Recorded: ', ...recordedLine(answer)] },
  ];
  if (occurrence.topic) blocks.push({ type: 'text', text: ['Topic: ', occurrence.topic] });
  if (occurrence.tags.length) blocks.push({ type: 'context', text: [`Tags: ${occurrence.tags.join(', ')}`] });
  if (answer === 'yes') {
    const label = occurrence.topic ? 'Change the topic' : 'Add the topic';
    blocks.push({ type: 'buttons', buttons: [{ label, action: 'meeting.topic', value: JSON.stringify({ o: occurrence.id }) }] });
  } else if (answer === 'no') {
    blocks.push({ type: 'context', text: ['Next time, try opening with one quality number or one recent win.'] });
  }
  return message(`Recorded ${answerLabel(answer)} for ${meeting.title} on ${when}`, blocks, `Did you open ${meeting.title} with a quality update?`);
}

/** Told when a check is answered a second time: the first answer stands until corrected on purpose. */
export async function alreadyAnsweredMessage(deps: CoreDeps, actor: Actor, meeting: Meeting, occurrence: MeetingOccurrence): Promise<Message> {
  const at = formatTimeOfDay(occurrence.answeredAt ?? deps.clock.now(), deps.clock.now(), actor.zone);
  const spans: Span[] = ['This check was already recorded as ', { bold: answerLabel(occurrence.answer!) }, ` at ${at}`];
  if (occurrence.answeredBy && occurrence.answeredBy !== actor.person.id) spans.push(' by ', { mention: occurrence.answeredBy });
  const latest = lastStartedOccurrence(meeting, deps.clock.now());
  if (meeting.active && latest?.key === occurrence.occurrenceKey) {
    spans.push('. To change it, type ', { bold: `/clause5 meeting answer ${meeting.id} yes|no|cancelled` }, '.');
  } else {
    spans.push('. I left it as it was.');
  }
  return { summary: `Already answered: ${answerLabel(occurrence.answer!)}`, blocks: [{ type: 'text', text: spans }] };
}
