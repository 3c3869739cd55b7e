// Draws the two Teams app icons into manifests/teams/: color.png (192×192, a white ring and tick
// on Clause5 blue) and outline.png (32×32, the same shape in white on transparent, as Teams
// requires). Run: npx tsx scripts/teams-icons.ts — the PNGs are committed; rerun only to redraw.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const BLUE: Rgba = [0x1d, 0x4e, 0x89, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Coverage (0..1) of the emblem at a point of the unit square: a ring with a tick inside. */
function emblem(x: number, y: number): number {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  const ring = r > 0.33 && r < 0.4 ? 1 : 0;
  const tick = Math.min(distanceToSegment(x, y, 0.34, 0.52, 0.46, 0.63), distanceToSegment(x, y, 0.46, 0.63, 0.67, 0.39)) < 0.04 ? 1 : 0;
  return Math.max(ring, tick);
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** Renders with 4×4 supersampling so the edges are smooth. */
export function drawIcon(size: number, background: Rgba, foreground: Rgba): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cover = 0;
      for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) cover += emblem((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
      const a = cover / (n * n);
      const i = (y * size + x) * 4;
      const fgA = (foreground[3] / 255) * a;
      const bgA = (background[3] / 255) * (1 - fgA);
      const outA = fgA + bgA;
      for (let c = 0; c < 3; c++) pixels[i + c] = outA ? Math.round((foreground[c]! * fgA + background[c]! * bgA) / outA) : 0;
      pixels[i + 3] = Math.round(outA * 255);
    }
  }
  return encodePng(size, size, pixels);
}

export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('../manifests/teams/', import.meta.url);
  writeFileSync(new URL('color.png', dir), drawIcon(192, BLUE, WHITE));
  writeFileSync(new URL('outline.png', dir), drawIcon(32, CLEAR, WHITE));
  console.log('Wrote manifests/teams/color.png (192×192) and outline.png (32×32).');
}
