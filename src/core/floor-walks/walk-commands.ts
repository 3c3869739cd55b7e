// "/clause5 floorwalk …": log a walk now, set the weekly prompt slot, list recent walks.
import type { Actor, CommandContext, CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { message, note, type Block, type Reply } from '../model';
import { selfOrManaged } from '../people/access';
import { defaultWalkSlot } from '../people/leader';
import type { Person } from '../people/types';
import { zoneOf } from '../people/zone';
import { addDays, isoWeekKey, localDateOf, normaliseTime, parseWeekday, weekdayName } from '../time';
import { walkLine } from './format';
import { walkForm } from './walk-form';

const GROUP = 'Floor walks';
const SCHEDULE_USAGE = 'floorwalk schedule <day> <HH:MM> [@leader]';
const LIST_USAGE = 'floorwalk list [week|month|quarter] [@leader]';

/** The person a command is about: the actor, or (for managers) the one @mentioned. */
async function subjectPerson(ctx: CommandContext, what: string): Promise<{ person: Person; zone: string; self: boolean }> {
  const mentions = ctx.args.mentions();
  if (mentions.length > 1) throw new UserError(`Mention one leader at a time.`);
  const person = await selfOrManaged(ctx.deps, ctx.actor, mentions[0], `Only a quality manager or an admin can ${what} for someone else.`);
  if (person.id === ctx.actor.person.id) return { person, zone: ctx.actor.zone, self: true };
  return { person, zone: await zoneOf(ctx.deps, person), self: false };
}

function whose(actor: Actor, person: Person, self: boolean): string {
  return self || person.id === actor.person.id ? 'Your' : `${person.displayName}’s`;
}

const logNow: CommandSpec = {
  path: ['floorwalk'],
  usage: 'floorwalk',
  summary: 'Log a floor walk now (opens a form)',
  group: GROUP,
  async run({ deps, actor, args }) {
    args.done('floorwalk');
    return { openForm: await walkForm(deps, actor) };
  },
};

const schedule: CommandSpec = {
  path: ['floorwalk', 'schedule'],
  usage: SCHEDULE_USAGE,
  summary: 'Set the day and time of a leader’s weekly floor-walk question (yours without @; default Friday 14:00)',
  own: { usage: SCHEDULE_USAGE.replace(' [@leader]', ''), summary: 'Set the day and time of your weekly floor-walk question (default Friday 14:00)' },
  group: GROUP,
  access: 'leader',
  async run(ctx): Promise<Reply> {
    const { deps, actor, args } = ctx;
    const { person, zone, self } = await subjectPerson(ctx, 'set the floor-walk day');
    if (person.role === 'member') {
      throw new UserError(
        self
          ? 'Only leaders get a weekly floor-walk question, and your role is member. Ask a quality manager or an admin to make you a leader.'
          : `${person.displayName} is a member, not a leader, so gets no floor-walk question. Make them a leader first with /clause5 admin role.`,
      );
    }
    const fallback = defaultWalkSlot(actor.org);
    const dayWord = args.next();
    if (dayWord === undefined) {
      const current = await deps.store.schedules.get(actor.org.id, person.id);
      const slot = current ?? { ...fallback, active: false };
      const state = current?.active ? `${weekdayName(slot.weekday)} ${slot.time} (${zone})` : 'not scheduled';
      return {
        message: note(
          `${whose(actor, person, self)} weekly floor-walk question: ${state}. Change it with /clause5 ${SCHEDULE_USAGE}, e.g. “floorwalk schedule ${weekdayName(fallback.weekday).slice(0, 3).toLowerCase()} ${fallback.time}”.`,
        ),
      };
    }
    const weekday = parseWeekday(dayWord);
    if (weekday === undefined) throw new UserError(`I don't know the day “${dayWord}” — use mon, tue, wed, thu, fri, sat or sun. Usage: ${SCHEDULE_USAGE}`);
    const timeWord = args.next();
    const time = timeWord === undefined ? fallback.time : normaliseTime(timeWord);
    if (time === undefined) throw new UserError(`“${timeWord}” is not a time of day — use HH:MM (24 h), e.g. 14:00.`);
    args.done(SCHEDULE_USAGE);
    await deps.store.schedules.upsert(actor.org.id, { personId: person.id, weekday, time, active: true }, actor.person.id);
    return {
      message: note(
        `${whose(actor, person, self)} floor-walk question is set for ${weekDayWithTime(weekday, time)} (${zone}) every week. `,
        'If that day is a shutdown day, I ask on the next work day of the same week (or the last one before it).',
      ),
    };
  },
};

function weekDayWithTime(weekday: number, time: string): string {
  return `${weekdayName(weekday)} ${time}`;
}

/** A leader's own list is short (at most 13 weeks); beyond this many it says what it left out. */
const OWN_LIST_MAX = 50;

const PERIOD_WEEKS: Record<string, number> = { week: 0, month: 4, quarter: 12 };
const PERIOD_WORDS: Record<string, string> = { week: 'this week', month: 'the last 5 weeks', quarter: 'the last 13 weeks' };

const list: CommandSpec = {
  path: ['floorwalk', 'list'],
  usage: LIST_USAGE,
  summary: 'Recent floor walks of a leader, yours without @, with a preview of the notes (this week, last 5 weeks or last 13 weeks)',
  own: {
    usage: LIST_USAGE.replace(' [@leader]', ''),
    summary: 'Your recent floor walks with a preview of the notes (this week, last 5 weeks or last 13 weeks)',
  },
  group: GROUP,
  async run(ctx): Promise<Reply> {
    const { deps, actor, args } = ctx;
    const { person, zone, self } = await subjectPerson(ctx, 'list floor walks');
    const period = (args.next() ?? 'month').toLowerCase();
    if (!(period in PERIOD_WEEKS)) throw new UserError(`“${period}” is not a period — use week, month or quarter. Usage: ${LIST_USAGE}`);
    args.done(LIST_USAGE);
    const today = localDateOf(deps.clock.now(), zone);
    const fromWeek = isoWeekKey(addDays(today, -7 * PERIOD_WEEKS[period]!));
    const found = await deps.store.walks.list(actor.org.id, person.id, fromWeek, isoWeekKey(today), OWN_LIST_MAX + 1);
    const title = `${whose(actor, person, self)} floor walks, ${PERIOD_WORDS[period]}`;
    if (found.length === 0) {
      return { message: note(`${title}: none logged since ${fromWeek}. Log one with /clause5 floorwalk.`) };
    }
    const walks = found.slice(0, OWN_LIST_MAX);
    const count = found.length > OWN_LIST_MAX ? `more than ${OWN_LIST_MAX}` : String(walks.length);
    const hints: Block[] = [];
    if (found.length > OWN_LIST_MAX)
      hints.push({ type: 'context', text: [`Showing the newest ${OWN_LIST_MAX}; ask for a shorter period (week or month) to see the others.`] });
    hints.push({ type: 'context', text: ['Read one in full with /clause5 floorwalk show <id>.'] });
    return {
      message: message(`${title}: ${count}`, [
        { type: 'text', text: [{ bold: `${title} (${count})` }] },
        { type: 'list', items: walks.map((w) => walkLine(w)) },
        ...hints,
      ]),
    };
  },
};

export const walkCommands: CommandSpec[] = [logNow, schedule, list];
