// The scorecard as a neutral chat message: organisation and site totals first (for managers), then
// one facts block per leader — or, for a channel, the totals alone. Long scorecards are cut to fit
// a chat message; the CSV has it all.
import type { Block, Fact, Message } from '../model';
import { percent } from './arithmetic';
import { comparedWithText, durationText, fraction, indexText, NA, periodText } from './format';
import type { Figures, GroupCard, LeaderCard, Scorecard } from './types';

/** Blocks kept free for the heading and the closing notes. */
const CLOSING_BLOCKS = 6;

export interface MessageOptions {
  /** The platform's blocks per message (ChatPlatform.limits): sections beyond it are left out, and said so. */
  maxBlocks: number;
  /** A quality manager's or admin's view: flags people the bot cannot reach. */
  forManager: boolean;
  /**
   * A channel's view (the digest channel): site and organisation figures only, never a leader's
   * own line; a group with fewer than MIN_GROUP_IN_CHANNEL leaders is withheld, since its figures
   * would be one leader's own.
   */
  groupsOnly?: boolean;
}

export const MIN_GROUP_IN_CHANNEL = 2;

const withheld = (g: GroupCard, options: MessageOptions) => Boolean(options.groupsOnly) && g.leaderCount < MIN_GROUP_IN_CHANNEL;

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function figureFacts(f: Figures, streak?: { current: number; best: number }): Fact[] {
  const { facts, parts } = f;
  const walks = fraction(parts.walks, facts.walkWeeksDone, facts.walkWeeksDue, ' weeks');
  const walkText = streak ? `${walks}, streak ${streak.current}, best ${streak.best}` : walks;
  const wins = parts.wins
    ? `${facts.wins} over ${facts.walkWeeksDue} due week${facts.walkWeeksDue === 1 ? '' : 's'} (${percent(parts.wins)} %)`
    : `${facts.wins} (${NA}: no due weeks)`;
  const response = parts.response
    ? `${fraction(parts.response, facts.promptsAnsweredInTime, facts.promptsCounted)}, median ${durationText(f.medianResponseMs)}`
    : NA;
  return [
    { label: 'Index', value: [indexText(f.index, f.previousIndex, f.trend)] },
    { label: 'Meetings opened with a quality update', value: [fraction(parts.meetings, facts.meetingsYes, facts.meetingsDue)] },
    { label: 'Floor walks', value: [walkText] },
    { label: 'Wins recognised', value: [wins] },
    {
      label: 'Follow-ups closed on time',
      value: [`${fraction(parts.followUps, facts.followUpsOnTime, facts.followUpsDue)}, ${facts.followUpsOverdue} overdue`],
    },
    { label: 'Prompts answered within 48 h', value: [response] },
    ...f.custom.map((c) => ({
      label: `Prompt ${c.promptId}: ${shorten(c.question)}`,
      value: [`${fraction(c.part, c.done, c.due)}${c.weight === null ? '' : ` · weight ${c.weight} in the index`}`],
    })),
    { label: 'Owed days', value: [String(facts.owedDays)] },
  ];
}

function groupBlocks(g: GroupCard, options: MessageOptions): Block[] {
  const title = g.level === 'org' ? `${g.name} — all sites` : `Site ${g.name}`;
  const count = ` · ${g.leaderCount} leader${g.leaderCount === 1 ? '' : 's'}`;
  if (withheld(g, options)) {
    return [{ type: 'text', text: [{ bold: title }, count, ' · figures withheld here: they would be one leader’s own (digest recipients have them by DM)'] }];
  }
  return [
    { type: 'text', text: [{ bold: title }, `${count} · index is the mean of the leaders' indexes`] },
    { type: 'facts', facts: figureFacts(g) },
  ];
}

