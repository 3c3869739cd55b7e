// "history <kind> <id>": every version of a win, a floor walk, a meeting answer or a follow-up —
// who recorded or changed it, when, what changed and why — oldest first, read from the audit log
// (the same hash-chained entries `clause5 verify` checks). Nothing shown here can be overwritten.
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, type RichText } from '../model';
import { formatWhen } from '../meetings/format';
import { roleAllows } from '../commands/permission';
import { describeChange, fieldChangesText, valueText } from './changes';
import { parseRecordId } from './permission';

const USAGE = 'history <win|floorwalk|meeting answer|prompt answer|followup> <id>';

interface Kind {
  entity: string;
  label: string;
  /** The people the record is about or by (who may read its history besides managers); undefined when unknown. */
  load(deps: CoreDeps, orgId: string, id: number): Promise<string[] | undefined>;
  /** Fields summarised for the first version. */
  summary: string[];
  /** The record is one person's (the first of `load`): a version someone else recorded says "for" them. */
  forSubject?: boolean;
}

const KINDS: Record<string, Kind> = {
  win: {
    entity: 'win',
    label: 'win',
    load: async (deps, orgId, id) => {
      const w = await deps.store.wins.get(orgId, id);
      return w && [w.postedBy, ...w.people];
    },
    summary: ['text', 'metric'],
  },
  floorwalk: {
    entity: 'floor_walk',
    label: 'floor walk',
    load: async (deps, orgId, id) => {
      const w = await deps.store.walks.get(orgId, id);
      return w && [w.personId];
    },
    summary: ['area', 'walkDate', 'concerns'],
  },
  'meeting answer': {
    entity: 'meeting_occurrence',
    label: 'meeting answer',
    load: async (deps, orgId, id) => {
      const o = await deps.store.meetings.getOccurrence(orgId, id);
      return o && [o.personId];
    },
    summary: ['answer', 'topic'],
  },
  'prompt answer': {
    entity: 'custom_answer',
    label: 'prompt answer',
    load: async (deps, orgId, id) => {
      const a = await deps.store.customPrompts.answerTo(orgId, id);
      return a && [a.personId];
    },
    summary: ['answer', 'note'],
    forSubject: true,
  },
  followup: {
    entity: 'follow_up',
    label: 'follow-up',
    load: async (deps, orgId, id) => {
      const f = await deps.store.followUps.get(orgId, id);
      return f && [f.ownerId, f.raisedBy];
    },
    summary: ['text', 'dueDate'],
  },
};

const ALIASES: Record<string, string> = {
  walk: 'floorwalk',
  'floor-walk': 'floorwalk',
  answer: 'meeting answer',
  meeting: 'meeting answer',
  prompt: 'prompt answer',
  'follow-up': 'followup',
};

function readKind(args: { next(): string | undefined; peek(): { text: string } | undefined }): Kind {
  const word = args.next()?.toLowerCase();
  if ((word === 'meeting' || word === 'prompt') && args.peek()?.text.toLowerCase() === 'answer') args.next();
  const key = word === undefined ? undefined : (ALIASES[word] ?? word);
  const kind = key === undefined ? undefined : KINDS[key];
  if (!kind)
    throw new UserError(
      `${word ? `“${word}” is not a kind of record I keep history for` : 'Which record?'} — use win, floorwalk, meeting answer, prompt answer or followup. Usage: ${USAGE}`,
    );
  return kind;
}

function assertMayRead(actor: Actor, people: string[], label: string, id: number): void {
  if (people.includes(actor.person.id) || roleAllows('manager', actor.person)) return;
  throw new UserError(`The history of ${label} #${id} is for the people it is about, quality managers and admins.`);
}

function firstVersion(kind: Kind, after: unknown): string {
  const values = (after ?? {}) as Record<string, unknown>;
  return kind.summary
    .filter((k) => values[k] !== undefined && values[k] !== null)
    .map((k) => valueText(values[k]))
    .join(' · ');
}

export const historyCommand: CommandSpec = {
  path: ['history'],
  usage: USAGE,
  summary: 'every version of a record: who recorded or changed it, when, what and why (nothing is overwritten)',
  group: 'Records',
  async run({ actor, deps, args }) {
    const kind = readKind(args);
    const id = parseRecordId(args.next(), USAGE);
    args.done(USAGE);
    const people = await kind.load(deps, actor.org.id, id);
    if (!people) throw new UserError(`I can’t find ${kind.label} #${id}.`);
    assertMayRead(actor, people, kind.label, id);
    const entries = await deps.store.audit.history(actor.org.id, kind.entity, String(id));
    const heading = `History of ${kind.label} #${id}`;
    if (entries.length === 0)
      return { message: message(`${heading}: nothing recorded yet`, [{ type: 'text', text: [`${heading}: nothing recorded yet (not answered).`] }], heading) };
    const lines: RichText[] = entries.map((e, i) => {
      const change = describeChange(e.entity, e.action, e.before, e.after);
      const line: RichText = [{ bold: `v${i + 1}` }, ` · ${formatWhen(e.at, actor.zone)} · ${change.what}`];
      line.push(...(e.actorId ? [' by ', { mention: e.actorId }] : [' by Clause5']));
      if (kind.forSubject && e.actorId && e.actorId !== people[0]) line.push(' for ', { mention: people[0]! });
      const detail = e.action === 'create' ? firstVersion(kind, e.after) : fieldChangesText(change.fields);
      if (detail) line.push(' — ', detail);
      if (change.why) line.push(' — why: ', change.why);
      if (i === entries.length - 1) line.push(' ', { italic: '(current)' });
      return line;
    });
    return {
      message: message(
        `${heading}: ${entries.length} version${entries.length === 1 ? '' : 's'}`,
        [
          { type: 'list', items: lines },
          { type: 'context', text: ['Times in your zone. Every version is kept in the tamper-evident record that clause5 verify checks.'] },
        ],
        heading,
      ),
    };
  },
};
