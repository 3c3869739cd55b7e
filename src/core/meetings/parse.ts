// Reads "meeting add" and the other meeting commands' words. Every mistake gets its own message
// naming the problem and the fix; nothing is stored until the whole command is understood.
import { CronSyntaxError, parseCron } from '../recurrence/cron';
import type { Recurrence } from '../recurrence/occurrences';
import type { Args } from '../commands/args';
import { UserError } from '../errors';
import { normaliseTime, parseTimeZone, parseWeekday, type LocalTime } from '../time';
import { MEETING_ANSWERS, type MeetingAnswer } from './repo';

export const ADD_USAGE =
  'meeting add "<title>" <daily|weekdays|mon,wed,fri|cron "<expr>"> [<HH:MM>] [tz <Zone>] [lead <N>m] [duration <N>m] [#channel] [@leader]';
export const TITLE_MAX = 80;
export const TOPIC_MAX = 150;
export const LEAD_MAX = 240;
export const DURATION_MAX = 480;

const EXAMPLE = 'meeting add "Line 3 daily" weekdays 07:30';
const REPEAT_HELP = 'Use daily, weekdays, days such as mon,wed,fri or mon-thu, or cron "30 7 * * 1-5".';

export interface AddRequest {
  title: string;
  recurrence: Recurrence;
  time: LocalTime | null;
  /** Canonical IANA zone when given; otherwise the leader's zone applies. */
  timeZone: string | undefined;
  leadMinutes: number;
  durationMinutes: number;
  channel: string | null;
  /** What followed '@', when registering for someone else. */
  leaderRef: string | undefined;
}

export function parseAdd(args: Args): AddRequest {
  const mentions = args.mentions();
  if (mentions.length > 1) throw new UserError(`A meeting has one leader; you mentioned ${mentions.map((m) => `@${m}`).join(' and ')}.`);
  const channels = args.hashes();
  if (channels.length > 1) throw new UserError(`A meeting has one channel; you gave ${channels.map((c) => `#${c}`).join(' and ')}.`);
  const zoneText = args.option('tz', 'Put a time zone after “tz”, such as tz America/Chicago.');
  const leadText = args.option('lead', 'Put minutes after “lead”, such as lead 10m.');
  const durationText = args.option('duration', 'Put minutes after “duration”, such as duration 30m.');

  const title = parseTitle(args);
  const recurrence = parseRecurrence(args);
  const time = recurrence.kind === 'cron' ? refuseTimeForCron(args) : parseStartTime(args);
  args.done(ADD_USAGE);

  return {
    title,
    recurrence,
    time,
    timeZone: zoneText === undefined ? undefined : parseTimeZone(zoneText),
    leadMinutes: leadText === undefined ? 10 : parseMinutes(leadText, 'lead', 0, LEAD_MAX, 'lead time'),
    durationMinutes: durationText === undefined ? 30 : parseMinutes(durationText, 'duration', 1, DURATION_MAX, 'duration'),
    channel: channels[0] ?? null,
    leaderRef: mentions[0],
  };
}

function looksLikeRecurrence(word: string): boolean {
  const w = word.toLowerCase();
  if (w === 'daily' || w === 'weekdays' || w === 'cron') return true;
  return w.split(',').every((part) => part.split('-').every((d) => /^[a-z]+$/.test(d) && parseWeekday(d) !== undefined));
}

function parseTitle(args: Args): string {
  const first = args.peek();
  if (!first || (!first.quoted && looksLikeRecurrence(first.text)) || (first.quoted && !first.text.trim())) {
    throw new UserError(`The meeting needs a title in quotes first, e.g. ${EXAMPLE}`);
  }
  if (!first.quoted) {
    // A one-word title may go without quotes; longer ones are ambiguous.
    args.next();
    const after = args.peek();
    if (!after || after.quoted || !looksLikeRecurrence(after.text)) {
      throw new UserError(`Put the meeting title in quotes, e.g. ${EXAMPLE}`);
    }
    return checkTitle(first.text);
  }
  args.next();
  return checkTitle(first.text);
}

function checkTitle(raw: string): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (title.length > TITLE_MAX) {
    throw new UserError(`The title is ${title.length} characters long; keep it to ${TITLE_MAX} or fewer.`);
  }
  return title;
}

function parseRecurrence(args: Args): Recurrence {
  const token = args.peek();
  if (!token || token.quoted || parseClock(token.text) !== undefined || /^\d{1,2}[:.]\d/.test(token.text)) {
    throw new UserError(`How often does it happen? ${REPEAT_HELP}`);
  }
  args.next();
  const word = token.text.toLowerCase();
  if (word === 'daily') return { kind: 'daily' };
  if (word === 'weekdays') return { kind: 'weekdays' };
  if (word === 'cron') return { kind: 'cron', expr: parseCronExpression(args) };
  return { kind: 'days', days: parseDayList(token.text) };
}

