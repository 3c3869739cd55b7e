// Away periods: days a person owes nothing (holiday, travel, sick leave). Prompts are not sent
// and the days drop out of the scorecard's denominators.
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, note, type RichText } from '../model';
import { addDays, daysBetween, localDateOf } from '../time';
import { parseRecordNumber, selfOrManaged } from './access';
import { checkRange, looksLikeDate, parseDate } from './parse';
import { isManager, type Person } from './types';
import { zoneOf } from './zone';

const USAGE = 'away [@person] <from> <to> [reason]';
const REASON_MAX = 200;

function targetOf(deps: CoreDeps, actor: Actor, token: string | undefined, what: string): Promise<Person> {
  return selfOrManaged(deps, actor, token, `Only a quality manager or an admin can ${what} for someone else. For yourself, leave out the @name.`);
}

function nextMention(args: { peek(): { text: string; quoted: boolean } | undefined; next(): string | undefined }): string | undefined {
  const t = args.peek();
  return t && !t.quoted && t.text.startsWith('@') && t.text.length > 1 ? args.next() : undefined;
}

function nameHint(person: Person, actor: Actor): string {
  return person.id === actor.person.id ? '' : `@${person.handle ?? 'name'} `;
}

/** "reason" as a leading word is optional: away @sam 2026-11-23 2026-11-27 reason "sick leave". */
function reasonText(raw: string): string {
  return raw
    .replace(/^reason\s+/i, '')
    .replace(/^"(.*)"$/s, '$1')
    .trim();
}

export const awayAdd: CommandSpec = {
  path: ['away'],
  usage: USAGE,
  summary: 'mark someone away (yourself without @): no prompts, and the days are excused on the scorecard; an absence that has started needs a reason',
  own: { usage: 'away <from> <to> [reason]', summary: 'mark yourself away from tomorrow on: no prompts, and the days are excused on the scorecard' },
  group: 'Away',
  access: 'anyone',
  async run({ actor, deps, args }) {
    const person = await targetOf(deps, actor, nextMention(args), 'add an away period');
    const zone = await zoneOf(deps, person);
    const today = localDateOf(deps.clock.now(), zone);
    const fromWord = args.required(`When are you away? Usage: ${USAGE}, e.g. away 2026-12-21 2026-12-31 holiday`);
    const from = parseDate(fromWord, today, 'start date');
    if (!args.peek()?.quoted && args.peek()?.text.toLowerCase() === 'to') args.next();
    const to = looksLikeDate(args.peek()?.quoted ? undefined : args.peek()?.text) ? parseDate(args.next()!, today, 'end date') : from;
    checkRange(from, to);
    // An away period removes owed meetings and walks from the scorecard. Owed days are whole days, so a
    // leader's own away starts tomorrow at the earliest: starting today would excuse this morning's
    // unanswered checks. Today and earlier days are recorded by a quality manager or admin, with a reason.
    const tomorrow = addDays(today, 1);
    if (from < tomorrow && !isManager(actor.person)) {
      throw new UserError(
        `${from} is ${from < today ? 'in the past' : 'today'} — you can mark yourself away from tomorrow (${tomorrow}) on; ask a quality manager or an admin to record an absence that has already started (they give a reason).`,
      );
    }
    const reason = reasonText(args.rest()) || null;
    if (reason && reason.length > REASON_MAX) throw new UserError(`Keep the reason to ${REASON_MAX} characters (it is ${reason.length}).`);
    if (from < tomorrow && !reason) {
      throw new UserError(`An absence that has already started needs a reason, e.g. away ${nameHint(person, actor)}${from} ${to} reason "sick leave".`);
    }
    const overlapping = await deps.store.away.list(actor.org.id, person.id, from, to);
    const period = await deps.store.away.add(actor.org.id, { personId: person.id, fromDate: from, toDate: to, reason }, actor.person.id);
    const days = daysBetween(from, to) + 1;
    const who: RichText = person.id === actor.person.id ? ['You are'] : [{ mention: person.id }, ' is'];
    const spans: RichText = [
      ...who,
      ` away from ${from} to ${to} (${days} day${days === 1 ? '' : 's'}). No prompts on those days, and they don't count on the scorecard. To undo: `,
      { bold: `/clause5 away cancel ${period.id}` },
      '.',
    ];
    if (overlapping.length) spans.push(` It overlaps away period${overlapping.length === 1 ? '' : 's'} ${overlapping.map((o) => `#${o.id}`).join(', ')}.`);
    return { message: note(...spans) };
  },
};

export const awayList: CommandSpec = {
  path: ['away', 'list'],
  usage: 'away list [@person]',
  summary: 'list current and upcoming away periods',
  own: { usage: 'away list' },
  group: 'Away',
  access: 'anyone',
  async run({ actor, deps, args }) {
    const person = await targetOf(deps, actor, nextMention(args), 'see away periods');
    args.done('away list [@person]');
    const zone = await zoneOf(deps, person);
    const today = localDateOf(deps.clock.now(), zone);
    const periods = await deps.store.away.list(actor.org.id, person.id, today);
    const self = person.id === actor.person.id;
    if (periods.length === 0) {
      return { message: note(...(self ? ['You have'] : [{ mention: person.id }, ' has']), ' no current or upcoming away periods.') };
    }
    const items: RichText[] = periods.map((p) => [
      { bold: `#${p.id}` },
      ` ${p.fromDate} to ${p.toDate}`,
      ...(p.reason ? [` — ${p.reason}`] : []),
      ...(p.fromDate <= today ? [' (now)'] : []),
      ...(p.recordedBy && p.recordedBy !== p.personId ? [' (recorded by ', { mention: p.recordedBy }, ')'] : []),
    ]);
    const intro: RichText = self ? ['Your away periods:'] : ['Away periods of ', { mention: person.id }, ':'];
    return {
      message: message(`${periods.length} away periods`, [
        { type: 'text', text: intro },
        { type: 'list', items },
        { type: 'context', text: ['Cancel one with /clause5 away cancel <id>.'] },
      ]),
    };
  },
};

export const awayCancel: CommandSpec = {
  path: ['away', 'cancel'],
  usage: 'away cancel <id>',
  summary: 'cancel an away period',
  group: 'Away',
  access: 'anyone',
  async run({ actor, deps, args }) {
    const raw = args.required('Which away period? Usage: away cancel <id> (see /clause5 away list)');
    args.done('away cancel <id>');
    const id = parseRecordNumber(raw, 'an away period', 'away list');
    const own = (await deps.store.away.list(actor.org.id, actor.person.id)).find((p) => p.id === id);
    if (!own && !isManager(actor.person)) {
      throw new UserError(`You have no away period #${id}. See yours with /clause5 away list.`);
    }
    const removed = await deps.store.away.remove(actor.org.id, id, actor.person.id);
    if (!removed) throw new UserError(`There is no away period #${id}. See /clause5 away list.`);
    const whose: RichText = removed.personId === actor.person.id ? ['your'] : [{ mention: removed.personId }, '’s'];
    return { message: note('Cancelled ', ...whose, ` away period #${id} (${removed.fromDate} to ${removed.toDate}).`) };
  },
};
