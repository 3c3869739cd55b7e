// The evidence pack as CSV files, one per table (zipped by the caller). Cells go through the
// scorecard CSV's field writer, which neutralises spreadsheet formulas.
import { csvField } from '../scorecard/render-csv';
import type { EvidencePack } from './pack';
import { packSections } from './sections';

export function renderPackCsvFiles(pack: EvidencePack): Record<string, string> {
  const files: Record<string, string> = {};
  for (const s of packSections(pack, { allFollowUps: true })) {
    if (!s.table) continue;
    files[s.table.file] = `${[s.table.header, ...s.table.rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
  }
  files['examples.csv'] = `${[['Clause', 'Title', 'Example'], ...pack.clauses.flatMap((c) => c.examples.map((e) => [c.clause, c.title, e]))]
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
  files['integrity.csv'] = `entries,head\r\n${pack.integrity.entries},${pack.integrity.head}\r\n`;
  return files;
}