function parseCronExpression(args: Args): string {
  const next = args.peek();
  if (!next) throw new UserError('Put the cron rule in quotes after “cron”, e.g. cron "30 7 * * 1-5" (07:30 on weekdays).');
  let expr: string;
  if (next.quoted) {
    expr = args.next()!;
  } else {
    // Tolerate an unquoted rule: take its five fields.
    const fields: string[] = [];
    while (fields.length < 5 && args.peek() && !args.peek()!.quoted) fields.push(args.next()!);
    expr = fields.join(' ');
  }
  expr = expr.trim().replace(/\s+/g, ' ');
  try {
    parseCron(expr);
  } catch (error) {
    if (error instanceof CronSyntaxError) {
      throw new UserError(`The cron rule “${expr}” doesn't work: ${error.message}. Example: cron "30 7 * * 1-5" (07:30 on weekdays).`);
    }
    throw error;
  }
  return expr;
}

function parseDayList(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const ends = part.split('-').map((d) => (d ? parseWeekday(d) : undefined));
    const bad = part.split('-').find((_d, i) => ends[i] === undefined);
    if (!part || bad !== undefined || ends.length > 2) {
      const what = !part ? 'it has an empty day' : bad ? `“${bad}” is not a day of the week` : `“${part}” is not a range of days`;
      throw new UserError(`I don't understand the days “${text}”: ${what}. ${REPEAT_HELP}`);
    }
    const [from, to = from] = ends as [number, number?];
    // A range may wrap over the weekend: fri-mon is Fri, Sat, Sun, Mon.
    for (let d = from, n = 0; n < 7; d = (d % 7) + 1, n++) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function parseStartTime(args: Args): LocalTime {
  const token = args.next();
  if (token === undefined) throw new UserError(`What time does it start? Add it in 24-hour HH:MM, e.g. ${EXAMPLE}`);
  const time = parseClock(token);
  if (!time) throw new UserError(`“${token}” is not a time of day — use 24-hour HH:MM, such as 07:30 or 14:00.`);
  return time;
}

/** '07:30', '7:30', '7:30am', '2pm' → 'HH:MM'. */
export function parseClock(value: string): LocalTime | undefined {
  const plain = normaliseTime(value);
  if (plain) return plain;
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$/i.exec(value.trim());
  if (!m) return undefined;
  const hour12 = Number(m[1]);
  if (hour12 < 1 || hour12 > 12) return undefined;
  const hour = (hour12 % 12) + (m[3]!.toLowerCase() === 'pm' ? 12 : 0);
  return normaliseTime(`${hour}:${m[2] ?? '00'}`);
}

function refuseTimeForCron(args: Args): null {
  const token = args.peek();
  if (token && !token.quoted && parseClock(token.text)) {
    throw new UserError(`A cron rule carries its own time, so leave out “${token.text}” (cron "30 7 * * 1-5" is 07:30 on weekdays).`);
  }
  return null;
}

/** '10m', '10', '10 min', '1h' → minutes within [min, max]. */
export function parseMinutes(value: string, keyword: string, min: number, max: number, what: string): number {
  const m = /^(\d{1,4})\s*(m|min|mins|minutes|h|hr|hour|hours)?$/i.exec(value.trim());
  if (!m) throw new UserError(`“${keyword} ${value}” is not a number of minutes — write it like ${keyword} 10m.`);
  const minutes = Number(m[1]) * (m[2]?.toLowerCase().startsWith('h') ? 60 : 1);
  if (minutes < min || minutes > max) {
    throw new UserError(`The ${what} must be between ${min} and ${max} minutes; “${value}” is ${minutes} minutes.`);
  }
  return minutes;
}

/** A meeting id as typed ('7' or '#7'). */
export function parseMeetingId(token: string | undefined, usage: string): number {
  if (token === undefined || token === '') throw new UserError(`Which meeting? Usage: ${usage} — /clause5 meeting list shows the ids.`);
  const id = /^#?(\d{1,9})$/.exec(token.trim());
  if (!id) throw new UserError(`“${token}” is not a meeting id — ids are numbers; /clause5 meeting list shows them.`);
  return Number(id[1]);
}

export function parseAnswer(token: string | undefined): MeetingAnswer {
  const word = token?.toLowerCase();
  const known: Record<string, MeetingAnswer> = { y: 'yes', yes: 'yes', n: 'no', no: 'no', cancel: 'cancelled', canceled: 'cancelled' };
  const answer = word === undefined ? undefined : (known[word] ?? (MEETING_ANSWERS as string[]).find((a) => a === word));
  if (!answer) {
    const given = token === undefined ? 'Give an answer' : `“${token}” is not an answer`;
    throw new UserError(`${given}: use yes, no or cancelled, e.g. meeting answer 3 yes "scrap down 12 % on line 3".`);
  }
  return answer as MeetingAnswer;
}

export function checkTopic(raw: string, field?: string): string {
  const topic = raw.replace(/\s+/g, ' ').trim();
  if (topic.length > TOPIC_MAX) {
    throw new UserError(`Keep the topic to one line of ${TOPIC_MAX} characters; this one has ${topic.length}.`, field);
  }
  return topic;
}
