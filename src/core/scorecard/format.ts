// Small text helpers shared by the scorecard renderers. "n/a" is always spelled out, never 0 %.
import { formatDuration } from '../time';
import { percent, type Ratio } from './arithmetic';
import type { Period } from './period';

export const NA = 'n/a';

/** '7/12 (58 %)' or 'n/a'. */
export function fraction(r: Ratio | null, num: number, den: number, unit = ''): string {
  return r ? `${num}/${den}${unit} (${percent(r)} %)` : NA;
}

export function pct(r: Ratio | null): string {
  return r ? `${percent(r)} %` : NA;
}

/** '▲ +5', '▼ −3', '→ 0'. */
export function trendText(trend: number | null): string {
  if (trend === null) return '';
  if (trend > 0) return `▲ +${trend}`;
  if (trend < 0) return `▼ −${-trend}`;
  return '→ 0';
}

/** '73 ▲ +27 (previous 46)', '50 (no previous figure)', 'n/a'. */
export function indexText(index: number | null, previous: number | null, trend: number | null): string {
  if (index === null) return previous === null ? NA : `${NA} (previous ${previous})`;
  if (trend === null) return `${index} (no previous figure)`;
  return `${index} ${trendText(trend)} (previous ${previous})`;
}

export function durationText(ms: number | null): string {
  return ms === null ? NA : formatDuration(ms);
}

export function periodText(p: Period): string {
  const span = p.from === p.to ? p.from : `${p.from} – ${p.to}`;
  return p.label.includes('..') ? span : `${p.label} (${span})`;
}

/** 'the month before, October 2026 (2026-10-01 – 2026-10-31)'; 'the 10 days before, 2025-12-22 – 2025-12-31'. */
export function comparedWithText(period: Period, previous: Period): string {
  const before = period.kind && period.kind !== 'days' ? `the ${period.kind} before` : `the ${period.days} day${period.days === 1 ? '' : 's'} before`;
  return `${before}, ${periodText(previous)}`;
}
