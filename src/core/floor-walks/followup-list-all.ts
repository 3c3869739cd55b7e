// "/clause5 followups all [site "<name>"] [open|overdue|closed] [period]": the whole organisation's
// follow-up actions for quality managers and admins, a page at a time — the "were earlier actions
// followed to closure" question of the management review. A period keeps the actions raised in it.
import { atSite, readListScope } from '../commands/list-scope';
import { pageAction, pagedMessage, pageWindow, readPage, type ListPage } from '../commands/pages';
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { note, type Message, type RichText } from '../model';
import { addDays, instantRange, isValidDate, localDateOf } from '../time';
import { followUpLine, ownerTodays } from './format';
import type { FollowUp, FollowUpQuery } from './repo';

const USAGE = 'followups all [site "<name>"] [open|overdue|closed] [period] [page <n>]';
export const FOLLOWUP_PAGE_ACTION = 'followups.list.page';

type View = 'open' | 'overdue' | 'closed';
const VIEWS: readonly View[] = ['open', 'overdue', 'closed'];

interface FollowUpListQuery {
  site?: number;
  view: View;
  /** The period the actions were raised in (local days of the asker), if one was given. */
  from?: string;
  to?: string;
  label?: string;
  words: string;
}

export const listAllFollowUps: CommandSpec = {
  path: ['followups', 'all'],
  usage: USAGE,
  summary: 'Everyone’s follow-up actions: open (default), overdue or closed, for a site and the period they were raised in',
  group: 'Floor walks',
  access: 'manager',
  async run({ deps, actor, args }) {
    const page = readPage(args, USAGE);
    const chosen = VIEWS.filter((v) => args.flag(v));
    if (chosen.length > 1) throw new UserError(`Pick one of open, overdue or closed. Usage: ${USAGE}`);
    const view = chosen[0] ?? 'open';
    const scope = await readListScope(deps, actor, args, 'followups all site "Plant 1" overdue last-month');
    const period = scope.period;
    const words = [chosen.length ? view : '', scope.words].filter(Boolean).join(' ');
    const query: FollowUpListQuery = {
      ...(scope.site ? { site: scope.site.id } : {}),
      view,
      ...(period ? { from: period.from, to: period.to, label: period.label } : {}),
      words,
    };
    return { message: await followUpPage(deps, actor, query, page, false) };
  },
};

const TITLES: Record<View, string> = { open: 'Open follow-ups', overdue: 'Overdue follow-ups', closed: 'Closed follow-ups' };

async function followUpPage(deps: CoreDeps, actor: Actor, query: FollowUpListQuery, page: number, clamp: boolean): Promise<Message> {
  const site = query.site === undefined ? undefined : await deps.store.sites.get(actor.org.id, query.site);
  const raised = query.from && query.to ? instantRange(query.from, query.to, actor.zone) : undefined;
  const filter: FollowUpQuery = {
    orgId: actor.org.id,
    status: query.view === 'closed' ? 'done' : 'open',
    ...(query.site !== undefined ? { siteId: query.site } : {}),
    ...(raised ? { raisedFrom: raised.start, raisedBefore: raised.end } : {}),
  };
  const raisedWords = query.label ? `, raised ${query.label}` : '';
  const heading = `${TITLES[query.view]}${atSite(site)}${raisedWords}`;
  const { total, window, items } = query.view === 'overdue' ? await overduePage(deps, filter, page, clamp) : await plainPage(deps, filter, page, clamp);
  if (total === 0) return note(`${heading}: none.`);
  const todayOf = ownerTodays(deps, actor.org.id);
  const lines: RichText[] = [];
  for (const f of items) lines.push(allLine(f, await todayOf(f.ownerId)));
  return pagedMessage({
    heading,
    intro: [query.view === 'closed' ? 'Latest closed first:' : 'Earliest due first:'],
    lines,
    total,
    window,
    noun: 'follow-up',
    action: FOLLOWUP_PAGE_ACTION,
    query,
    command: ['followups all', query.words].filter(Boolean).join(' '),
    footer: ['Read the walk an action came from with /clause5 floorwalk show <id>.'],
  });
}

/** The follow-up line with who raised it and the walk it came from. */
function allLine(f: FollowUp, ownerToday: string): RichText {
  const line: RichText = [...followUpLine(f, ownerToday), ' · raised by ', { mention: f.raisedBy }];
  if (f.walkId !== null) line.push(` on walk #${f.walkId}`);
  return line;
}

interface Page {
  total: number;
  window: ListPage;
  items: FollowUp[];
}

async function plainPage(deps: CoreDeps, filter: FollowUpQuery, page: number, clamp: boolean): Promise<Page> {
  const total = await deps.store.followUps.countAcross(filter);
  const window = pageWindow(page, total, { clamp, what: 'follow-ups' });
  return { total, window, items: total ? await deps.store.followUps.listAcross(filter, window) : [] };
}

/**
 * Overdue is judged in each owner's zone. Every zone's today is within a day of today in UTC, so an
 * action due before yesterday (UTC) is overdue for anyone and is counted in SQL; only those due
 * yesterday or today (UTC) are checked owner by owner. Those sort after the sure ones (later due).
 */
async function overduePage(deps: CoreDeps, filter: FollowUpQuery, page: number, clamp: boolean): Promise<Page> {
  const utcToday = localDateOf(deps.clock.now(), 'UTC');
  const sureBefore = addDays(utcToday, -1);
  const sure: FollowUpQuery = { ...filter, dueBefore: sureBefore };
  const sureCount = await deps.store.followUps.countAcross(sure);
  const todayOf = ownerTodays(deps, filter.orgId);
  const borderline: FollowUp[] = [];
  const near = await deps.store.followUps.listAcross({ ...filter, dueFrom: sureBefore, dueBefore: addDays(utcToday, 1) }, { offset: 0, limit: 1_000_000 });
  for (const f of near) if (f.dueDate < (await todayOf(f.ownerId))) borderline.push(f);
  const total = sureCount + borderline.length;
  const window = pageWindow(page, total, { clamp, what: 'follow-ups' });
  const items: FollowUp[] = [];
  if (window.offset < sureCount) items.push(...(await deps.store.followUps.listAcross(sure, window)));
  const fromBorderline = Math.max(0, window.offset - sureCount);
  items.push(...borderline.slice(fromBorderline, fromBorderline + window.limit - items.length));
  return { total, window, items };
}

function readQuery(raw: unknown): FollowUpListQuery | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const q = raw as Record<string, unknown>;
  if (q.site !== undefined && !(typeof q.site === 'number' && Number.isInteger(q.site))) return undefined;
  if (!VIEWS.includes(q.view as View) || typeof q.words !== 'string') return undefined;
  const dated = q.from !== undefined || q.to !== undefined;
  if (dated && (!isValidDate(String(q.from)) || !isValidDate(String(q.to)) || typeof q.label !== 'string')) return undefined;
  return {
    ...(q.site !== undefined ? { site: q.site as number } : {}),
    view: q.view as View,
    ...(dated ? { from: String(q.from), to: String(q.to), label: String(q.label).slice(0, 100) } : {}),
    words: q.words.slice(0, 300),
  };
}

export const followUpPageAction = pageAction(FOLLOWUP_PAGE_ACTION, 'manager', readQuery, (ctx, query, page) =>
  followUpPage(ctx.deps, ctx.actor, query, page, true),
);
