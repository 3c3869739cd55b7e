// "/clause5 floorwalk show <id>": everything the leader wrote on one floor walk, read back — for
// the leader, and for quality managers and admins (an auditor asks them for it). The record's own
// history (who recorded it, changes since) comes last, in `recordLines`, one context line each.
import type { CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, type Block, type Message, type RichText } from '../model';
import type { AuditEntry } from '../people/repo';
import { isManager } from '../people/types';
import { localParts } from '../time';
import { followUpLine, ownerTodays } from './format';
import type { FloorWalk, WalkSource } from './repo';

const SHOW_USAGE = 'floorwalk show <id>';

const SOURCE_WORDS: Record<WalkSource, string> = {
  prompt: 'answer to the weekly floor-walk question',
  adhoc: 'logged without a prompt',
  import: 'imported',
};

/** '12' or '#12' → 12. */
export function parseWalkId(raw: string | undefined): number {
  const m = /^#?(\d{1,9})$/.exec(raw?.trim() ?? '');
  if (!m)
    throw new UserError(
      raw
        ? `“${raw}” is not a floor-walk number. Usage: ${SHOW_USAGE}`
        : `Which floor walk? Usage: ${SHOW_USAGE} — the numbers are in /clause5 floorwalk list.`,
    );
  return Number(m[1]);
}

export const showWalk: CommandSpec = {
  path: ['floorwalk', 'show'],
  usage: SHOW_USAGE,
  summary: 'Read one floor walk in full: notes, follow-up actions, tags and who recorded it (yours; managers: anyone’s)',
  group: 'Floor walks',
  async run({ deps, actor, args }) {
    const id = parseWalkId(args.next());
    args.done(SHOW_USAGE);
    const walk = await deps.store.walks.get(actor.org.id, id);
    if (!walk) throw new UserError(`There is no floor walk #${id}. Your walks and their numbers: /clause5 floorwalk list.`);
    if (walk.personId !== actor.person.id && !isManager(actor.person)) {
      throw new UserError(`Floor walk #${id} is not yours. You can read your own walks; quality managers and admins can read everyone’s.`);
    }
    return { message: await walkDetail(deps, walk, actor.zone) };
  },
};

/** The whole walk as one message; times are shown in `zone` (the reader's). */
export async function walkDetail(deps: CoreDeps, walk: FloorWalk, zone: string): Promise<Message> {
  const followUps = await deps.store.followUps.listForWalk(walk.orgId, walk.id);
  const todayOf = ownerTodays(deps, walk.orgId);
  const actionLines: RichText[] = [];
  for (const f of followUps) {
    const today = await todayOf(f.ownerId);
    actionLines.push([...followUpLine(f, today), f.status === 'open' && f.dueDate >= today ? ' · open' : '']);
  }
  const blocks: Block[] = [
    {
      type: 'facts',
      facts: [
        { label: 'Leader', value: [{ mention: walk.personId }] },
        { label: 'Date', value: [`${walk.walkDate} (week ${walk.weekKey})`] },
        { label: 'Area', value: [walk.area] },
        { label: 'Tags', value: [walk.tags.length ? walk.tags.map((t) => `#${t}`).join(' ') : 'none'] },
      ],
    },
    { type: 'text', text: [{ bold: 'What went well' }, '\n', walk.wentWell?.trim() || '(nothing written)'] },
    { type: 'text', text: [{ bold: 'Concerns' }, '\n', walk.concerns?.trim() || '(nothing written)'] },
    { type: 'text', text: [{ bold: `Follow-up actions (${followUps.length})` }, ...(followUps.length ? [] : ['\nnone raised on this walk'])] },
  ];
  if (actionLines.length) blocks.push({ type: 'list', items: actionLines });
  const history = await deps.store.audit.history(walk.orgId, 'floor_walk', String(walk.id));
  for (const line of recordLines(walk, history, zone)) blocks.push({ type: 'context', text: line });
  return message(`Floor walk #${walk.id}: ${walk.area}, ${walk.walkDate}`, blocks, `Floor walk #${walk.id} — ${walk.walkDate}`);
}

function when(at: number, zone: string): string {
  const p = localParts(at, zone);
  return `${p.date} ${p.time} (${zone})`;
}

/** Who recorded the walk (and for whom), how, and the changes made to it since. */
export function recordLines(walk: FloorWalk, history: readonly AuditEntry[], zone: string): RichText[] {
  const created = history.find((h) => h.action === 'create');
  const by = created?.actorId ?? null;
  const recorded: RichText = ['Recorded '];
  if (by && by !== walk.personId) recorded.push('by ', { mention: by }, ' for ', { mention: walk.personId });
  else if (by) recorded.push('by ', { mention: by });
  else recorded.push('by Clause5');
  recorded.push(` on ${when(created?.at ?? walk.createdAt, zone)} · ${SOURCE_WORDS[walk.source]}.`);
  const lines: RichText[] = [recorded];
  const edits = history.filter((h) => h.action !== 'create');
  if (edits.length === 0) {
    lines.push(['Not changed since it was recorded.']);
  } else {
    const last = edits[edits.length - 1]!;
    const who: RichText = last.actorId ? [{ mention: last.actorId }] : ['Clause5'];
    lines.push([`Changed ${edits.length} time${edits.length === 1 ? '' : 's'} since; last by `, ...who, ` on ${when(last.at, zone)}.`]);
  }
  return lines;
}
