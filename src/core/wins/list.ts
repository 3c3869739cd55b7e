// "/clause5 wins [site "<name>"] [period]": the wins recognised in a period — date, who was
// recognised, what, and who recognised them — a page at a time. Wins are celebrated in public
// channels, so anyone may list them.
import { atSite, readListScope } from '../commands/list-scope';
import { pageAction, pagedMessage, pageWindow, readPage } from '../commands/pages';
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { note, type Message } from '../model';
import { instantRange, isValidDate, localParts } from '../time';
import { winLine } from './messages';

const USAGE = 'wins [site "<name>"] [period] [page <n>]';
export const WINS_PAGE_ACTION = 'wins.list.page';

/** "this week" and "this month" read better than the scorecard's labels for the everyday asks. */
const EVERYDAY_LABELS: Record<string, string> = {
  '': 'this week',
  week: 'this week',
  'this-week': 'this week',
  month: 'this month',
  'this-month': 'this month',
};

interface WinListQuery {
  site?: number;
  from: string;
  to: string;
  label: string;
  words: string;
}

export const winsCommand: CommandSpec = {
  path: ['wins'],
  usage: USAGE,
  summary: 'list the wins recognised (default this week): who recognised whom, when and what; add a site or a period such as month or 2026-Q4',
  group: 'Wins',
  access: 'anyone',
  async run({ actor, deps, args }) {
    const page = readPage(args, USAGE);
    const scope = await readListScope(deps, actor, args, 'wins site "Plant 1" month', 'week');
    const period = scope.period!;
    const typed = scope.words.replace(/^site "[^"]*"\s*/, '').toLowerCase();
    const label = EVERYDAY_LABELS[typed] ?? `in ${period.label}`;
    const query: WinListQuery = { ...(scope.site ? { site: scope.site.id } : {}), from: period.from, to: period.to, label, words: scope.words };
    return { message: await winsPage(deps, actor, query, page, false) };
  },
};

async function winsPage(deps: CoreDeps, actor: Actor, query: WinListQuery, page: number, clamp: boolean): Promise<Message> {
  const site = query.site === undefined ? undefined : await deps.store.sites.get(actor.org.id, query.site);
  const siteOption = query.site !== undefined ? { siteId: query.site } : {};
  const { start, end } = instantRange(query.from, query.to, actor.zone);
  const where = `${atSite(site)} ${query.label} (${query.from} to ${query.to})`;
  const total = await deps.store.wins.countBetween(actor.org.id, start, end, siteOption);
  if (total === 0) return note(`No wins recognised${where} yet. Post one with `, { bold: '/clause5 win' }, '.');
  const window = pageWindow(page, total, { clamp, what: 'wins' });
  const wins = await deps.store.wins.between(actor.org.id, start, end, { ...siteOption, limit: window.limit, offset: window.offset });
  return pagedMessage({
    heading: `Wins${atSite(site)} ${query.label}`,
    intro: [`${total} win${total === 1 ? '' : 's'} recognised${where}:`],
    lines: wins.map((w) => winLine(w, localParts(w.postedAt, actor.zone).date)),
    total,
    window,
    noun: 'win',
    action: WINS_PAGE_ACTION,
    query,
    command: ['wins', query.words].filter(Boolean).join(' '),
  });
}

function readQuery(raw: unknown): WinListQuery | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const q = raw as Record<string, unknown>;
  if (q.site !== undefined && !(typeof q.site === 'number' && Number.isInteger(q.site))) return undefined;
  if (!isValidDate(String(q.from)) || !isValidDate(String(q.to)) || typeof q.label !== 'string' || typeof q.words !== 'string') return undefined;
  return {
    ...(q.site !== undefined ? { site: q.site as number } : {}),
    from: String(q.from),
    to: String(q.to),
    label: q.label.slice(0, 100),
    words: q.words.slice(0, 300),
  };
}

export const winsPageAction = pageAction(WINS_PAGE_ACTION, 'anyone', readQuery, (ctx, query, page) => winsPage(ctx.deps, ctx.actor, query, page, true));
