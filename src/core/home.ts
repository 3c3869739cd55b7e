// A person's home page (Slack's App Home tab), spoken to their role: a leader's week at a glance
// (this week's floor walk, streak, upcoming meeting reminders, open follow-ups) and buttons for the
// common actions; quality managers and admins also see the site (or organisation) summary; a member
// sees their follow-ups and what they can do, without a leader's week or a scorecard. Read-only: it uses the
// store and the other areas' functions and writes nothing. Platforms only render the Message.
import type { Actor } from './commands/types';
import type { CoreDeps } from './deps';
import { followUpLine } from './floor-walks/format';
import { formatWhen, nextMeetingOccurrence, reminderLeadText } from './meetings/format';
import type { Block, Message, RichText } from './model';
import { isManager } from './people/types';
import { buildScorecard } from './scorecard/build';
import { indexText, pct } from './scorecard/format';
import { parsePeriod } from './scorecard/period';
import { isoWeekKey, localDateOf, weekdayName } from './time';

const LIST_MAX = 5;

/**
 * The home page of a person as a neutral Message. `commandAction` is the platform's action id
 * for buttons that run a command (the button's value is the command text).
 */
export async function homeMessage(deps: CoreDeps, actor: Actor, commandAction: string): Promise<Message> {
  const { store, clock } = deps;
  const { org, person, zone } = actor;
  const now = clock.now();
  const today = localDateOf(now, zone);
  const week = isoWeekKey(today);
  const blocks: Block[] = [];
  if (person.role === 'member') return memberHome(deps, actor, today, commandAction);

  const walked = await store.walks.hasWalkInWeek(org.id, person.id, week);
  const schedule = await store.schedules.get(org.id, person.id);
  const card = await leaderCard(deps, actor, today);
  const status: RichText = [{ bold: `This week (${week})` }, '\n'];
  status.push(
    walked ? 'Floor walk: logged ✓' : `Floor walk: not logged yet${schedule?.active ? ` — I ask on ${weekdayName(schedule.weekday)} at ${schedule.time}` : ''}`,
  );
  if (card) {
    status.push(`\nFloor-walk streak: ${card.streak} week${card.streak === 1 ? '' : 's'} (best ${card.bestStreak})`);
    status.push(`\nMeetings opened with a quality update: ${pct(card.parts.meetings)}`);
  }
  blocks.push({ type: 'text', text: status });

  const upcoming = (await store.meetings.list(org.id, person.id))
    .map((m) => ({ m, next: nextMeetingOccurrence(m, now) }))
    .filter((x) => x.next)
    .sort((a, b) => a.next!.at - b.next!.at)
    .slice(0, LIST_MAX);
  blocks.push({ type: 'divider' }, { type: 'text', text: [{ bold: 'Upcoming meeting reminders' }] });
  blocks.push(
    upcoming.length
      ? { type: 'list', items: upcoming.map(({ m, next }) => [m.title, ` — ${formatWhen(next!.at, zone)} (reminder ${reminderLeadText(m.leadMinutes)})`]) }
      : { type: 'context', text: ['No meetings yet. Add one with /clause5 meeting add.'] },
  );

  const followUps = await store.followUps.listOpenFor(org.id, person.id, LIST_MAX);
  blocks.push({ type: 'divider' }, { type: 'text', text: [{ bold: 'Open follow-ups' }] });
  blocks.push(followUps.length ? { type: 'list', items: followUps.map((f) => followUpLine(f, today)) } : { type: 'context', text: ['Nothing open. Nice.'] });

  blocks.push(
    { type: 'divider' },
    {
      type: 'buttons',
      buttons: [
        { label: 'Log a floor walk', action: commandAction, value: 'floorwalk', style: 'primary' },
        { label: 'Post a win', action: commandAction, value: 'win' },
        isManager(person)
          ? { label: 'All scorecards', action: commandAction, value: 'scorecard all' }
          : { label: 'My scorecard', action: commandAction, value: 'scorecard' },
        { label: 'Help', action: commandAction, value: 'help' },
      ],
    },
  );

  if (isManager(person)) blocks.push(...(await managerSummary(deps, actor, today, commandAction)));
  return { summary: 'Clause5 home', heading: `Clause5 — ${person.displayName}`, blocks };
}

/** A member's home: their open follow-ups and what a member can do (no leader's week, no scorecard). */
async function memberHome(deps: CoreDeps, actor: Actor, today: string, commandAction: string): Promise<Message> {
  const followUps = await deps.store.followUps.listOpenFor(actor.org.id, actor.person.id, LIST_MAX);
  const blocks: Block[] = [
    { type: 'text', text: [{ bold: 'Open follow-ups' }] },
    followUps.length ? { type: 'list', items: followUps.map((f) => followUpLine(f, today)) } : { type: 'context', text: ['Nothing open. Nice.'] },
    { type: 'divider' },
    {
      type: 'context',
      text: [
        'You can post a win for your team, log a floor walk and close the follow-ups given to you. Meeting reminders, the weekly floor-walk question and scorecards are for leaders: an admin can make you one.',
      ],
    },
    {
      type: 'buttons',
      buttons: [
        { label: 'Post a win', action: commandAction, value: 'win', style: 'primary' },
        { label: 'Log a floor walk', action: commandAction, value: 'floorwalk' },
        { label: 'My follow-ups', action: commandAction, value: 'followups' },
        { label: 'Help', action: commandAction, value: 'help' },
      ],
    },
  ];
  return { summary: 'Clause5 home', heading: `Clause5 — ${actor.person.displayName}`, blocks };
}

async function leaderCard(deps: CoreDeps, actor: Actor, today: string) {
  try {
    const card = await buildScorecard(deps, { orgId: actor.org.id, target: { kind: 'leader', personId: actor.person.id }, period: parsePeriod('', today) });
    return card.leaders.find((l) => l.id === actor.person.id);
  } catch (error) {
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'App Home: no scorecard figures');
    return undefined;
  }
}

async function managerSummary(deps: CoreDeps, actor: Actor, today: string, commandAction: string): Promise<Block[]> {
  const siteId = actor.person.siteId;
  try {
    const card = await buildScorecard(deps, {
      orgId: actor.org.id,
      target: siteId !== null ? { kind: 'site', siteId } : { kind: 'all' },
      period: parsePeriod('', today),
    });
    const group = siteId !== null ? card.sites.find((s) => s.siteId === siteId) : card.org;
    if (!group) return [];
    return [
      { type: 'divider' },
      { type: 'text', text: [{ bold: `${group.level === 'site' ? group.name : 'Organisation'} this week` }, ` (${group.leaderCount} leaders)`] },
      {
        type: 'facts',
        facts: [
          { label: 'Index', value: [indexText(group.index, group.previousIndex, group.trend)] },
          { label: 'Meetings with a quality update', value: [pct(group.parts.meetings)] },
          { label: 'Floor walks', value: [pct(group.parts.walks)] },
          { label: 'Follow-ups on time', value: [pct(group.parts.followUps)] },
        ],
      },
      {
        type: 'buttons',
        buttons: [{ label: 'Full scorecard', action: commandAction, value: group.level === 'site' ? `scorecard site "${group.name}"` : 'scorecard all' }],
      },
    ];
  } catch (error) {
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'App Home: no site summary');
    return [];
  }
}
