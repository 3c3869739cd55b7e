// "/clause5 meeting add | list | remove | answer".
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { checkMeetingCount, checkWeeklyOccurrences } from '../limits';
import { message, note, type Block, type RichText } from '../model';
import { selfOrManaged } from '../people/access';
import { isManager, type Person } from '../people/types';
import { zoneOf } from '../people/zone';
import { assertCanAnswer, checkPromptOf, refreshCheckMessage } from './answer';
import {
  answerLabel,
  describeMeetingRule,
  formatDay,
  formatWhen,
  lastStartedOccurrence,
  nextMeetingOccurrence,
  occurrencesInWeek,
  reminderLeadText,
} from './format';
import { ADD_USAGE, checkTopic, parseAdd, parseAnswer, parseMeetingId } from './parse';
import type { Meeting } from './repo';
import { PROMPT_BUDGET, refuseDuplicate, weeklyPrompts } from './budget';
import { localDateOf } from '../time';
import { answersCommand, assertWithinWindow, CORRECTION_WINDOW_DAYS, occurrenceOn, takeDate } from './corrections';

const GROUP = 'Meetings';
const LIST_USAGE = 'meeting list [@leader|all]';
const REMOVE_USAGE = 'meeting remove <id>';
const ANSWER_USAGE = 'meeting answer <id> <yes|no|cancelled> [YYYY-MM-DD] ["topic"]';
const LIST_LIMIT = 40;

function canLead(person: Person): boolean {
  return person.role !== 'member';
}

const add: CommandSpec = {
  path: ['meeting', 'add'],
  usage: ADD_USAGE,
  summary: 'register a recurring meeting: a reminder with talking points before it, a check after it',
  own: { usage: ADD_USAGE.replace(' [@leader]', '') },
  group: GROUP,
  access: 'leader',
  async run({ actor, deps, args }) {
    const request = parseAdd(args);
    const leader = await selfOrManaged(
      deps,
      actor,
      request.leaderRef,
      'Only a quality manager or an admin can register a meeting for someone else. Leave out the @name to register your own.',
    );
    const forSomeoneElse = leader.id !== actor.person.id;
    if (!canLead(leader)) {
      throw new UserError(
        forSomeoneElse
          ? `${leader.displayName} is not a leader (role: member). Make them a leader first, then add the meeting.`
          : 'Meeting reminders are for leaders, and your role is member. Ask an admin to make you a leader.',
      );
    }
    const timeZone = request.timeZone ?? (await zoneOf(deps, leader));
    const draft = { recurrence: request.recurrence, time: request.time, timeZone };
    const now = deps.clock.now();
    const existing = await deps.store.meetings.list(actor.org.id, leader.id);
    refuseDuplicate(existing, { title: request.title, ...draft });
    const next = nextMeetingOccurrence(draft, now);
    if (!next)
      throw new UserError(`That rule — ${describeMeetingRule(draft)} — never happens in the coming year, so I would never remind you. Check the rule.`);
    const whose = forSomeoneElse ? leader.displayName : 'you';
    checkMeetingCount(existing.length, whose);
    checkWeeklyOccurrences(occurrencesInWeek([...existing, draft], now), whose);
    const meeting = await deps.store.meetings.create(
      {
        orgId: actor.org.id,
        personId: leader.id,
        title: request.title,
        ...draft,
        leadMinutes: request.leadMinutes,
        durationMinutes: request.durationMinutes,
        channel: request.channel,
      },
      actor.person.id,
    );
    const blocks: Block[] = [
      {
        type: 'text',
        text: ['Added ', { bold: meeting.title }, ` (meeting ${meeting.id})`, ...(forSomeoneElse ? [' for ', { mention: leader.id }] : []), '.'],
      },
      {
        type: 'facts',
        facts: [
          { label: 'Repeats', value: [describeMeetingRule(meeting)] },
          { label: 'Next', value: [formatWhen(next.at, meeting.timeZone)] },
          { label: 'Reminder', value: [`${reminderLeadText(meeting.leadMinutes)}, with talking points`] },
          { label: 'Check', value: [`${meeting.durationMinutes} min after it starts: did you open with a quality update?`] },
          ...(meeting.channel ? [{ label: 'Channel', value: [{ channel: meeting.channel }] as RichText }] : []),
        ],
      },
      { type: 'context', text: [`Remove it with /clause5 meeting remove ${meeting.id}.`] },
    ];
    const prompts = weeklyPrompts([...existing, meeting], now);
    if (prompts > PROMPT_BUDGET) {
      blocks.push({
        type: 'text',
        text: [
          `⚠️ ${forSomeoneElse ? 'This leader' : 'You'} will now get about ${prompts} prompts a week (a reminder and a check per meeting, plus the floor walk) — above the ${PROMPT_BUDGET} we suggest. Consider removing a meeting with /clause5 meeting remove <id>.`,
        ],
      });
    }
    return { message: message(`Added meeting ${meeting.id}: ${meeting.title}`, blocks, 'Meeting added') };
  },
};

