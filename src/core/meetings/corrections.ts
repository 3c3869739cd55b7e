// Correcting a meeting answer: `meeting answer <id> yes|no|cancelled [YYYY-MM-DD]` again replaces
// the answer while the meeting is at most CORRECTION_WINDOW_DAYS old; the earlier answer stays in
// the audit log (history meeting answer <n>). `meeting answers <id>` lists the recent answers with
// their numbers and who recorded them.
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, note, type RichText } from '../model';
import { recordedBySpans } from '../people/recorded-by';
import { isManager } from '../people/types';
import { occurrencesBetween, type Occurrence } from '../recurrence/occurrences';
import { isValidDate, normaliseDate, zonedInstant } from '../time';
import type { Args } from '../commands/args';
import { answerLabel, formatWhen, ruleOf } from './format';
import { parseMeetingId } from './parse';
import type { Meeting, MeetingOccurrence } from './repo';

/** How long after a meeting its answer may still be changed (by the leader, a quality manager or an admin). */
export const CORRECTION_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;
const ANSWERS_USAGE = 'meeting answers <id>';
const ANSWERS_SHOWN = 10;

/** Takes an optional 'YYYY-MM-DD' (or US date) right after the answer word. */
export function takeDate(args: Args): string | undefined {
  const next = args.peek();
  if (!next || next.quoted) return undefined;
  const date = normaliseDate(next.text);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isValidDate(date)) return undefined;
  args.next();
  return date;
}

/** The meeting's last occurrence on `date` (its own zone) that has started by `now`. */
export function occurrenceOn(meeting: Meeting, date: string, now: number): Occurrence {
  const start = zonedInstant(date, '00:00', meeting.timeZone) - 1;
  const found = occurrencesBetween(ruleOf(meeting), start, Math.min(now, start + DAY_MS + 1)).filter((o) => o.date === date);
  const last = found[found.length - 1];
  if (!last) throw new UserError(`Meeting ${meeting.id} (“${meeting.title}”) had no occurrence on ${date} that has started yet.`);
  if (last.at + meeting.durationMinutes * 60_000 < meeting.createdAt)
    throw new UserError(`Meeting ${meeting.id} (“${meeting.title}”) was not registered yet on ${date}.`);
  return last;
}

/** Refuses to record over an answer of a meeting more than the window ago. */
export function assertWithinWindow(occurrence: Pick<MeetingOccurrence, 'answer' | 'startsAt'>, meeting: Meeting, now: number, dated: boolean): void {
  if (!dated && occurrence.answer === null) return; // a first answer to the latest meeting, however late
  if (now - occurrence.startsAt <= CORRECTION_WINDOW_DAYS * DAY_MS) return;
  const when = formatWhen(occurrence.startsAt, meeting.timeZone);
  throw new UserError(
    `${meeting.title} on ${when} is more than ${CORRECTION_WINDOW_DAYS} days ago: its answer can no longer be ${occurrence.answer === null ? 'recorded' : 'changed'}. ` +
      'Answers can be recorded or corrected within 7 days of the meeting.',
  );
}

function answerLine(o: MeetingOccurrence, meeting: Meeting): RichText {
  const line: RichText = [{ bold: `#${o.id}` }, ` ${formatWhen(o.startsAt, meeting.timeZone)} · `, o.answer ? { bold: answerLabel(o.answer) } : 'not answered'];
  if (o.topic) line.push(' · ', o.topic);
  line.push(...recordedBySpans(o.answeredBy, o.personId));
  return line;
}

async function visibleMeeting(deps: CoreDeps, actor: Actor, id: number): Promise<Meeting> {
  const meeting = await deps.store.meetings.get(actor.org.id, id);
  if (!meeting) throw new UserError(`I can’t find meeting ${id}. Type /clause5 meeting list to see the ids.`);
  if (meeting.personId !== actor.person.id && !isManager(actor.person)) {
    throw new UserError(`Meeting ${id} is someone else’s; only they or a quality manager or admin can see its answers.`);
  }
  return meeting;
}

export const answersCommand: CommandSpec = {
  path: ['meeting', 'answers'],
  usage: ANSWERS_USAGE,
  summary: `the recent answers of a meeting, with their numbers and who recorded them (correct one within ${CORRECTION_WINDOW_DAYS} days)`,
  group: 'Meetings',
  async run({ actor, deps, args }) {
    const id = parseMeetingId(args.next(), ANSWERS_USAGE);
    args.done(ANSWERS_USAGE);
    const meeting = await visibleMeeting(deps, actor, id);
    const recent = (await deps.store.meetings.recentOccurrences(actor.org.id, meeting.personId, { limit: 200 }))
      .filter((o) => o.meetingId === meeting.id)
      .slice(0, ANSWERS_SHOWN);
    if (recent.length === 0) return { message: note(`${meeting.title}: no checks yet.`) };
    return {
      message: message(`Answers for ${meeting.title}: ${recent.length}`, [
        { type: 'text', text: [{ bold: `${meeting.title} — recent answers` }] },
        { type: 'list', items: recent.map((o) => answerLine(o, meeting)) },
        {
          type: 'context',
          text: [
            `Correct one within ${CORRECTION_WINDOW_DAYS} days: /clause5 meeting answer ${meeting.id} yes|no|cancelled <YYYY-MM-DD>. Earlier versions: /clause5 history meeting answer <#>.`,
          ],
        },
      ]),
    };
  },
};
