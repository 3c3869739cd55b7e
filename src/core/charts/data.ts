// Chart figures from the scorecard use case: one scorecard per week (or month) of the period.
// A trend's points come from one batch of counts (core/scorecard/figures.ts; whole past weeks from
// the store's weekly rollups), with the scorecard's own arithmetic.
import type { CoreDeps } from '../deps';
import { percent, type Parts } from '../scorecard/arithmetic';
import { buildScorecard } from '../scorecard/build';
import { periodFigures } from '../scorecard/figures';
import { periodText } from '../scorecard/format';
import { previousPeriod, type Period } from '../scorecard/period';
import type { ScorecardTarget } from '../scorecard/types';
import { addDays, daysBetween, isoWeekKey, localDateOf, weekRange, weekStart, type LocalDate } from '../time';
import type { WalkCell, WalkGridModel } from './grid';
import type { SitesChartModel } from './sites';
import type { TrendChartModel, TrendPartKey, TrendPoint } from './trend';

const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Periods longer than this are drawn by month, shorter ones by ISO week. */
const WEEKLY_UP_TO_DAYS = 16 * 7;

function span(from: LocalDate, to: LocalDate, label: string): Period {
  return { from, to, label, days: daysBetween(from, to) + 1 };
}

/** The whole weeks (or calendar months) that make up `period`, clipped to it. */
export function slicesOf(period: Period, weekly = period.days <= WEEKLY_UP_TO_DAYS): Period[] {
  const out: Period[] = [];
  if (weekly) {
    for (let from = weekStart(period.from); from <= period.to; from = addDays(from, 7)) {
      const key = isoWeekKey(from);
      const { to } = weekRange(key);
      out.push(span(from < period.from ? period.from : from, to > period.to ? period.to : to, key.replace(/^\d{4}-/, '')));
    }
    return out;
  }
  for (let from = `${period.from.slice(0, 7)}-01`; from <= period.to; ) {
    const [y, m] = from.split('-').map(Number) as [number, number];
    const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    const to = addDays(next, -1);
    out.push(span(from < period.from ? period.from : from, to > period.to ? period.to : to, `${MONTH_SHORT[m - 1]} ${String(y).slice(2)}`));
    from = next;
  }
  return out;
}

export function partsPercent(parts: Parts): Record<TrendPartKey, number | null> {
  const p = (r: Parts[TrendPartKey]) => (r ? percent(r) : null);
  return { meetings: p(parts.meetings), walks: p(parts.walks), wins: p(parts.wins), followUps: p(parts.followUps), response: p(parts.response) };
}

function asOfText(deps: CoreDeps, nowMs: number): string {
  const zone = deps.settings.defaultTimeZone;
  return `as of ${localDateOf(nowMs, zone)}`;
}

export async function trendChart(
  deps: CoreDeps,
  orgId: string,
  target: ScorecardTarget,
  period: Period,
  /** 'week': by ISO week however long the period (a weekly trend of two years has 104 points). */
  by?: 'week',
): Promise<TrendChartModel> {
  // Weeks that have not started yet have no figures: stop at today.
  const today = localDateOf(deps.clock.now(), deps.settings.defaultTimeZone);
  const weekly = by === 'week' || period.days <= WEEKLY_UP_TO_DAYS;
  const slices = slicesOf(period, weekly).filter((slice) => slice.from <= today);
  const before = slicesOf(previousPeriod(period), weekly).slice(-slices.length);
  // One batch of counts for all the points (and one for the period before), not a scorecard each.
  const current = await periodFigures(deps, orgId, target, slices);
  const points: TrendPoint[] = slices.map((slice, i) => {
    const f = current.figures[i];
    return {
      label: slice.label,
      index: f?.index ?? null,
      parts: partsPercent(f?.parts ?? { meetings: null, walks: null, wins: null, followUps: null, response: null }),
    };
  });
  const previous: Array<number | null> = before.length ? (await periodFigures(deps, orgId, target, before)).figures.map((f) => f?.index ?? null) : [];
  while (previous.length < points.length) previous.unshift(null);
  return {
    title: `Leadership index, ${current.subject}: ${period.label}`,
    subtitle: `${periodText(period)}, ${weekly ? 'by week' : 'by month'}; ${asOfText(deps, deps.clock.now())}. Faint dashed line: the period before.`,
    points,
    previous,
  };
}

export async function sitesChart(deps: CoreDeps, orgId: string, period: Period): Promise<SitesChartModel> {
  const card = await buildScorecard(deps, { orgId, target: { kind: 'all' }, period });
  return {
    title: `Sites compared: ${period.label}`,
    subtitle: `${periodText(period)}; ${asOfText(deps, card.asOf)}. ${card.org?.name ?? orgId}, ${card.leaders.length} leaders.`,
    sites: card.sites.map((s) => ({ name: s.name, leaders: s.leaderCount, index: s.index, parts: partsPercent(s.parts) })),
  };
}

/** The ISO weeks of a year-long window ending with the week of `period.to` (a year at a time). */
export function gridWeeks(period: Period, today: LocalDate): string[] {
  const last = period.to < today ? period.to : today;
  const first = daysBetween(period.from, last) >= 7 * 53 ? weekStart(addDays(last, -7 * 52 + 1)) : weekStart(period.from);
  const weeks: string[] = [];
  for (let d = first; d <= last && weeks.length < 53; d = addDays(d, 7)) weeks.push(isoWeekKey(d));
  return weeks;
}

export async function walkGridChart(deps: CoreDeps, orgId: string, target: ScorecardTarget, period: Period): Promise<WalkGridModel> {
  const nowMs = deps.clock.now();
  const weeks = gridWeeks(period, localDateOf(nowMs, deps.settings.defaultTimeZone));
  const rows = new Map<string, { name: string; cells: WalkCell[] }>();
  let subject = '';
  for (const [w, week] of weeks.entries()) {
    const { from, to } = weekRange(week);
    const card = await buildScorecard(deps, { orgId, target, period: span(from, to, `week ${week}`) });
    subject = card.subject;
    for (const leader of card.leaders) {
      const row = rows.get(leader.id) ?? { name: leader.displayName, cells: Array<WalkCell>(weeks.length).fill('not-due') };
      rows.set(leader.id, row);
      const joinedOn = (leader as { joinedOn?: LocalDate }).joinedOn;
      const started = from <= localDateOf(nowMs, leader.zone) && (!joinedOn || joinedOn <= to);
      const f = leader.facts;
      row.cells[w] =
        f.walkWeeksDone > 0
          ? 'done'
          : f.walkWeeksDue > 0
            ? 'missed'
            : started && f.owedDays === 0 && weeks[w] !== isoWeekKey(localDateOf(nowMs, leader.zone))
              ? 'excused'
              : 'not-due';
    }
  }
  const range = weeks.length ? `${weeks[0]} – ${weeks[weeks.length - 1]}` : period.label;
  return {
    title: `Floor walks by week, ${subject}: ${range}`,
    subtitle: `${weeks.length} ISO weeks up to today (a year at most), ${periodText(period)}; ${asOfText(deps, nowMs)}.`,
    weeks,
    rows: [...rows.values()],
  };
}
