// The evidence pack as Markdown (also the chat attachment): headings an auditor can follow against
// the 9.3.2 inputs, every example dated and attributed.
import { indexText } from '../scorecard/format';
import { periodText } from '../scorecard/format';
import type { EvidencePack } from './pack';
import { packSections, type PackSection } from './sections';

function table(header: string[], rows: string[][]): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function section(s: PackSection): string[] {
  const out = [`## ${s.title}`, ''];
  if (s.intro) out.push(s.intro, '');
  if (s.table) out.push(...(s.table.rows.length ? table(s.table.header, s.table.rows) : [s.table.empty]), '');
  for (const sub of s.lists ?? []) {
    out.push(`### ${sub.title}`, '', ...(sub.items.length ? sub.items.map((i) => `- ${i.replace(/\n/g, ' ')}`) : [sub.empty ?? '- none']), '');
  }
  return out;
}

export function renderPackMarkdown(pack: EvidencePack): string {
  const scope = pack.siteName ? `${pack.orgName} — ${pack.siteName}` : pack.orgName;
  const head = pack.org && !pack.siteName ? pack.org : pack.sites[0];
  return [
    `# Leadership evidence — ${scope}`,
    '',
    `Period: ${periodText(pack.period)}. Generated ${new Date(pack.generatedAt).toISOString()} by ${pack.generatedBy}; dates are local (${pack.zone}).`,
    '',
    `Leadership index: ${head ? indexText(head.index, head.previousIndex, head.trend) : 'n/a'}`,
    '',
    ...packSections(pack).flatMap(section),
  ].join('\n');
}
