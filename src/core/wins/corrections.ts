// "win edit <id> <new text>" and "win withdraw <id> <reason>": the win keeps every earlier version
// (history win <id>), and its post in the wins channel is updated to say what changed — a withdrawn
// win's post says "Withdrawn by <name>: <reason>"; it is never deleted.
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, note, type Message } from '../model';
import { assertMayCorrect, checkReason, parseRecordId } from '../records/permission';
import { winCelebration } from './messages';
import { WIN_TEXT_MAX } from './post';
import type { Win } from './repo';

const EDIT_USAGE = 'win edit <id> <new text>';
const WITHDRAW_USAGE = 'win withdraw <id> <reason>';

async function correctableWin(deps: CoreDeps, actor: Actor, id: number): Promise<Win> {
  const win = await deps.store.wins.get(actor.org.id, id);
  if (!win) throw new UserError(`I can’t find win #${id}.`);
  assertMayCorrect(actor, [win.postedBy], `win #${id}`);
  if (win.withdrawnAt !== null)
    throw new UserError(`Win #${id} was already withdrawn${win.withdrawnReason ? ` (“${win.withdrawnReason}”)` : ''}. See: history win ${id}`);
  return win;
}

/** The channel post after a withdrawal: what it was, who withdrew it and why. */
export function withdrawnPost(win: Win, byName: string): Message {
  return message(
    `Withdrawn by ${byName}: ${win.withdrawnReason ?? ''}`,
    [
      { type: 'text', text: [{ bold: `Withdrawn by ${byName}:` }, ` ${win.withdrawnReason ?? ''}`] },
      { type: 'context', text: ['This win was withdrawn. It read: ', win.text] },
    ],
    'A team win (withdrawn)',
  );
}

/** Replaces the win's channel post, if it went out (best effort: the record is changed either way). */
async function updatePost(deps: CoreDeps, win: Win, post: Message): Promise<boolean> {
  const delivery = await deps.store.deliveries.getByKey(`win_post:${win.id}`);
  if (!delivery?.messageRef || !deps.platform.updateMessage) return false;
  try {
    await deps.platform.updateMessage(win.orgId, delivery.messageRef, post);
    return true;
  } catch (error) {
    deps.log.warn({ err: error, winId: win.id }, 'could not update the win’s channel post');
    return false;
  }
}

async function editedPost(deps: CoreDeps, win: Win, byName: string): Promise<Message> {
  const team = win.teamId !== null ? await deps.store.teams.get(win.orgId, win.teamId) : undefined;
  const card = winCelebration(win, team, await deps.store.objectives.list(win.orgId));
  return { ...card, blocks: [...card.blocks, { type: 'context', text: [`Edited by ${byName}.`] }] };
}

const edit: CommandSpec = {
  path: ['win', 'edit'],
  usage: EDIT_USAGE,
  summary: 'correct the text of a win (the earlier text stays in its history; the channel post is updated)',
  group: 'Wins',
  access: 'anyone',
  async run({ actor, deps, args }) {
    const id = parseRecordId(args.next(), EDIT_USAGE);
    const text = args.rest().trim();
    if (!text) throw new UserError(`Give the corrected text. Usage: ${EDIT_USAGE}`);
    if (text.length > WIN_TEXT_MAX) throw new UserError(`That win is ${text.length} characters long; please keep it to ${WIN_TEXT_MAX}.`);
    const win = await correctableWin(deps, actor, id);
    if (text === win.text) return { message: note(`Win #${id} already says that; nothing changed.`) };
    const edited = (await deps.store.wins.editText(actor.org.id, id, text, actor.person.id))!;
    const posted = await updatePost(deps, edited, await editedPost(deps, edited, actor.person.displayName));
    return {
      message: note(
        `Win #${id} now reads: `,
        text,
        `. The earlier text stays in its history (history win ${id})`,
        posted ? '; the channel post is updated.' : '.',
      ),
    };
  },
};

const withdraw: CommandSpec = {
  path: ['win', 'withdraw'],
  usage: WITHDRAW_USAGE,
  summary: 'withdraw a win posted by mistake, with a reason (it stops counting; the channel post says so)',
  group: 'Wins',
  access: 'anyone',
  async run({ actor, deps, args }) {
    const id = parseRecordId(args.next(), WITHDRAW_USAGE);
    const reason = checkReason(args.rest(), WITHDRAW_USAGE);
    await correctableWin(deps, actor, id);
    const withdrawn = await deps.store.wins.withdraw(actor.org.id, id, reason, actor.person.id);
    if (!withdrawn) throw new UserError(`Win #${id} was withdrawn a moment ago by someone else. See: history win ${id}`);
    const posted = await updatePost(deps, withdrawn, withdrawnPost(withdrawn, actor.person.displayName));
    return {
      message: note(
        `Win #${id} is withdrawn (“${reason}”): it no longer counts on the scorecard`,
        posted ? ' and its channel post now says it was withdrawn.' : '.',
        ` It stays in the record: history win ${id}.`,
      ),
    };
  },
};

export const winCorrectionCommands: CommandSpec[] = [edit, withdraw];
