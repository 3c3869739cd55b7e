// "/clause5 floorwalk list all [site "<name>"] [period]": every leader's floor walks, for quality
// managers and admins, a page at a time, each with the start of its notes.
import { atSite, readListScope } from '../commands/list-scope';
import { pageAction, pagedMessage, pageWindow, readPage } from '../commands/pages';
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { note, type Message } from '../model';
import { isValidDate } from '../time';
import { walkLine } from './format';

const USAGE = 'floorwalk list all [site "<name>"] [period] [page <n>]';
export const WALK_PAGE_ACTION = 'floorwalk.list.page';

/** What a page button carries: site id, the period's days and label, and the scope as typed. */
interface WalkListQuery {
  site?: number;
  from: string;
  to: string;
  label: string;
  words: string;
}

export const listAllWalks: CommandSpec = {
  path: ['floorwalk', 'list', 'all'],
  usage: USAGE,
  summary: 'Every leader’s floor walks with a preview of the notes (default: this month); add a site and a period such as last-month or 2026-Q4',
  group: 'Floor walks',
  access: 'manager',
  async run({ deps, actor, args }) {
    const page = readPage(args, USAGE);
    const scope = await readListScope(deps, actor, args, 'floorwalk list all site "Plant 1" last-month', 'month');
    const period = scope.period!;
    const query: WalkListQuery = { ...(scope.site ? { site: scope.site.id } : {}), from: period.from, to: period.to, label: period.label, words: scope.words };
    return { message: await walkPage(deps, actor, query, page, false) };
  },
};

async function walkPage(deps: CoreDeps, actor: Actor, query: WalkListQuery, page: number, clamp: boolean): Promise<Message> {
  const site = query.site === undefined ? undefined : await deps.store.sites.get(actor.org.id, query.site);
  const filter = { orgId: actor.org.id, ...(query.site !== undefined ? { siteId: query.site } : {}), from: query.from, to: query.to };
  const heading = `Floor walks${atSite(site)}, ${query.label}`;
  const total = await deps.store.walks.countAcross(filter);
  if (total === 0) return note(`${heading}: none logged between ${query.from} and ${query.to}.`);
  const window = pageWindow(page, total, { clamp, what: 'floor walks' });
  const walks = await deps.store.walks.listAcross(filter, window);
  return pagedMessage({
    heading,
    intro: [`${total} floor walk${total === 1 ? '' : 's'} between ${query.from} and ${query.to}, newest first:`],
    lines: walks.map((w) => walkLine(w, { leader: true })),
    total,
    window,
    noun: 'floor walk',
    action: WALK_PAGE_ACTION,
    query,
    command: ['floorwalk list all', query.words].filter(Boolean).join(' '),
    footer: ['Read one in full with /clause5 floorwalk show <id>.'],
  });
}

function readQuery(raw: unknown): WalkListQuery | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const q = raw as Record<string, unknown>;
  const site = q.site === undefined || (typeof q.site === 'number' && Number.isInteger(q.site)) ? (q.site as number | undefined) : null;
  if (site === null || !isValidDate(String(q.from)) || !isValidDate(String(q.to))) return undefined;
  if (typeof q.label !== 'string' || typeof q.words !== 'string') return undefined;
  return { ...(site !== undefined ? { site } : {}), from: String(q.from), to: String(q.to), label: q.label.slice(0, 100), words: q.words.slice(0, 300) };
}

export const walkPageAction = pageAction(WALK_PAGE_ACTION, 'manager', readQuery, (ctx, query, page) => walkPage(ctx.deps, ctx.actor, query, page, true));