function meetingLine(meeting: Meeting, now: number, showLeader: boolean): RichText {
  const next = nextMeetingOccurrence(meeting, now);
  const line: RichText = [
    { bold: `${meeting.id}` },
    ' ',
    meeting.title,
    ` — ${describeMeetingRule(meeting)}`,
    ` · next ${next ? formatWhen(next.at, meeting.timeZone) : 'none in the coming year'}`,
    ` · reminder ${reminderLeadText(meeting.leadMinutes)}`,
  ];
  if (meeting.channel) line.push(' · ', { channel: meeting.channel });
  if (showLeader) line.push(' · ', { mention: meeting.personId });
  return line;
}

const list: CommandSpec = {
  path: ['meeting', 'list'],
  usage: LIST_USAGE,
  summary: 'a leader’s recurring meetings (yours without @), or all',
  own: { usage: 'meeting list', summary: 'your recurring meetings' },
  group: GROUP,
  access: 'leader',
  async run({ actor, deps, args }) {
    const mentions = args.mentions();
    const all = args.flag('all');
    args.done(LIST_USAGE);
    if (mentions.length > 1 || (all && mentions.length)) throw new UserError(`List one person's meetings or all of them. Usage: ${LIST_USAGE}`);
    const refusal = 'Only a quality manager or an admin can list other people’s meetings. Type /clause5 meeting list for your own.';
    if (all && !isManager(actor.person)) throw new UserError(refusal);
    const whose = all ? undefined : await selfOrManaged(deps, actor, mentions[0], refusal);
    const meetings = await deps.store.meetings.list(actor.org.id, whose?.id);
    const own = whose?.id === actor.person.id;
    const heading = own ? 'Your meetings' : whose ? `Meetings of ${whose.displayName}` : 'All meetings';
    if (meetings.length === 0) {
      const hint = own ? ' Add one: /clause5 meeting add "Line 3 daily" weekdays 07:30' : '';
      return { message: note(own ? 'You have no meetings yet.' : `${heading}: none.`, hint) };
    }
    const now = deps.clock.now();
    const blocks: Block[] = [{ type: 'list', items: meetings.slice(0, LIST_LIMIT).map((m) => meetingLine(m, now, !own)) }];
    if (meetings.length > LIST_LIMIT) blocks.push({ type: 'context', text: [`…and ${meetings.length - LIST_LIMIT} more. List one leader with @name.`] });
    blocks.push({ type: 'context', text: ['Remove one with /clause5 meeting remove <id>.'] });
    return { message: message(`${heading}: ${meetings.length}`, blocks, heading) };
  },
};

