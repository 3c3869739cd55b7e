// "prompt answers <id> [period]": what each person asked a custom prompt answered for a period —
// the answer, when, their note, who recorded it (and why) — and who is still open, missed, excused
// (not applicable) or was never asked (away or shut down on every day it could be asked). Quality
// managers and admins; 20 people to a page like the other read-back lists.
import { pageAction, pagedMessage, pageWindow, readPage } from '../commands/pages';
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { clip, formatWhen } from '../meetings/format';
import { type Message, note, type RichText } from '../model';
import { parseRecordNumber } from '../people/access';
import { recordedBySpans } from '../people/recorded-by';
import { localDateOf, addDays, zonedInstant } from '../time';
import { definitionFor } from './answer';
import { describePeriod, periodKeyOf, periodRange } from './cadence';
import { takePeriod } from './corrections';
import type { CustomPrompt } from './definition';
import type { CustomQuestion } from './repo';
import { audienceOf } from './schedule';

const USAGE = 'prompt answers <id> [period] [page <n>]';
export const ANSWERS_PAGE_ACTION = 'prompt.answers.page';
/** Characters of a note a row shows, so that a page of 20 fits Slack's and Teams' limits. */
const NOTE_SHOWN = 200;

interface AnswersQuery {
  d: number;
  k: string;
}

type State = 'answered' | 'excused' | 'open' | 'missed' | 'not asked';

interface Row {
  name: string;
  state: State;
  line: RichText;
}

function rowOf(name: string, personId: string, q: CustomQuestion | undefined, zone: string, periodOver: boolean): Row {
  if (!q) {
    const why = periodOver ? 'not asked — away or shut down on every day it could be asked (excused)' : 'not asked yet';
    return { name, state: 'not asked', line: [{ bold: name }, ` — ${why}`] };
  }
  const asked = formatWhen(q.sentAt, zone);
  if (!q.answer) {
    const state = q.status === 'missed' || periodOver ? 'missed' : 'open';
    return { name, state, line: [{ bold: name }, ` — ${state} (asked ${asked}) · #${q.promptId}`] };
  }
  const a = q.answer;
  const line: RichText = [{ bold: name }, ' — ', { bold: a.answer }, ` · ${formatWhen(a.answeredAt, zone)}`];
  if (a.note) line.push(` · “${clip(a.note, NOTE_SHOWN)}”`); // the whole note: history prompt answer <#>
  line.push(...recordedBySpans(a.answeredBy, personId));
  if (a.reason) line.push(` — why: ${a.reason}`);
  line.push(` · #${q.promptId}`);
  return { name, state: a.outcome === 'excused' ? 'excused' : 'answered', line };
}

async function rowsFor(deps: CoreDeps, actor: Actor, definition: CustomPrompt, periodKey: string): Promise<Row[]> {
  const questions = await deps.store.customPrompts.questions(actor.org.id, definition.id, { periodKey });
  const byPerson = new Map(questions.map((q) => [q.personId, q]));
  const people = new Map((await audienceOf(deps, definition)).filter((p) => !p.guest).map((p) => [p.id, p.displayName]));
  for (const q of questions) {
    if (!people.has(q.personId)) people.set(q.personId, (await deps.store.people.get(actor.org.id, q.personId))?.displayName ?? 'someone removed');
  }
  const over = deps.clock.now() >= zonedInstant(addDays(periodRange(periodKey).to, 1), '00:00', actor.zone);
  return [...people].map(([id, name]) => rowOf(name, id, byPerson.get(id), actor.zone, over)).sort((a, b) => a.name.localeCompare(b.name));
}

function countsText(rows: Row[]): string {
  const n = (state: State) => rows.filter((r) => r.state === state).length;
  const parts = [`${n('answered')} answered`, `${n('excused')} not applicable`, `${n('open')} open`, `${n('missed')} missed`, `${n('not asked')} not asked`];
  return `${rows.length} ${rows.length === 1 ? 'person' : 'people'}: ${parts.join(', ')}.`;
}

async function answersPage(deps: CoreDeps, actor: Actor, query: AnswersQuery, page: number, clamp: boolean): Promise<Message> {
  const definition = await definitionFor(deps, actor, query.d);
  const rows = await rowsFor(deps, actor, definition, query.k);
  const period = describePeriod(query.k);
  if (rows.length === 0) return note(`Prompt ${definition.id} (“${definition.question}”) asks nobody for ${period}.`);
  const window = pageWindow(page, rows.length, { clamp, what: 'people' });
  return pagedMessage({
    heading: `Prompt ${definition.id} — ${period}`,
    intro: [{ bold: definition.question }, ` — ${period}. ${countsText(rows)}`],
    lines: rows.slice(window.offset, window.offset + window.limit).map((r) => r.line),
    total: rows.length,
    window,
    noun: 'person',
    plural: 'people',
    action: ANSWERS_PAGE_ACTION,
    query,
    command: `prompt answers ${definition.id} ${query.k}`,
    footer: [
      'Earlier versions of an answer: /clause5 history prompt answer <#>. Record or correct one for a leader: /clause5 prompt answer <id> @name <answer> <period> reason "…"',
    ],
  });
}

export const answersCommand: CommandSpec = {
  path: ['prompt', 'answers'],
  usage: USAGE,
  summary: 'who answered a prompt what, when and with which note, and who is still open, missed or excused (default: its latest period)',
  group: 'Leadership prompts',
  access: 'manager',
  async run({ actor, deps, args }) {
    const pageNumber = readPage(args, USAGE);
    const definition = await definitionFor(deps, actor, parseRecordNumber(args.required(`Which prompt? Usage: ${USAGE}`), 'a prompt', 'prompt list'));
    const typed = takePeriod(args, definition);
    args.done(USAGE);
    const [latest] = typed ? [] : await deps.store.customPrompts.questions(actor.org.id, definition.id, { limit: 1 });
    const periodKey = typed ?? latest?.periodKey ?? periodKeyOf(definition.cadence.every, localDateOf(deps.clock.now(), actor.zone));
    return { message: await answersPage(deps, actor, { d: definition.id, k: periodKey }, pageNumber, false) };
  },
};

function readQuery(raw: unknown): AnswersQuery | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const q = raw as Record<string, unknown>;
  if (!(typeof q.d === 'number' && Number.isInteger(q.d) && q.d > 0)) return undefined;
  if (typeof q.k !== 'string' || !/^\d{4}-(W\d{2}|\d{2}|Q[1-4])$/.test(q.k)) return undefined;
  return { d: q.d, k: q.k };
}

export const answersPageAction = pageAction(ANSWERS_PAGE_ACTION, 'manager', readQuery, (ctx, query, page) =>
  answersPage(ctx.deps, ctx.actor, query, page, true),
);
