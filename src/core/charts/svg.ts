// Tiny SVG building blocks shared by the charts. Text is always escaped; every chart names one font
// family (FONT) which the PNG renderer loads from a shipped TTF so text looks the same everywhere.

export const FONT = 'Inter';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

export const INK = '#1a1a1a';
export const MUTED = '#666666';
export const GRID_LINE = '#dddddd';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface TextOptions {
  size?: number;
  weight?: 'normal' | 'bold';
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  /** Degrees, around (x, y). */
  rotate?: number;
}

export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const rotate = o.rotate ? ` transform="rotate(${o.rotate} ${x} ${y})"` : '';
  return `<text x="${x}" y="${y}" font-size="${o.size ?? 13}" font-weight="${o.weight ?? 'normal'}" text-anchor="${o.anchor ?? 'start'}" fill="${o.fill ?? INK}"${rotate}>${esc(content)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, extra = ''): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="${width}"${extra ? ` ${extra}` : ''}/>`;
}

/** A whole document on a white background, title and subtitle at the top left. */
export function document(width: number, height: number, title: string, subtitle: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    rect(0, 0, width, height, '#ffffff'),
    text(24, 34, title, { size: 20, weight: 'bold' }),
    text(24, 58, subtitle, { size: 13, fill: MUTED }),
    ...body,
    '</svg>',
  ].join('\n');
}

/** A legend row of coloured swatches with labels, starting at (x, y). Returns the elements. */
export function legend(x: number, y: number, items: Array<{ label: string; color: string; dashed?: boolean; faint?: boolean }>): string[] {
  const out: string[] = [];
  let at = x;
  for (const item of items) {
    const opacity = item.faint ? ' opacity="0.35"' : '';
    out.push(line(at, y - 4, at + 22, y - 4, item.color, 3, `${item.dashed ? 'stroke-dasharray="5 3"' : ''}${opacity}`));
    out.push(text(at + 28, y, item.label, { size: 12 }));
    at += 28 + item.label.length * 7 + 22;
  }
  return out;
}