/** A meeting of the actor's organisation that the actor may change (its leader, or a manager). */
async function ownedMeeting(deps: CoreDeps, actor: Actor, id: number, verb: string): Promise<Meeting> {
  const meeting = await deps.store.meetings.get(actor.org.id, id);
  if (!meeting) throw new UserError(`I can’t find meeting ${id}. Type /clause5 meeting list to see the ids.`);
  if (meeting.personId !== actor.person.id && !isManager(actor.person)) {
    const leader = await deps.store.people.get(actor.org.id, meeting.personId);
    throw new UserError(
      `Meeting ${id} (“${meeting.title}”) belongs to ${leader?.displayName ?? 'someone else'}; only they or a quality manager or admin can ${verb} it.`,
    );
  }
  if (!meeting.active) {
    const when = meeting.removedAt ? ` on ${formatDay(meeting.removedAt, actor.zone)}` : '';
    throw new UserError(`Meeting ${id} (“${meeting.title}”) was removed${when}.`);
  }
  return meeting;
}

const remove: CommandSpec = {
  path: ['meeting', 'remove'],
  usage: REMOVE_USAGE,
  summary: 'stop the reminders and checks of a meeting (its past answers stay)',
  group: GROUP,
  access: 'leader',
  async run({ actor, deps, args }) {
    const id = parseMeetingId(args.next(), REMOVE_USAGE);
    args.done(REMOVE_USAGE);
    const meeting = await ownedMeeting(deps, actor, id, 'remove');
    await deps.store.meetings.remove(actor.org.id, meeting.id, actor.person.id);
    return {
      message: note(
        'Removed ',
        { bold: meeting.title },
        ` (meeting ${meeting.id}). No more reminders or checks for it; its past answers stay on the scorecard.`,
      ),
    };
  },
};

const answer: CommandSpec = {
  path: ['meeting', 'answer'],
  usage: ANSWER_USAGE,
  summary: `answer (or correct, within ${CORRECTION_WINDOW_DAYS} days) the check for the latest occurrence of a meeting, or the one on a date`,
  group: GROUP,
  access: 'leader',
  async run({ actor, deps, args }) {
    const id = parseMeetingId(args.next(), ANSWER_USAGE);
    const value = parseAnswer(args.next());
    const date = takeDate(args);
    const rawTopic = args.rest();
    const topic = rawTopic ? checkTopic(rawTopic) : undefined;
    const meeting = await ownedMeeting(deps, actor, id, 'answer for');
    const now = deps.clock.now();
    const latest = date !== undefined ? occurrenceOn(meeting, date, now) : lastStartedOccurrence(meeting, now);
    if (!latest) {
      const next = nextMeetingOccurrence(meeting, now);
      throw new UserError(
        `Meeting ${id} (“${meeting.title}”) hasn’t happened yet${next ? `; the first one is ${formatWhen(next.at, meeting.timeZone)}` : ''}.`,
      );
    }
    const leader = (await deps.store.people.get(actor.org.id, meeting.personId))!;
    const occurrence = await deps.store.meetings.ensureOccurrence({
      orgId: meeting.orgId,
      meetingId: meeting.id,
      personId: meeting.personId,
      occurrenceKey: latest.key,
      startsAt: latest.at,
      localDate: localDateOf(latest.at, await zoneOf(deps, leader)),
    });
    await assertCanAnswer(deps, actor, occurrence);
    assertWithinWindow(occurrence, meeting, now, date !== undefined);
    const recorded = (await deps.store.meetings.answerOccurrence(
      actor.org.id,
      occurrence.id,
      { answer: value, by: actor.person.id, at: now, ...(topic !== undefined ? { topic } : {}) },
      actor.person.id,
      { closes: checkPromptOf(occurrence.id, value) },
    ))!;
    await refreshCheckMessage(deps, meeting, recorded);
    const when = formatWhen(recorded.startsAt, meeting.timeZone);
    const changed =
      occurrence.answer && occurrence.answer !== value
        ? ` (was ${answerLabel(occurrence.answer)}; the earlier answer stays in history meeting answer ${occurrence.id})`
        : '';
    return {
      message: note(
        'Recorded ',
        { bold: answerLabel(value) },
        `${changed} for `,
        { bold: meeting.title },
        ` on ${when}`,
        ...(recorded.topic ? [' — topic: ', recorded.topic] : []),
        '.',
      ),
    };
  },
};

export const meetingCommands: CommandSpec[] = [add, list, remove, answer, answersCommand];
