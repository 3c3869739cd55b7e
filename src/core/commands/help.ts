// "/clause5 help [topic]": every command the person may use, grouped, with its usage — spoken to
// their role. A new command shows up here by itself: help lists the modules' CommandSpecs.
import { message, type Block, type Reply, type RichText } from '../model';
import { isManager, type Role } from '../people/types';
import { PERIOD_HELP } from '../scorecard/period';
import { commandAllowed, roleWords } from './permission';
import type { Actor, CommandSpec } from './types';

/** One line under the heading: what this role is for in Clause5. */
const ROLE_INTRO: Record<Role, string> = {
  member:
    'As a member you can post wins, log a floor walk, and close or move the follow-ups given to you. Meeting reminders, the weekly floor-walk question and scorecards are for leaders: an admin can make you one.',
  leader: 'As a leader you get meeting reminders and the weekly floor-walk question, and you see your own scorecard.',
  quality_manager: 'As a quality manager you see every scorecard and set up sites, teams, shutdowns and schedules, for yourself and for any leader.',
  admin: 'As an admin you can do everything, including giving people their roles.',
};

/** The usage and summary this actor should read for a command. */
function lineFor(spec: CommandSpec, actor: Actor): RichText {
  const own = isManager(actor.person) ? undefined : spec.own;
  return [{ bold: `/clause5 ${own?.usage ?? spec.usage}` }, ` — ${own?.summary ?? spec.summary}`];
}

export function helpReply(commands: readonly CommandSpec[], actor: Actor, topic: string): Reply {
  const wanted = topic.trim().toLowerCase();
  const visible = commands.filter((c) => commandAllowed(c, actor));
  const chosen = wanted ? visible.filter((c) => c.path.join(' ').startsWith(wanted) || c.group.toLowerCase() === wanted) : visible;
  if (wanted && chosen.length === 0) {
    const topics = [...new Set(visible.map((c) => c.path[0]))].join(', ');
    const hidden = commands.some((c) => c.path.join(' ').startsWith(wanted) || c.group.toLowerCase() === wanted);
    const why = hidden ? `“${topic}” is not for your role (${roleWords(actor.person.role)}).` : `I have no command “${topic}”.`;
    return { message: message(`No help for “${topic}”`, [{ type: 'text', text: [`${why} Topics: ${topics}.`] }]) };
  }
  const groups = new Map<string, CommandSpec[]>();
  for (const c of chosen) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const blocks: Block[] = [];
  if (!wanted && !actor.person.guest) blocks.push({ type: 'context', text: [ROLE_INTRO[actor.person.role]] });
  for (const [group, specs] of groups) {
    blocks.push({ type: 'text', text: [{ bold: group }] });
    blocks.push({ type: 'list', items: specs.map((s) => lineFor(s, actor)) });
  }
  const periods = chosen.some((c) => c.usage.includes('[period]') || c.path[0] === 'scorecard') ? ` Periods: ${PERIOD_HELP}.` : '';
  blocks.push({
    type: 'context',
    text: [`Words in <angle brackets> are yours to fill in; [square brackets] are optional. Dates are YYYY-MM-DD (or MM/DD/YYYY).${periods}`],
  });
  return { message: message('Clause5 commands', blocks, wanted ? `Clause5 help: ${topic}` : 'Clause5 help') };
}
