// Long lists in chat come in pages with Previous / Next buttons: a Slack message holds at most 50
// blocks and a Teams card about 28 KB, so a list is never sent whole, and never cut silently —
// every page says which rows it shows of how many, and how to type for another page (the terminal,
// and people who prefer typing). A button carries the list's query and the page it leads to; the
// list is read again when it is pressed, and the page replaces the one whose button was pressed.
import { UserError } from '../errors';
import { message, type Block, type Message, type RichText } from '../model';
import type { Args } from './args';
import type { Access, ActionContext, ActionSpec } from './types';

export const PAGE_SIZE = 20;

export interface ListPage {
  /** 1-based page shown. */
  page: number;
  pages: number;
  offset: number;
  limit: number;
}

/** Reads "page <n>" from a command; 1 when absent. */
export function readPage(args: Args, usage: string): number {
  const word = args.option('page', `Say which page, e.g. “page 2”. Usage: ${usage}`);
  if (word === undefined) return 1;
  if (!/^\d{1,6}$/.test(word) || Number(word) < 1) throw new UserError(`“${word}” is not a page number — use 1, 2, 3 …`);
  return Number(word);
}

/**
 * Which rows page `page` holds of `total`. A typed page past the end is refused with the number of
 * pages; a button's page past the end (the list shrank since) shows the last page instead.
 */
export function pageWindow(page: number, total: number, options: { clamp?: boolean; size?: number; what?: string } = {}): ListPage {
  const size = options.size ?? PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(total / size));
  if (page > pages && !options.clamp) {
    throw new UserError(
      `There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`} of ${options.what ?? 'this list'} (${total} in all); ask for page 1 to ${pages}.`,
    );
  }
  const shown = Math.min(Math.max(1, page), pages);
  return { page: shown, pages, offset: (shown - 1) * size, limit: size };
}

export interface PagedList {
  heading: string;
  /** Lines above the list (what was asked for). */
  intro?: RichText;
  lines: RichText[];
  total: number;
  window: ListPage;
  /** What a row is ('floor walk'), for "showing 1–20 of 57 floor walks" (an s is added). */
  noun: string;
  /** The plural when it is not the noun with an s ('people'). */
  plural?: string;
  /** The button action that turns pages, and the query its value carries (small, JSON). */
  action: string;
  query: unknown;
  /** The command as typed, without the page, e.g. 'floorwalk list all month'. */
  command: string;
  /** A hint under the list (what to do next). */
  footer?: RichText;
}

/** One page of a list: intro, rows, "showing a–b of n", the typed way to another page, and the buttons last. */
export function pagedMessage(list: PagedList): Message {
  const { window, total } = list;
  const first = total === 0 ? 0 : window.offset + 1;
  const last = window.offset + list.lines.length;
  const blocks: Block[] = [];
  if (list.intro) blocks.push({ type: 'text', text: list.intro });
  blocks.push({ type: 'list', items: list.lines });
  let where = `Showing ${first}–${last} of ${total} ${total === 1 ? list.noun : (list.plural ?? `${list.noun}s`)}`;
  if (window.pages > 1) where += ` (page ${window.page} of ${window.pages})`;
  where += '.';
  if (window.page < window.pages) where += ` Next page: /clause5 ${list.command} page ${window.page + 1}`;
  blocks.push({ type: 'context', text: [where] });
  if (list.footer) blocks.push({ type: 'context', text: list.footer });
  const buttons = [];
  if (window.page > 1) buttons.push({ label: 'Previous', action: list.action, value: pageValue(list.query, window.page - 1) });
  if (window.page < window.pages)
    buttons.push({ label: 'Next', action: list.action, value: pageValue(list.query, window.page + 1), style: 'primary' as const });
  if (buttons.length) blocks.push({ type: 'buttons', buttons });
  return message(`${list.heading}: ${first}–${last} of ${total}`, blocks, list.heading);
}

function pageValue(query: unknown, page: number): string {
  return JSON.stringify({ q: query, p: page });
}

/**
 * The Previous / Next action of one list. `readQuery` checks the query a button carried (undefined
 * when it is not one this list made); `show` builds the page, clamped to the last one.
 */
export function pageAction<Q>(
  id: string,
  access: Access | undefined,
  readQuery: (raw: unknown) => Q | undefined,
  show: (ctx: ActionContext, query: Q, page: number) => Promise<Message>,
): ActionSpec {
  return {
    id,
    ...(access ? { access } : {}),
    async run(ctx) {
      let parsed: { q?: unknown; p?: unknown } | undefined;
      try {
        parsed = JSON.parse(ctx.value) as { q?: unknown; p?: unknown };
      } catch {
        parsed = undefined;
      }
      const page = typeof parsed?.p === 'number' && Number.isInteger(parsed.p) && parsed.p >= 1 ? parsed.p : undefined;
      const query = parsed && page !== undefined ? readQuery(parsed.q) : undefined;
      if (query === undefined || page === undefined) throw new UserError('That button is out of date. Type the command again to see the list.');
      return { replaceOriginal: await show(ctx, query, page) };
    },
  };
}