/** `periodEnd`: the period's last day, to flag a leader who joined after it (null: not flagged here). */
function leaderBlocks(l: LeaderCard, periodEnd: string | null, options: MessageOptions): Block[] {
  const title: Block = { type: 'text', text: [{ bold: l.displayName }, l.siteName ? ` · ${l.siteName}` : '', ` · ${l.zone}`] };
  const blocks: Block[] = [title, { type: 'facts', facts: figureFacts(l, { current: l.streak, best: l.bestStreak }) }];
  if (periodEnd !== null && l.joinedOn > periodEnd)
    blocks.push({ type: 'context', text: [`Joined ${l.joinedOn}, after this period: nothing was owed in it.`] });
  if (options.forManager && l.unreachableReason) {
    blocks.push({ type: 'context', text: [`⚠ Not reachable: ${l.unreachableReason}. Clause5 cannot send this leader prompts until it is fixed.`] });
  }
  return blocks;
}

/** ', prompt 1 weight 10' for each weighted custom prompt on the card. */
function weightedPromptsText(card: Scorecard): string {
  const figures: Figures[] = [...card.leaders, ...card.sites, ...(card.org ? [card.org] : [])];
  const weighted = new Map(figures.flatMap((f) => f.custom.filter((c) => c.weight !== null).map((c) => [c.promptId, c.weight] as const)));
  return [...weighted].map(([id, w]) => `, prompt ${id} weight ${w}`).join('');
}

export function renderScorecardMessage(card: Scorecard, options: MessageOptions): Message {
  const leaders = options.groupsOnly ? [] : card.leaders;
  const main = leaders.length === 1 && card.target.kind === 'leader' ? leaders[0]! : null;
  const group = card.org ?? card.sites[0];
  const headline = main ?? (group && !withheld(group, options) ? group : undefined);
  const indexSummary = headline ? `index ${headline.index ?? NA}` : card.leaders.length ? 'figures by DM to digest recipients' : 'no leaders';
  const summary = `Scorecard for ${card.subject}, ${periodText(card.period)}: ${indexSummary}`;
  const blocks: Block[] = [
    {
      type: 'context',
      text: [
        `${periodText(card.period)}, compared with ${comparedWithText(card.period, card.previous)}. `,
        `Weights ${card.weights.join('/')} (meetings/walks/wins/follow-ups/responses)${weightedPromptsText(card)}; n/a parts are left out. `,
        'Away days, shutdowns and non-work days are not owed. Wins: posted by the leader or naming their team (the team, or a person in it).',
      ],
    },
  ];
  const firstJoined = card.leaders.map((l) => l.joinedOn).sort()[0];
  const allJoinedAfter = firstJoined !== undefined && firstJoined > card.period.to;
  if (allJoinedAfter) {
    blocks.push({
      type: 'context',
      text: [
        `Every leader here joined after this period (the first on ${firstJoined}), so nothing was owed in it and its figures are n/a. Ask for a later period.`,
      ],
    });
  }
  const sections: Block[][] = [];
  if (card.org) sections.push(groupBlocks(card.org, options));
  for (const site of card.sites) sections.push(groupBlocks(site, options));
  // Said once above when it is every leader; otherwise under each leader it concerns.
  for (const leader of leaders) sections.push(leaderBlocks(leader, allJoinedAfter ? null : card.period.to, options));
  if (card.leaders.length === 0) {
    sections.push([{ type: 'text', text: ['There are no leaders here yet. An admin can give someone the leader role.'] }]);
  }
  let shown = 0;
  for (const section of sections) {
    if (blocks.length + section.length > options.maxBlocks - CLOSING_BLOCKS) break;
    blocks.push(...section);
    shown++;
  }
  if (shown < sections.length) {
    blocks.push({ type: 'context', text: [`${sections.length - shown} more section(s) not shown here. Add “csv” to get the full scorecard as a file.`] });
  }
  if (options.groupsOnly && card.leaders.length) {
    blocks.push({ type: 'context', text: ['Each leader’s own figures go by DM to the digest recipients, never to a channel.'] });
  }
  const others = card.unreachable.filter((p) => !card.leaders.some((l) => l.id === p.id));
  if (options.forManager && others.length) {
    const names = others.map((p) => `${p.displayName} (${p.reason})`).join(', ');
    blocks.push({ type: 'context', text: [`⚠ Also not reachable: ${names}.`] });
  }
  return { summary, heading: `Scorecard: ${card.subject}`, blocks };
}
