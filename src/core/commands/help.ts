// "/clause5 help [topic]": every command the person may use, grouped, with its usage.
import { message, type Block, type Reply } from '../model';
import { commandAllowed } from './permission';
import type { Actor, CommandSpec } from './types';

export function helpReply(commands: readonly CommandSpec[], actor: Actor, topic: string): Reply {
  const wanted = topic.trim().toLowerCase();
  const visible = commands.filter((c) => commandAllowed(c, actor));
  const chosen = wanted
    ? visible.filter((c) => c.path.join(' ').startsWith(wanted) || c.group.toLowerCase() === wanted)
    : visible;
  if (wanted && chosen.length === 0) {
    const topics = [...new Set(visible.map((c) => c.path[0]))].join(', ');
    return { message: message(`No help for “${topic}”`, [{ type: 'text', text: [`I have no command “${topic}”. Topics: ${topics}.`] }]) };
  }
  const groups = new Map<string, CommandSpec[]>();
  for (const c of chosen) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const blocks: Block[] = [];
  for (const [group, specs] of groups) {
    blocks.push({ type: 'text', text: [{ bold: group }] });
    blocks.push({ type: 'list', items: specs.map((s) => [{ bold: `/clause5 ${s.usage}` }, ` — ${s.summary}`]) });
  }
  blocks.push({ type: 'context', text: ['Words in <angle brackets> are yours to fill in; [square brackets] are optional. Dates are YYYY-MM-DD.'] });
  return { message: message('Clause5 commands', blocks, wanted ? `Clause5 help: ${topic}` : 'Clause5 help') };
}
