// The evidence pack as a PDF (pdfkit, no browser): A4 pages, the Inter font shipped in
// node_modules (so names in any Latin script print the same everywhere), tables that wrap their
// cells and repeat their header on a new page, and page numbers with the chain head in the footer.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { indexText, periodText } from '../core/scorecard/format';
import type { EvidencePack } from '../core/evidence/pack';
import { packSections, type PackTable } from '../core/evidence/sections';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf');

const MARGIN = 48;
const SIZE = 9;

type Doc = InstanceType<typeof PDFDocument>;

function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= doc.page.height - MARGIN - 20) return false;
  doc.addPage();
  return true;
}

/** The longest of `texts` by characters (measuring every cell in points would be slow on a year's pack). */
function longest(texts: string[]): string {
  let best = '';
  for (const t of texts) if (t.length > best.length) best = t;
  return best;
}

/** The longest word in `texts` (a cell no longer than the best word so far is skipped unsplit). */
function longestWord(texts: string[]): string {
  let best = '';
  for (const t of texts) if (t.length > best.length) best = longest([best, ...t.split(/\s+/)]);
  return best;
}

/**
 * Column widths in points. Each column gets at least its longest word (capped, so a long JSON value
 * still wraps) — no name breaks letter by letter — and the room left is shared in proportion to how
 * much more each column's longest cell wants.
 */
function columnWidths(doc: Doc, table: PackTable, width: number): number[] {
  const pad = 6;
  const measure = (text: string, bold: boolean) =>
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(SIZE)
      .widthOfString(text) + pad;
  const columns = table.header.map((_, i) => table.rows.map((r) => r[i] ?? ''));
  const least = table.header.map((h, i) => Math.min(90, Math.max(measure(longest(h.split(' ')), true), measure(longestWord(columns[i]!), false))));
  const wanted = table.header.map((h, i) => Math.max(least[i]!, Math.min(220, Math.max(measure(h, true), measure(longest(columns[i]!), false)))));
  const sumLeast = least.reduce((a, b) => a + b, 0);
  const sumWanted = wanted.reduce((a, b) => a + b, 0);
  if (sumWanted <= width) return wanted.map((w) => (w / sumWanted) * width);
  if (sumLeast >= width) return least.map((w) => (w / sumLeast) * width);
  const share = (width - sumLeast) / (sumWanted - sumLeast);
  return least.map((l, i) => l + (wanted[i]! - l) * share);
}

function tableRows(doc: Doc, table: PackTable): void {
  const widths = columnWidths(doc, table, doc.page.width - 2 * MARGIN);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(SIZE);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    if (ensureSpace(doc, height) && !bold) row(table.header, true);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      if (bold) doc.rect(x, y, widths[i]!, height).fill('#eef2f5').fillColor('#111');
      doc.rect(x, y, widths[i]!, height).lineWidth(0.5).stroke('#bbbbbb');
      doc
        .font(bold ? 'bold' : 'regular')
        .fontSize(SIZE)
        .fillColor('#111')
        .text(c, x + 3, y + 3, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  row(table.header, true);
  for (const r of table.rows) row(r, false);
  doc.moveDown(0.5);
}

export function renderPackPdf(pack: EvidencePack): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: `Leadership evidence — ${pack.orgName}`, Author: 'Clause5' } });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const scope = pack.siteName ? `${pack.orgName} — ${pack.siteName}` : pack.orgName;
  const head = pack.org && !pack.siteName ? pack.org : pack.sites[0];
  doc.font('bold').fontSize(18).text(`Leadership evidence — ${scope}`);
  doc
    .font('regular')
    .fontSize(SIZE + 1)
    .fillColor('#444')
    .text(`Period: ${periodText(pack.period)}. Generated ${new Date(pack.generatedAt).toISOString()} by ${pack.generatedBy}; dates are local (${pack.zone}).`);
  doc
    .fillColor('#111')
    .moveDown(0.5)
    .font('bold')
    .text(`Leadership index: ${head ? indexText(head.index, head.previousIndex, head.trend) : 'n/a'}`);
  for (const s of packSections(pack)) {
    ensureSpace(doc, 60);
    doc.moveDown(0.8).font('bold').fontSize(13).text(s.title);
    doc.moveDown(0.2);
    if (s.intro)
      doc
        .font('regular')
        .fontSize(SIZE + 1)
        .text(s.intro)
        .moveDown(0.3);
    if (s.table)
      s.table.rows.length
        ? tableRows(doc, s.table)
        : doc
            .font('regular')
            .fontSize(SIZE + 1)
            .text(s.table.empty);
    for (const list of s.lists ?? []) {
      ensureSpace(doc, 30);
      doc
        .moveDown(0.3)
        .font('bold')
        .fontSize(SIZE + 1)
        .text(list.title);
      doc.font('regular').fontSize(SIZE);
      if (list.items.length === 0) doc.text(list.empty ?? 'None.');
      for (const item of list.items) doc.text(`• ${item}`, { indent: 8 });
    }
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page: lift the margin first.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor('#666')
      .text(`Page ${i + 1} of ${range.count} · chain head ${pack.integrity.head}`, MARGIN, doc.page.height - MARGIN + 10, {
        width: doc.page.width - 2 * MARGIN,
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
