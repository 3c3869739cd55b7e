// '/clause5 admin shutdown …': plant shutdowns and holidays — whole local days on which nobody at
// the site owes anything (no prompts; excused on the scorecard).
import type { CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { message, note, type RichText } from '../model';
import { daysBetween, localDateOf } from '../time';
import { parseRecordNumber } from './access';
import { siteByName } from './lookup';
import { checkRange, looksLikeDate, parseDate } from './parse';

const REASON_MAX = 120;

export const adminShutdownAdd: CommandSpec = {
  path: ['admin', 'shutdown', 'add'],
  usage: 'admin shutdown add "<site>" <from> [<to>] ["reason"]',
  summary: 'add a plant shutdown or holiday (no prompts, excused on the scorecard)',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin shutdown add "<site>" <from> [<to>] ["reason"]';
    const site = await siteByName(deps, actor.org.id, args.required(`Which site? Usage: ${usage}`));
    const today = localDateOf(deps.clock.now(), site.timeZone);
    const from = parseDate(args.required(`From which date? Usage: ${usage}`), today, 'start date');
    const next = args.peek();
    const to = next && !next.quoted && looksLikeDate(next.text) ? parseDate(args.next()!, today, 'end date') : from;
    checkRange(from, to);
    const reason = args.rest() || null;
    if (reason && reason.length > REASON_MAX) throw new UserError(`Keep the reason to ${REASON_MAX} characters.`);
    const closure = await deps.store.sites.addClosure(actor.org.id, { siteId: site.id, fromDate: from, toDate: to, reason }, actor.person.id);
    const days = daysBetween(from, to) + 1;
    return {
      message: note(
        'Shutdown ',
        { bold: `#${closure.id}` },
        ` at ${site.name}: ${from === to ? from : `${from} to ${to}`} (${days} day${days === 1 ? '' : 's'})${reason ? ` — ${reason}` : ''}. Nobody there is prompted on those days.`,
      ),
    };
  },
};

export const adminShutdownList: CommandSpec = {
  path: ['admin', 'shutdown', 'list'],
  usage: 'admin shutdown list ["<site>"] [all]',
  summary: 'list current and upcoming shutdowns (“all” includes past ones)',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const all = args.flag('all');
    const name = args.next();
    args.done('admin shutdown list ["<site>"] [all]');
    const sites = name !== undefined ? [await siteByName(deps, actor.org.id, name)] : await deps.store.sites.list(actor.org.id);
    const items: RichText[] = [];
    for (const site of sites) {
      const from = all ? undefined : localDateOf(deps.clock.now(), site.timeZone);
      for (const c of await deps.store.sites.closures(actor.org.id, site.id, from)) {
        items.push([
          { bold: `#${c.id}` },
          ` ${site.name}: ${c.fromDate === c.toDate ? c.fromDate : `${c.fromDate} to ${c.toDate}`}`,
          ...(c.reason ? [` — ${c.reason}`] : []),
        ]);
      }
    }
    if (items.length === 0) return { message: note(`No ${all ? '' : 'current or upcoming '}shutdowns${name ? ` at ${sites[0]!.name}` : ''}.`) };
    return {
      message: message(
        `${items.length} shutdowns`,
        [
          { type: 'list', items },
          { type: 'context', text: ['Remove one with /clause5 admin shutdown remove <id>.'] },
        ],
        'Shutdowns and holidays',
      ),
    };
  },
};

export const adminShutdownRemove: CommandSpec = {
  path: ['admin', 'shutdown', 'remove'],
  usage: 'admin shutdown remove <id>',
  summary: 'remove a shutdown',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const raw = args.required('Which shutdown? Usage: admin shutdown remove <id> (see admin shutdown list)');
    args.done('admin shutdown remove <id>');
    const id = parseRecordNumber(raw, 'a shutdown', 'admin shutdown list');
    const removed = await deps.store.sites.removeClosure(actor.org.id, id, actor.person.id);
    if (!removed) throw new UserError(`There is no shutdown #${id}. See /clause5 admin shutdown list all.`);
    return { message: note(`Removed shutdown #${id}.`) };
  },
};
