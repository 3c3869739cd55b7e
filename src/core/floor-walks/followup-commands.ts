// "/clause5 followups" and "/clause5 followup add|done|due": follow-up actions from chat.
import type { CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { followUpPairRefusal, memberAssignRefusal } from '../limits';
import { message, note, type Reply } from '../model';
import { resolvePerson } from '../people/resolve';
import { isManager } from '../people/types';
import { addDays, localDateOf } from '../time';
import { followUpLine, ownerTodays } from './format';
import { checkDueDate, closeFollowUp, notifyOwners, parseFollowUpId, rescheduleFollowUp, type ChangeResult } from './followup-service';
import type { FollowUp } from './repo';
import { FOLLOWUP_TEXT_MAX } from './walk-form';

const GROUP = 'Floor walks';
const LIST_USAGE = 'followups [mine|overdue]';
const ADD_USAGE = 'followup add @owner <YYYY-MM-DD> <text>';
const DONE_USAGE = 'followup done <id>';
const DUE_USAGE = 'followup due <id> <YYYY-MM-DD> ["reason"]';
const SHOWN = 50;

const listFollowUps: CommandSpec = {
  path: ['followups'],
  usage: LIST_USAGE,
  summary: 'Your open follow-up actions, or the overdue ones (managers: everyone’s overdue)',
  group: GROUP,
  async run({ deps, actor, args }): Promise<Reply> {
    const view = (args.next() ?? 'mine').toLowerCase();
    args.done(LIST_USAGE);
    const orgId = actor.org.id;
    const manager = isManager(actor.person);
    const todayOf = ownerTodays(deps, orgId);
    let items: FollowUp[];
    let total: number;
    let title: string;
    if (view === 'mine') {
      items = await deps.store.followUps.listOpenFor(orgId, actor.person.id, SHOWN);
      total = await deps.store.followUps.countOpen(orgId, actor.person.id);
      title = 'Your open follow-ups (owned or raised by you)';
    } else if (view === 'overdue') {
      // Overdue is judged in each owner's zone; ask for everything due before the latest "today" on Earth.
      const latest = addDays(localDateOf(deps.clock.now(), 'UTC'), 1);
      const candidates = await deps.store.followUps.listOverdue(orgId, latest, { ...(manager ? {} : { personId: actor.person.id }), limit: 500 });
      const overdue: FollowUp[] = [];
      for (const f of candidates) if (f.dueDate < (await todayOf(f.ownerId))) overdue.push(f);
      total = overdue.length;
      items = overdue.slice(0, SHOWN);
      title = manager ? 'Overdue follow-ups' : 'Your overdue follow-ups';
    } else {
      throw new UserError(`“${view}” is not a list I know — use mine or overdue (managers: followups all). Usage: ${LIST_USAGE}`);
    }
    if (items.length === 0) return { message: note(`${title}: none. `, view === 'overdue' ? 'Everything is on time.' : 'Nothing open.') };
    const lines = [];
    for (const f of items) lines.push(followUpLine(f, await todayOf(f.ownerId)));
    return {
      message: message(`${title}: ${total}`, [
        { type: 'text', text: [{ bold: `${title} (${total})` }] },
        { type: 'list', items: lines },
        ...(total > items.length ? [{ type: 'context' as const, text: [`Showing the ${items.length} due first.`] }] : []),
        { type: 'context', text: ['Close one with /clause5 followup done <id>; move it with /clause5 followup due <id> <YYYY-MM-DD>.'] },
      ]),
    };
  },
};

const add: CommandSpec = {
  path: ['followup', 'add'],
  usage: ADD_USAGE,
  summary: 'Raise a follow-up action with an owner and a due date',
  group: GROUP,
  async run({ deps, actor, args }): Promise<Reply> {
    const ownerWord = args.next();
    if (!ownerWord?.startsWith('@')) throw new UserError(`Start with the owner, e.g. “followup add @maria 2026-12-04 Fix the guard”. Usage: ${ADD_USAGE}`);
    const owner = await resolvePerson(deps, actor.org.id, ownerWord);
    const dueDate = checkDueDate(deps, actor, args.next());
    const text = args.rest();
    if (!text) throw new UserError(`What is the action? Usage: ${ADD_USAGE}`);
    if (text.length > FOLLOWUP_TEXT_MAX) throw new UserError(`Keep the action under ${FOLLOWUP_TEXT_MAX} characters (it has ${text.length}).`);
    const refusal =
      memberAssignRefusal(actor.person.role, owner.role, owner.displayName) ??
      followUpPairRefusal((await deps.store.followUps.countOpenBetween(actor.org.id, actor.person.id, owner.id)) + 1, owner.displayName);
    if (refusal) throw new UserError(refusal);
    const created = await deps.store.followUps.create({ orgId: actor.org.id, raisedBy: actor.person.id, ownerId: owner.id, text, dueDate }, actor.person.id);
    await notifyOwners(deps, [created]);
    return {
      message: note(
        `Follow-up #${created.id} added: `,
        text,
        ' — owner ',
        { mention: owner.id },
        `, due ${dueDate}. `,
        owner.id === actor.person.id ? 'I’ll remind you from the due date.' : 'I’ve let them know.',
      ),
    };
  },
};

/** 'Follow-up #12 — <text> — <what happened>', or why nothing changed. */
function changeReply(id: number, result: ChangeResult, happened: (f: FollowUp) => string): Reply {
  if (!result.changed) return { message: note(result.why) };
  return { message: note(`Follow-up #${id} — `, result.followUp.text, ` — ${happened(result.followUp)}`) };
}

const done: CommandSpec = {
  path: ['followup', 'done'],
  usage: DONE_USAGE,
  summary: 'Close a follow-up action (owner, raiser or manager)',
  group: GROUP,
  guests: true, // a follow-up assigned to a guest is something Clause5 sent them
  async run({ deps, actor, args }): Promise<Reply> {
    const id = parseFollowUpId(args.next(), DONE_USAGE);
    args.done(DONE_USAGE);
    return changeReply(id, await closeFollowUp(deps, actor, id), (f) => `closed on ${f.closedOn}.`);
  },
};

const due: CommandSpec = {
  path: ['followup', 'due'],
  usage: DUE_USAGE,
  summary: 'Move the due date of a follow-up action (once it has passed, give the reason: it is kept)',
  group: GROUP,
  async run({ deps, actor, args }): Promise<Reply> {
    const id = parseFollowUpId(args.next(), DUE_USAGE);
    const dateWord = args.next();
    if (!dateWord) throw new UserError(`Give the new due date. Usage: ${DUE_USAGE}`);
    const dueDate = checkDueDate(deps, actor, dateWord);
    const reason = args.rest();
    const was = (await deps.store.followUps.get(actor.org.id, id))?.dueDate;
    return changeReply(
      id,
      await rescheduleFollowUp(deps, actor, id, dueDate, reason),
      (f) => `is now due on ${dueDate} (was ${was}).${f.lateMoveReason && reason ? ` Reason kept: ${f.lateMoveReason}` : ''}`,
    );
  },
};

export const followUpCommands: CommandSpec[] = [listFollowUps, add, done, due];
