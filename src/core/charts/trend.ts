// Trend chart: the leadership index (thick) and its five parts by week or month, with the same
// number of points from the previous period as a faint dashed line. Values are 0–100; null = n/a
// (the line breaks there rather than dropping to zero).
import { document, GRID_LINE, legend, line, MUTED, OKABE_ITO, text } from './svg';

export const TREND_PARTS = [
  { key: 'meetings', label: 'Meetings', color: OKABE_ITO.orange },
  { key: 'walks', label: 'Floor walks', color: OKABE_ITO.skyBlue },
  { key: 'wins', label: 'Wins', color: OKABE_ITO.green },
  { key: 'followUps', label: 'Follow-ups', color: OKABE_ITO.vermillion },
  { key: 'response', label: 'Responses', color: OKABE_ITO.purple },
] as const;

export type TrendPartKey = (typeof TREND_PARTS)[number]['key'];

export interface TrendPoint {
  /** Axis label: '2026-W48' or 'Nov 2026'. */
  label: string;
  index: number | null;
  parts: Record<TrendPartKey, number | null>;
}

export interface TrendChartModel {
  title: string;
  subtitle: string;
  points: TrendPoint[];
  /** The previous period's index, aligned point by point with `points`. */
  previous: Array<number | null>;
}

export const TREND_WIDTH = 1000;
export const TREND_HEIGHT = 540;
const PLOT = { left: 64, right: TREND_WIDTH - 24, top: 110, bottom: TREND_HEIGHT - 70 };

function yOf(value: number): number {
  return PLOT.bottom - (value / 100) * (PLOT.bottom - PLOT.top);
}

function xOf(i: number, count: number): number {
  if (count <= 1) return (PLOT.left + PLOT.right) / 2;
  return PLOT.left + 12 + (i * (PLOT.right - PLOT.left - 24)) / (count - 1);
}

/** A polyline per run of non-null values, so n/a leaves a gap. */
function path(values: Array<number | null>, color: string, width: number, extra = ''): string[] {
  const runs: string[][] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(`${xOf(i, values.length).toFixed(1)},${yOf(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run);
  return runs.map((points) =>
    points.length === 1
      ? `<circle cx="${points[0]!.split(',')[0]}" cy="${points[0]!.split(',')[1]}" r="${width + 1}" fill="${color}" ${extra}/>`
      : `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" ${extra}/>`,
  );
}

/** A white halo keeps a label readable where it crosses lines. */
function haloed(label: string): string {
  return label.replace('<text ', '<text stroke="#ffffff" stroke-width="5" paint-order="stroke" stroke-linejoin="round" ');
}

export function trendSvg(model: TrendChartModel): string {
  const body: string[] = [];
  for (const v of [0, 25, 50, 75, 100]) {
    body.push(line(PLOT.left, yOf(v), PLOT.right, yOf(v), GRID_LINE));
    body.push(text(PLOT.left - 8, yOf(v) + 4, String(v), { size: 12, anchor: 'end', fill: MUTED }));
  }
  const count = model.points.length;
  const every = Math.max(1, Math.ceil(count / 14));
  model.points.forEach((p, i) => {
    if (i % every !== 0 && i !== count - 1) return;
    body.push(text(xOf(i, count), PLOT.bottom + 20, p.label, { size: 11, anchor: 'middle', fill: MUTED }));
  });
  body.push(...path(model.previous, '#888888', 2, 'stroke-dasharray="6 4" opacity="0.45"'));
  for (const part of TREND_PARTS)
    body.push(
      ...path(
        model.points.map((p) => p.parts[part.key]),
        part.color,
        2,
      ),
    );
  body.push(
    ...path(
      model.points.map((p) => p.index),
      OKABE_ITO.black,
      4,
    ),
  );
  const last = [...model.points].reverse().find((p) => p.index !== null);
  if (last) {
    const i = model.points.lastIndexOf(last);
    const y = last.index! > 85 ? yOf(last.index!) + 22 : yOf(last.index!) - 10;
    body.push(haloed(text(xOf(i, count) - 6, y, `Index ${last.index}`, { size: 14, weight: 'bold', anchor: 'end' })));
  }
  body.push(
    ...legend(PLOT.left, 90, [
      { label: 'Leadership index', color: OKABE_ITO.black },
      ...TREND_PARTS.map((p) => ({ label: p.label, color: p.color })),
      { label: 'Index, previous period', color: '#888888', dashed: true, faint: true },
    ]),
  );
  // An empty plot looks broken: say why there is nothing to draw.
  const nothingDue = model.points.every((p) => p.index === null && TREND_PARTS.every((part) => p.parts[part.key] === null));
  const empty = count === 0 ? 'No figures for this period' : nothingDue ? 'Nothing was due in this period: every point is n/a' : undefined;
  if (empty) body.push(haloed(text(TREND_WIDTH / 2, (PLOT.top + PLOT.bottom) / 2 - 20, empty, { size: 16, anchor: 'middle', fill: MUTED })));
  body.push(text(24, TREND_HEIGHT - 24, '0–100; a gap means n/a (nothing was due).', { size: 12, fill: MUTED }));
  return document(TREND_WIDTH, TREND_HEIGHT, model.title, model.subtitle, body);
}
