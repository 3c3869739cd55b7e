// Walk grid (the layered-audit view): one row per leader, one column per ISO week, each cell done /
// missed / excused / not due. A year at a time. Cell geometry is exported so a test can read the
// colour of a known cell in the rendered PNG.
import { document, MUTED, OKABE_ITO, rect, text } from './svg';

export type WalkCell = 'done' | 'missed' | 'excused' | 'not-due';

export const CELL_COLORS: Record<WalkCell, string> = {
  done: OKABE_ITO.green,
  missed: OKABE_ITO.vermillion,
  excused: OKABE_ITO.skyBlue,
  'not-due': '#e6e6e6',
};

const CELL_LABELS: Record<WalkCell, string> = { done: 'Done', missed: 'Missed', excused: 'Excused (away, shutdown)', 'not-due': 'Not due' };

export interface WalkGridModel {
  title: string;
  subtitle: string;
  /** ISO week keys, oldest first ('2026-W01'). */
  weeks: string[];
  rows: Array<{ name: string; cells: WalkCell[] }>;
}

export const GRID_LAYOUT = { left: 200, top: 118, cell: 15, gap: 2, rowHeight: 22, minWidth: 1000 };

/** Top-left corner of a cell, in pixels. */
export function cellOrigin(row: number, week: number): { x: number; y: number } {
  const { left, top, cell, gap, rowHeight } = GRID_LAYOUT;
  return { x: left + week * (cell + gap), y: top + row * rowHeight };
}

export function gridSize(model: WalkGridModel): { width: number; height: number } {
  const { left, top, cell, gap, rowHeight, minWidth } = GRID_LAYOUT;
  return {
    width: Math.max(minWidth, left + model.weeks.length * (cell + gap) + 24),
    height: top + Math.max(1, model.rows.length) * rowHeight + 60,
  };
}

function clip(name: string, max = 24): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

export function walkGridSvg(model: WalkGridModel): string {
  const { width, height } = gridSize(model);
  const { left, top, cell } = GRID_LAYOUT;
  const body: string[] = [];
  let x = 24;
  for (const kind of ['done', 'missed', 'excused', 'not-due'] as const) {
    body.push(rect(x, 78, 14, 14, CELL_COLORS[kind]));
    body.push(text(x + 20, 90, CELL_LABELS[kind], { size: 12 }));
    x += 20 + CELL_LABELS[kind].length * 7 + 24;
  }
  model.weeks.forEach((week, w) => {
    const label = week.slice(-2);
    if (w % 4 !== 0 && w !== model.weeks.length - 1) return;
    body.push(text(cellOrigin(0, w).x + cell / 2, top - 6, label, { size: 10, anchor: 'middle', fill: MUTED }));
  });
  model.rows.forEach((row, r) => {
    const y = cellOrigin(r, 0).y;
    body.push(text(left - 10, y + cell - 3, clip(row.name), { size: 12, anchor: 'end' }));
    row.cells.forEach((kind, w) => {
      const at = cellOrigin(r, w);
      body.push(rect(at.x, at.y, cell, cell, CELL_COLORS[kind]));
    });
  });
  if (model.rows.length === 0) body.push(text(left, top + 14, 'No leaders in scope', { fill: MUTED }));
  body.push(
    text(24, height - 22, 'Columns are ISO weeks (number above every fourth); the current week counts only once a walk is logged.', { size: 12, fill: MUTED }),
  );
  return document(width, height, model.title, model.subtitle, body);
}
