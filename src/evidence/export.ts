// The evidence pack in each file format: md and html as text, pdf (pdfkit), csv and zip as a zip
// archive (fflate) of one CSV per table — zip also carries the Markdown and HTML versions.
import { strToU8, zipSync } from 'fflate';
import type { EvidencePack } from '../core/evidence/pack';
import { renderPackCsvFiles } from '../core/evidence/render-csv';
import { renderPackHtml } from '../core/evidence/render-html';
import { renderPackMarkdown } from '../core/evidence/render-md';
import { renderPackPdf } from './pdf';

export const PACK_FORMATS = ['md', 'html', 'pdf', 'csv', 'zip'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export async function exportPack(pack: EvidencePack, format: PackFormat): Promise<Buffer> {
  switch (format) {
    case 'md':
      return Buffer.from(renderPackMarkdown(pack));
    case 'html':
      return Buffer.from(renderPackHtml(pack));
    case 'pdf':
      return renderPackPdf(pack);
    case 'csv':
    case 'zip': {
      const files: Record<string, Uint8Array> = {};
      for (const [name, content] of Object.entries(renderPackCsvFiles(pack))) files[name] = strToU8(content);
      if (format === 'zip') {
        files['evidence.md'] = strToU8(renderPackMarkdown(pack));
        files['evidence.html'] = strToU8(renderPackHtml(pack));
      }
      return Buffer.from(zipSync(files));
    }
  }
}
