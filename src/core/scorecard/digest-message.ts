// The Monday digest as a short, scannable message: the organisation's index and parts, sites
// ranked by index, then (recipients' DMs only) who needs attention and the top movers, then where
// the full scorecard is. The channel version has site and organisation figures only.
import type { Block, Message, RichText } from '../model';
import type { AttentionLine, Mover } from './attention';
import { indexText, NA, pct, trendText } from './format';
import { MIN_GROUP_IN_CHANNEL } from './render-message';
import type { GroupCard, Scorecard } from './types';

/** Needs-attention lines shown before "and N more". */
export const ATTENTION_LINES = 10;
/** Sites listed in full; more are cut to the best and worst half each. */
export const SITE_LINES = 12;
export const FULL_SCORECARD = '/clause5 scorecard all last-week';

export interface DigestContent {
  card: Scorecard;
  orgName: string;
  week: string;
  attention: AttentionLine[];
  movers: { up: Mover[]; down: Mover[] };
  /** Says what the attached chart shows, if one is attached. */
  chartNote?: string;
}

const leaders = (n: number) => `${n} leader${n === 1 ? '' : 's'}`;
const withheld = (g: GroupCard, inChannel: boolean) => inChannel && g.leaderCount < MIN_GROUP_IN_CHANNEL;
const where = (siteName: string | null) => (siteName ? ` (${siteName})` : '');

function partsLine(g: GroupCard): string {
  const { parts } = g;
  return `Meetings with a quality update ${pct(parts.meetings)} · floor walks ${pct(parts.walks)} · wins ${pct(parts.wins)} · follow-ups on time ${pct(parts.followUps)} · prompts answered in 48 h ${pct(parts.response)}`;
}

/** Sites by index, best first; sites with no index last. */
function rankedSites(sites: GroupCard[]): GroupCard[] {
  return [...sites].sort((a, b) => (b.index ?? -1) - (a.index ?? -1) || a.name.localeCompare(b.name));
}

function groupBlocks(content: DigestContent, inChannel: boolean): Block[] {
  const { card, orgName } = content;
  const blocks: Block[] = [];
  const org = card.org;
  if (org && withheld(org, inChannel)) {
    blocks.push({ type: 'text', text: [{ bold: orgName }, ` · ${leaders(org.leaderCount)} · figures withheld here: they would be one leader’s own`] });
  } else if (org) {
    blocks.push({
      type: 'text',
      text: [{ bold: `${orgName} · index ${indexText(org.index, org.previousIndex, org.trend)}` }, ` · ${leaders(org.leaderCount)}`],
    });
    blocks.push({ type: 'context', text: [partsLine(org)] });
  }
  if (card.sites.length > 0) {
    // A withheld site is listed last, unranked: its place in the ranking would tell its figures.
    const shown = rankedSites(card.sites.filter((s) => !withheld(s, inChannel)));
    const all: RichText[] = [
      ...shown.map(
        (s, i): RichText => [
          `${i + 1}. `,
          { bold: s.name },
          ` · index ${s.index ?? NA} ${trendText(s.trend)}`.trimEnd(),
          ` · ${leaders(s.leaderCount)} · walks ${pct(s.parts.walks)}`,
        ],
      ),
      ...card.sites
        .filter((s) => withheld(s, inChannel))
        .map((s): RichText => [{ bold: s.name }, ` · ${leaders(s.leaderCount)} · figures withheld here (one leader’s own)`]),
    ];
    // Many sites: the best and the worst, so the message stays short.
    const items =
      all.length <= SITE_LINES ? all : [...all.slice(0, SITE_LINES / 2), [`… ${all.length - SITE_LINES} more sites …`], ...all.slice(-SITE_LINES / 2)];
    blocks.push({ type: 'text', text: [{ bold: 'Sites by index' }] }, { type: 'list', items });
  }
  return blocks;
}

function attentionBlocks(lines: AttentionLine[]): Block[] {
  const title: Block = { type: 'text', text: [{ bold: `Needs attention (${lines.length})` }] };
  if (lines.length === 0)
    return [
      title,
      { type: 'context', text: ['Nobody this week: no runs of missed walks or unanswered prompts, no follow-up overdue over a week, no unconfirmed meeting.'] },
    ];
  const shown = lines.slice(0, ATTENTION_LINES).map((l): RichText => [{ bold: l.name }, where(l.siteName), ` — ${l.reasons.join('; ')}`]);
  const blocks: Block[] = [title, { type: 'list', items: shown }];
  if (lines.length > ATTENTION_LINES) blocks.push({ type: 'context', text: [`and ${lines.length - ATTENTION_LINES} more — see ${FULL_SCORECARD}`] });
  return blocks;
}

function moverBlocks(movers: DigestContent['movers']): Block[] {
  const title: Block = { type: 'text', text: [{ bold: 'Top movers' }, ' (index against the week before)'] };
  const items = [...movers.up, ...movers.down].map(
    (m): RichText => [`${trendText(m.trend)} `, { bold: m.name }, where(m.siteName), `: ${m.previousIndex} → ${m.index}`],
  );
  if (items.length === 0) return [title, { type: 'context', text: ['No leader’s index changed.'] }];
  return [title, { type: 'list', items }];
}

function headline(content: DigestContent, inChannel: boolean): string {
  const org = content.card.org;
  if (!org || withheld(org, inChannel)) return `week ${content.week}`;
  return `week ${content.week}: index ${org.index ?? NA}${org.trend !== null ? ` ${trendText(org.trend)}` : ''}`;
}

/** The digest for a recipient's DM: every part, leaders named. */
export function digestDirectMessage(content: DigestContent): Message {
  const { card, attention } = content;
  const blocks: Block[] = [...groupBlocks(content, false), { type: 'divider' }, ...attentionBlocks(attention), ...moverBlocks(content.movers)];
  if (card.leaders.length === 0) blocks.push({ type: 'text', text: ['There are no leaders yet. An admin can give someone the leader role.'] });
  const others = card.unreachable.filter((p) => !card.leaders.some((l) => l.id === p.id));
  if (others.length) blocks.push({ type: 'context', text: [`⚠ Also not reachable: ${others.map((p) => `${p.displayName} (${p.reason})`).join(', ')}.`] });
  blocks.push({ type: 'context', text: ['Full scorecard: ', { bold: FULL_SCORECARD }, content.chartNote ? ` · ${content.chartNote}` : ''] });
  const needs = attention.length ? `; ${leaders(attention.length)} need${attention.length === 1 ? 's' : ''} attention` : '';
  return {
    summary: `Weekly digest — ${content.orgName}, ${headline(content, false)}${needs}`,
    heading: `Weekly digest: ${card.subject}, week ${content.week}`,
    blocks,
  };
}

/** The digest for the digest channel: site and organisation figures only, no leader named. */
export function digestChannelMessage(content: DigestContent): Message {
  const blocks: Block[] = [
    ...groupBlocks(content, true),
    {
      type: 'context',
      text: [
        'Leaders who need attention and the top movers go by DM to the digest recipients (quality managers and admins), never to a channel.',
        content.chartNote ? ` ${content.chartNote}` : '',
      ],
    },
  ];
  return {
    summary: `Weekly digest — sites of ${content.orgName}, ${headline(content, true)}`,
    heading: `Weekly digest: sites of ${content.orgName}, week ${content.week}`,
    blocks,
  };
}
