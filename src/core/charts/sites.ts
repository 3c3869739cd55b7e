// Site comparison: one group of bars per site, sorted by index (best first), the index as a thick
// dark bar and the five parts as thin coloured bars beside it. Values 0–100; n/a is drawn as a
// hatched stub labelled "n/a", never as zero.
import { document, GRID_LINE, legend, line, MUTED, OKABE_ITO, rect, text } from './svg';
import { TREND_PARTS, type TrendPartKey } from './trend';

export interface SiteBar {
  name: string;
  leaders: number;
  index: number | null;
  parts: Record<TrendPartKey, number | null>;
}

export interface SitesChartModel {
  title: string;
  subtitle: string;
  sites: SiteBar[];
}

const LEFT = 220;
const RIGHT_PAD = 60;
const TOP = 110;
const ROW = 26 + TREND_PARTS.length * 9;
export const SITES_WIDTH = 1000;

/** Best index first; n/a last; ties by name. */
export function sortSites(sites: SiteBar[]): SiteBar[] {
  return [...sites].sort((a, b) => (b.index ?? -1) - (a.index ?? -1) || a.name.localeCompare(b.name));
}

export function sitesSvg(model: SitesChartModel): string {
  const sites = sortSites(model.sites);
  const height = TOP + Math.max(1, sites.length) * ROW + 70;
  const scale = (SITES_WIDTH - LEFT - RIGHT_PAD) / 100;
  const bottom = TOP + Math.max(1, sites.length) * ROW;
  const body: string[] = [];
  for (const v of [0, 25, 50, 75, 100]) {
    body.push(line(LEFT + v * scale, TOP - 8, LEFT + v * scale, bottom, GRID_LINE));
    body.push(text(LEFT + v * scale, bottom + 18, String(v), { size: 12, anchor: 'middle', fill: MUTED }));
  }
  sites.forEach((site, i) => {
    const y = TOP + i * ROW;
    body.push(text(LEFT - 12, y + 14, site.name, { size: 14, weight: 'bold', anchor: 'end' }));
    body.push(text(LEFT - 12, y + 31, `${site.leaders} leader${site.leaders === 1 ? '' : 's'}`, { size: 11, anchor: 'end', fill: MUTED }));
    const bars: Array<{ value: number | null; color: string; h: number }> = [
      { value: site.index, color: OKABE_ITO.black, h: 16 },
      ...TREND_PARTS.map((p) => ({ value: site.parts[p.key], color: p.color, h: 7 })),
    ];
    let at = y;
    for (const bar of bars) {
      if (bar.value === null) {
        body.push(rect(LEFT, at, 18, bar.h, '#ffffff', `stroke="${bar.color}" stroke-width="1" stroke-dasharray="2 2"`));
        if (bar.h > 8) body.push(text(LEFT + 24, at + bar.h - 3, 'n/a', { size: 12, fill: MUTED }));
      } else {
        body.push(rect(LEFT, at, Math.max(1, bar.value * scale), bar.h, bar.color));
        if (bar.h > 8) body.push(text(LEFT + bar.value * scale + 6, at + bar.h - 3, String(bar.value), { size: 13, weight: 'bold' }));
      }
      at += bar.h + 2;
    }
  });
  if (sites.length === 0) body.push(text(LEFT, TOP + 14, 'No sites in scope', { fill: MUTED }));
  body.push(...legend(24, 90, [{ label: 'Leadership index', color: OKABE_ITO.black }, ...TREND_PARTS.map((p) => ({ label: p.label, color: p.color }))]));
  body.push(text(24, height - 22, 'Sorted by index, best first. Parts in %; a dashed stub means n/a (nothing was due).', { size: 12, fill: MUTED }));
  return document(SITES_WIDTH, height, model.title, model.subtitle, body);
}
