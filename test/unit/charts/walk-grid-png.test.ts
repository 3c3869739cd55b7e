// The walk grid as a person sees it: a PNG at chat size whose cells have the palette's colours.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CELL_COLORS, cellOrigin, GRID_LAYOUT, walkGridSvg, type WalkCell, type WalkGridModel } from '../../../src/core/charts/grid';
import { svgToPng } from '../../../src/platforms/chart-png';

const KINDS: WalkCell[] = ['done', 'missed', 'excused', 'not-due'];

function model(): WalkGridModel {
  const weeks = Array.from({ length: 52 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`);
  // Row r, week w: the kinds in turn, shifted by row, so every row and column mixes them.
  const rows = ['Ann', 'Bo', 'Cy'].map((name, r) => ({ name, cells: weeks.map((_, w) => KINDS[(w + r) % 4]!) }));
  return { title: 'Floor walks by week', subtitle: 'as of 2026-12-04', weeks, rows };
}

function pixel(png: PNG, x: number, y: number): string {
  const i = (png.width * y + x) * 4;
  return `#${[0, 1, 2].map((k) => png.data[i + k]!.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

describe('walk grid PNG', () => {
  const png = PNG.sync.read(svgToPng(walkGridSvg(model())));

  it('is at least 800 px wide and tall enough for every row', () => {
    expect(png.width).toBeGreaterThanOrEqual(800);
    expect(png.height).toBeGreaterThan(GRID_LAYOUT.top + 3 * GRID_LAYOUT.rowHeight);
  });

  it('paints each cell in its status colour', () => {
    for (const [row, week] of [
      [0, 0],
      [0, 1],
      [1, 1],
      [2, 10],
      [1, 50],
      [2, 51],
      [0, 3],
    ] as const) {
      const { x, y } = cellOrigin(row, week);
      const mid = Math.floor(GRID_LAYOUT.cell / 2);
      const kind = KINDS[(week + row) % 4]!;
      expect(pixel(png, x + mid, y + mid), `row ${row} week ${week} (${kind})`).toBe(CELL_COLORS[kind].toUpperCase());
    }
  });

  it('leaves the gap between cells white', () => {
    const { x, y } = cellOrigin(1, 5);
    expect(pixel(png, x + GRID_LAYOUT.cell + 1, y + 5)).toBe('#FFFFFF');
  });
});
