// The evidence pack as one printable HTML file (A4 and Letter: the page box is set by the printer;
// margins and breaks are chosen to fit both). Every text is escaped.
import { indexText, periodText } from '../scorecard/format';
import type { EvidencePack } from './pack';
import { packSections, type PackSection } from './sections';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
@page { margin: 18mm 15mm; }
body { font-family: "Inter", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin-bottom: 2pt; } h2 { font-size: 13pt; margin-top: 18pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; } th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eef2f5; } tr { break-inside: avoid; } ul { margin: 4pt 0; padding-left: 16pt; } li { margin: 1pt 0; }
.meta { color: #444; } code { font-size: 9pt; word-break: break-all; }`;

function section(s: PackSection): string {
  const parts = [`<h2>${escapeHtml(s.title)}</h2>`];
  if (s.intro) parts.push(`<p>${escapeHtml(s.intro)}</p>`);
  if (s.table) {
    parts.push(
      s.table.rows.length
        ? `<table><thead><tr>${s.table.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`
        : `<p>${escapeHtml(s.table.empty)}</p>`,
    );
  }
  for (const list of s.lists ?? []) {
    parts.push(
      `<h3>${escapeHtml(list.title)}</h3>`,
      list.items.length ? `<ul>${list.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : `<p>${escapeHtml(list.empty ?? 'None.')}</p>`,
    );
  }
  return parts.join('\n');
}

export function renderPackHtml(pack: EvidencePack): string {
  const scope = pack.siteName ? `${pack.orgName} — ${pack.siteName}` : pack.orgName;
  const head = pack.org && !pack.siteName ? pack.org : pack.sites[0];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`Leadership evidence — ${scope}`)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(`Leadership evidence — ${scope}`)}</h1>
<p class="meta">${escapeHtml(`Period: ${periodText(pack.period)}. Generated ${new Date(pack.generatedAt).toISOString()} by ${pack.generatedBy}; dates are local (${pack.zone}).`)}</p>
<p><strong>Leadership index:</strong> ${escapeHtml(head ? indexText(head.index, head.previousIndex, head.trend) : 'n/a')}</p>
${packSections(pack).map(section).join('\n')}
</body></html>
`;
}
