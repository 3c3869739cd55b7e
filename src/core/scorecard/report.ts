// The command line's scorecard: the same figures as the chat command, as an aligned plain-text
// table, CSV or JSON. The command line is trusted: it may see every leader and site.
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { localDateOf } from '../time';
import type { Ratio } from './arithmetic';
import { buildScorecard } from './build';
import { comparedWithText, durationText, NA, pct, periodText, trendText } from './format';
import { parsePeriod } from './period';
import { renderScorecardCsv, renderScorecardJson } from './render-csv';
import { resolveTarget, type TargetRequest } from './target';
import type { Figures, Scorecard } from './types';

export type ReportTarget = 'all' | { site: string } | { person: string };

export interface ReportRequest {
  orgId: string;
  /** Also accepts the command-line words: 'all', 'site Plant 1', '@maria'. Default: all. */
  target?: ReportTarget | string;
  /** Period words (see parsePeriod); default: the current ISO week. */
  period?: string;
  format: 'table' | 'csv' | 'json';
}

export function targetRequest(target: ReportTarget | string | undefined): TargetRequest {
  if (target === undefined || target === 'all') return { kind: 'all' };
  if (typeof target !== 'string') return 'site' in target ? { kind: 'site', name: target.site } : { kind: 'person', ref: target.person };
  const text = target.trim();
  if (/^all$/i.test(text) || text === '') return { kind: 'all' };
  const site = /^site\s+(.+)$/i.exec(text);
  if (site) return { kind: 'site', name: site[1]!.replace(/^["“](.*)["”]$/, '$1') };
  return { kind: 'person', ref: text };
}

export async function scorecardReport(deps: CoreDeps, request: ReportRequest): Promise<string> {
  const org = await deps.store.orgs.get(request.orgId);
  if (!org) throw new UserError(`There is no organisation “${request.orgId}”.`);
  const today = localDateOf(deps.clock.now(), deps.settings.defaultTimeZone);
  const period = parsePeriod(request.period ?? '', today);
  const target = await resolveTarget(deps, request.orgId, null, targetRequest(request.target));
  const card = await buildScorecard(deps, { orgId: request.orgId, target, period });
  if (request.format === 'csv') return renderScorecardCsv(card);
  if (request.format === 'json') return `${renderScorecardJson(card)}\n`;
  return renderScorecardTable(card);
}

const HEADER = ['', 'Site', 'Index', 'Trend', 'Meetings', 'Walks', 'Streak', 'Wins', 'Follow-ups', 'Overdue', 'Response', 'Median'];

function cells(f: Figures): string[] {
  const { facts, parts } = f;
  const ratio = (num: number, den: number, r: Ratio | null) => (r ? `${num}/${den} ${pct(r)}` : NA);
  return [
    f.index === null ? NA : String(f.index),
    trendText(f.trend) || NA,
    ratio(facts.meetingsYes, facts.meetingsDue, parts.meetings),
    ratio(facts.walkWeeksDone, facts.walkWeeksDue, parts.walks),
    '',
    parts.wins ? `${facts.wins} ${pct(parts.wins)}` : `${facts.wins} ${NA}`,
    ratio(facts.followUpsOnTime, facts.followUpsDue, parts.followUps),
    String(facts.followUpsOverdue),
    ratio(facts.promptsAnsweredInTime, facts.promptsCounted, parts.response),
    durationText(f.medianResponseMs),
  ];
}

/** An aligned plain-text table: one line per leader, then the sites and the organisation. */
export function renderScorecardTable(card: Scorecard): string {
  const rows: string[][] = [HEADER];
  for (const l of card.leaders) {
    const row = [l.displayName + (l.unreachableReason ? ' (not reachable)' : ''), l.siteName ?? '', ...cells(l)];
    row[6] = `${l.streak} (best ${l.bestStreak})`;
    rows.push(row);
  }
  const groups = [...card.sites, ...(card.org ? [card.org] : [])];
  for (const g of groups)
    rows.push([g.level === 'org' ? `All sites (${g.leaderCount})` : `Site total (${g.leaderCount})`, g.level === 'site' ? g.name : '', ...cells(g)]);
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [
    `Scorecard for ${card.subject}: ${periodText(card.period)}, trend against ${comparedWithText(card.period, card.previous)}`,
    `Weights ${card.weights.join('/')} (meetings/walks/wins/follow-ups/responses); n/a parts left out.`,
    '',
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1, card.leaders.length + 1).map(line),
  ];
  if (groups.length) out.push(line(widths.map((w) => '-'.repeat(w))), ...rows.slice(card.leaders.length + 1).map(line));
  if (card.leaders.length === 0) out.push('(no leaders)');
  return `${out.join('\n')}\n`;
}
