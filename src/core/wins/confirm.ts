// A typo must not post a public win: '/clause5 win remove 7' reads like a command, not a win. Text
// that starts with a command word or an id, or is only a few words, is shown back with
// "Post this as a win? [Post] [Cancel]" first. The pending win rides in the Post button's value
// (the platform caps its length: ChatPlatform.limits); a win too large for that is re-asked in the win form.
import type { Actor, ActionSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, note, text, type Reply, type RichText } from '../model';
import { resolvePerson } from '../people/resolve';
import type { Person, Team } from '../people/types';
import { winFormFor } from './form';
import { postedReply, postWin } from './post';
import { limitsFor } from '../ports';

export const WIN_CONFIRM_ACTION = 'win.confirm';
export const WIN_CANCEL_ACTION = 'win.cancel';
/** A win of fewer words than this is confirmed first. */
export const MIN_WIN_WORDS = 3;
/** Room left in a button's value for what the platform wraps around ours. */
const VALUE_MARGIN = 100;
const COMMAND_WORDS = new Set([
  'add',
  'remove',
  'delete',
  'del',
  'rm',
  'withdraw',
  'edit',
  'undo',
  'cancel',
  'list',
  'show',
  'help',
  'history',
  'update',
  'change',
  'retract',
  'revoke',
  'erase',
  'set',
  'clear',
]);

export interface PendingWin {
  text: string;
  people: string[];
  teamId: number | null;
  tags: string[];
  metric: string | null;
}

/** Why this text should be confirmed before it is posted, or undefined when it reads like a win. */
export function doubtAbout(winText: string): string | undefined {
  const words = winText.split(/\s+/).filter(Boolean);
  const first = (words[0] ?? '').toLowerCase();
  if (COMMAND_WORDS.has(first)) return `it starts with “${words[0]}”, which reads like a command`;
  if (/^#?\d+$/.test(first)) return `it starts with “${words[0]}”, which looks like an id`;
  if (words.length < MIN_WIN_WORDS) return `it is only ${words.length} word${words.length === 1 ? '' : 's'}`;
  return undefined;
}

/** Shows the win back with Post / Cancel (or the prefilled form when it is too large for a button). */
export async function confirmWin(deps: CoreDeps, actor: Actor, pending: PendingWin, why: RichText): Promise<Reply> {
  const value = JSON.stringify(pending);
  if (value.length > limitsFor(deps.platform, actor.org.id).buttonValue - VALUE_MARGIN) {
    const form = await winFormFor(deps, actor, pending.text, undefined, {
      people: pending.people,
      teamId: pending.teamId,
      tags: pending.tags,
      ...(pending.metric ? { metric: pending.metric } : {}),
    });
    return { openForm: { ...form, intro: [...why, ' Check it and post it from here.'] } };
  }
  const quoted: RichText = ['“', pending.text, '”'];
  if (pending.metric) quoted.push(' — metric: ', pending.metric);
  return {
    message: message('Post this as a win?', [
      text(...why),
      text({ bold: 'Post this as a win? ' }, ...quoted),
      {
        type: 'buttons',
        buttons: [
          { label: 'Post', action: WIN_CONFIRM_ACTION, value, style: 'primary' },
          { label: 'Cancel', action: WIN_CANCEL_ACTION, value: 'cancel' },
        ],
      },
    ]),
  };
}

function readPending(value: string): PendingWin {
  try {
    const p = JSON.parse(value) as Partial<PendingWin>;
    if (typeof p.text === 'string' && Array.isArray(p.people) && Array.isArray(p.tags)) {
      return {
        text: p.text,
        people: p.people.filter((x): x is string => typeof x === 'string'),
        teamId: typeof p.teamId === 'number' ? p.teamId : null,
        tags: p.tags.filter((x): x is string => typeof x === 'string'),
        metric: typeof p.metric === 'string' ? p.metric : null,
      };
    }
  } catch {
    // fall through
  }
  throw new UserError('That win could not be read back; please type /clause5 win … again.');
}

export const winConfirmAction: ActionSpec = {
  id: WIN_CONFIRM_ACTION,
  access: 'anyone',
  async run({ actor, deps, value }) {
    const pending = readPending(value);
    const people: Person[] = [];
    for (const id of pending.people) people.push(await resolvePerson(deps, actor.org.id, `@${id}`));
    let team: Team | null = null;
    if (pending.teamId !== null) {
      team = (await deps.store.teams.get(actor.org.id, pending.teamId)) ?? null;
      if (!team) throw new UserError('The team of that win no longer exists; please post it again.');
    }
    const posted = await postWin(deps, actor, { ...pending, people, team });
    const reply = await postedReply(deps, actor, posted);
    return { replaceOriginal: note(`Posted as win #${posted.win.id}: “`, pending.text, '”.'), ...(reply.message ? { message: reply.message } : {}) };
  },
};

export const winCancelAction: ActionSpec = {
  id: WIN_CANCEL_ACTION,
  access: 'anyone',
  async run() {
    return { replaceOriginal: note('Not posted — nothing was saved.') };
  },
};
