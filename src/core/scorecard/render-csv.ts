// The scorecard as CSV (RFC 4180: CRLF line ends, every text field quoted and quotes doubled;
// numbers plain, never localised; n/a written as "n/a"; text that a spreadsheet would read as a
// formula gets a leading apostrophe) and as JSON.
import { percent, type Ratio } from './arithmetic';
import { NA } from './format';
import type { Figures, GroupCard, LeaderCard, Scorecard } from './types';

export const CSV_COLUMNS = [
  'level',
  'site',
  'leader',
  'leader_id',
  'period_from',
  'period_to',
  'owed_days',
  'meetings_yes',
  'meetings_due',
  'meetings_pct',
  'walk_weeks_done',
  'walk_weeks_due',
  'walks_pct',
  'walk_streak',
  'walk_best_streak',
  'wins',
  'wins_pct',
  'followups_on_time',
  'followups_due',
  'followups_pct',
  'followups_overdue',
  'prompts_answered_48h',
  'prompts_counted',
  'response_pct',
  'median_response_minutes',
  'index',
  'previous_index',
  'trend',
  'not_reachable',
] as const;

type Cell = string | number | null;

/** A formula character at the start of the text or of a segment after a separator (spaces allowed between). */
const FORMULA_START = /((?:^|[,;\t\r\n])[ \u00a0\u3000]*)([=+\-@\uff1d\uff0b\uff0d\uff20])/g;

/**
 * Spreadsheets run text starting with = + - @ (or their full-width forms ＝ ＋ － ＠) as a formula
 * (CSV injection, e.g. a display name '=2+5+cmd|" /C calc"!A0'), and may split a cell again on
 * `,` `;` or tab when they guess the separator: so every such segment of a text cell gets a
 * leading apostrophe, as does text starting with tab or CR. Every text cell is quoted (the fixed
 * header names are not); numbers stay plain.
 */
export function csvField(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const segmented = (value === null ? NA : value).replace(FORMULA_START, "$1'$2");
  const neutral = /^[\t\r]/.test(segmented) ? `'${segmented}` : segmented;
  return `"${neutral.replace(/"/g, '""')}"`;
}

const pctCell = (r: Ratio | null): Cell => (r ? percent(r) : null);

function figureCells(f: Figures): Record<string, Cell> {
  const { facts, parts } = f;
  return {
    owed_days: facts.owedDays,
    meetings_yes: facts.meetingsYes,
    meetings_due: facts.meetingsDue,
    meetings_pct: pctCell(parts.meetings),
    walk_weeks_done: facts.walkWeeksDone,
    walk_weeks_due: facts.walkWeeksDue,
    walks_pct: pctCell(parts.walks),
    wins: facts.wins,
    wins_pct: pctCell(parts.wins),
    followups_on_time: facts.followUpsOnTime,
    followups_due: facts.followUpsDue,
    followups_pct: pctCell(parts.followUps),
    followups_overdue: facts.followUpsOverdue,
    prompts_answered_48h: facts.promptsAnsweredInTime,
    prompts_counted: facts.promptsCounted,
    response_pct: pctCell(parts.response),
    median_response_minutes: f.medianResponseMs === null ? null : Math.round(f.medianResponseMs / 60_000),
    index: f.index,
    previous_index: f.previousIndex,
    trend: f.trend,
  };
}

function leaderRow(card: Scorecard, l: LeaderCard): Record<string, Cell> {
  return {
    level: 'leader',
    site: l.siteName ?? '',
    leader: l.displayName,
    leader_id: l.id,
    period_from: card.period.from,
    period_to: card.period.to,
    ...figureCells(l),
    walk_streak: l.streak,
    walk_best_streak: l.bestStreak,
    not_reachable: l.unreachableReason ?? '',
  };
}

function groupRow(card: Scorecard, g: GroupCard): Record<string, Cell> {
  return {
    level: g.level,
    site: g.level === 'site' ? g.name : '',
    leader: '',
    leader_id: '',
    period_from: card.period.from,
    period_to: card.period.to,
    ...figureCells(g),
    walk_streak: '',
    walk_best_streak: '',
    not_reachable: '',
  };
}

/** Two columns per custom prompt on the card (prompt_<id>_done, prompt_<id>_due), after the fixed ones. */
function customColumns(figures: Figures[]): { columns: string[]; cells: (f: Figures) => Record<string, Cell> } {
  const ids = [...new Set(figures.flatMap((f) => f.custom.map((c) => c.promptId)))].sort((a, b) => a - b);
  return {
    columns: ids.flatMap((id) => [`prompt_${id}_done`, `prompt_${id}_due`]),
    cells: (f) =>
      Object.fromEntries(
        f.custom.flatMap((c) => [
          [`prompt_${c.promptId}_done`, c.done],
          [`prompt_${c.promptId}_due`, c.due],
        ]),
      ),
  };
}

/** Header, one row per leader, then one per site, then the organisation. */
export function renderScorecardCsv(card: Scorecard): string {
  const figures: Figures[] = [...card.leaders, ...card.sites, ...(card.org ? [card.org] : [])];
  const custom = customColumns(figures);
  const rows = [
    ...card.leaders.map((l) => ({ ...leaderRow(card, l), ...custom.cells(l) })),
    ...card.sites.map((s) => ({ ...groupRow(card, s), ...custom.cells(s) })),
    ...(card.org ? [{ ...groupRow(card, card.org), ...custom.cells(card.org) }] : []),
  ];
  const columns: string[] = [...CSV_COLUMNS, ...custom.columns];
  const lines = [columns.join(','), ...rows.map((row: Record<string, Cell>) => columns.map((c) => csvField(row[c] ?? null)).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The whole scorecard as JSON; n/a is null. Percentages are added next to each fraction. */
export function renderScorecardJson(card: Scorecard): string {
  const withPercents = (f: Figures) => ({
    percents: Object.fromEntries(Object.entries(f.parts).map(([k, r]) => [k, r ? percent(r) : null])),
  });
  return JSON.stringify(
    {
      ...card,
      leaders: card.leaders.map((l) => ({ ...l, ...withPercents(l) })),
      sites: card.sites.map((s) => ({ ...s, ...withPercents(s) })),
      org: card.org && { ...card.org, ...withPercents(card.org) },
    },
    null,
    2,
  );
}

export function csvFilename(card: Scorecard): string {
  return `clause5-scorecard-${card.period.from}_${card.period.to}.csv`;
}
