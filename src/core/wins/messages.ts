// How wins look in chat. User-typed text (the win, the metric, team and site names) is always a
// plain string span: the renderers escape it, so it can never become markup or a mention.
import { message, type Block, type Fact, type Message, type RichText, type Span } from '../model';
import { recordedBySpans } from '../people/recorded-by';
import type { Team } from '../people/types';
import type { Objective, Win } from './repo';

/** "@ann, @bob and @cy" as mention spans. */
export function mentionList(ids: readonly string[]): Span[] {
  const spans: Span[] = [];
  ids.forEach((id, i) => {
    if (i > 0) spans.push(i === ids.length - 1 ? ' and ' : ', ');
    spans.push({ mention: id });
  });
  return spans;
}

function tagText(tags: readonly string[]): string {
  return tags.map((t) => `#${t}`).join(' ');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The celebration card posted in the wins channel. */
export function winCelebration(win: Win, team: Team | undefined, objectives: readonly Objective[]): Message {
  const headline: RichText = win.people.length ? ['🎉 ', ...mentionList(win.people), ' — ', win.text] : ['🎉 ', win.text];
  const facts: Fact[] = [];
  if (team) facts.push({ label: 'Team', value: [team.name] });
  if (win.metric) facts.push({ label: 'Metric', value: [win.metric] });
  if (win.tags.length) facts.push({ label: 'Tags', value: [tagText(win.tags)] });
  const linked = objectives.filter((o) => win.tags.includes(o.code));
  if (linked.length) facts.push({ label: 'Objective', value: [linked.map((o) => `${o.code} — ${o.title}`).join('; ')] });
  facts.push({ label: 'Recognised by', value: [{ mention: win.postedBy }] });
  const blocks: Block[] = [
    { type: 'text', text: headline },
    { type: 'facts', facts },
    { type: 'context', text: ['Celebrate a win of your own with /clause5 win'] },
  ];
  return message(`Team win: ${clip(win.text, 140)}`, blocks, 'A team win worth celebrating');
}

/** People named in one line of a list; the rest are counted (a card holds only so many mentions). */
export const LINE_PEOPLE_MAX = 5;

/** One line of a wins list: date, people (the first few), text, metric, tags, who recognised it. */
export function winLine(win: Win, date: string): RichText {
  const line: RichText = [{ bold: `#${win.id}` }, ' ', { bold: date }, ' '];
  if (win.people.length > LINE_PEOPLE_MAX) {
    const others = win.people.length - LINE_PEOPLE_MAX;
    for (const id of win.people.slice(0, LINE_PEOPLE_MAX)) line.push({ mention: id }, ', ');
    line.push(`and ${others} other${others === 1 ? '' : 's'}: `);
  } else if (win.people.length) {
    line.push(...mentionList(win.people), ': ');
  }
  line.push(win.text);
  if (win.metric) line.push(` (${win.metric})`);
  if (win.tags.length) line.push(` ${tagText(win.tags)}`);
  line.push(' — recognised by ', { mention: win.postedBy });
  line.push(...recordedBySpans(win.recordedBy, win.postedBy));
  return line;
}

export const LIST_LIMIT = 20;

/**
 * A list of wins with a heading, showing at most LIST_LIMIT and saying how many more there were and
 * (`more`) the command that lists them all.
 */
export function winsList(heading: string, intro: RichText, lines: RichText[], total: number, summary: string, more?: string): Message {
  const blocks: Block[] = [
    { type: 'text', text: intro },
    { type: 'list', items: lines.slice(0, LIST_LIMIT) },
  ];
  if (total > LIST_LIMIT) blocks.push({ type: 'context', text: [`…and ${total - LIST_LIMIT} more.${more ? ` ${more}` : ''}`] });
  return message(summary, blocks, heading);
}
