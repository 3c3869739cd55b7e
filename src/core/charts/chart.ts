// One entry point for "scorecard … chart [trend|grid|sites]": builds the chart model from the
// scorecard figures and returns it as an SVG attachment (platforms turn it into a PNG).
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import type { Attachment } from '../model';
import type { Period } from '../scorecard/period';
import type { ScorecardTarget } from '../scorecard/types';
import { sitesChart, trendChart, walkGridChart } from './data';
import { walkGridSvg } from './grid';
import { sitesSvg } from './sites';
import { trendSvg } from './trend';

export const CHART_KINDS = ['trend', 'grid', 'sites'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
export const CHART_MIME = 'image/svg+xml';

export function parseChartKind(word: string | undefined): ChartKind {
  const kind = (word ?? 'trend').toLowerCase();
  if ((CHART_KINDS as readonly string[]).includes(kind)) return kind as ChartKind;
  throw new UserError(`“${word}” is not a chart. Charts: trend (index by week or month), grid (floor walks by week), sites (sites compared).`);
}

export interface ChartOutput {
  attachment: Attachment;
  /** One line saying what the chart shows (alt text and message summary). */
  title: string;
}

function fileSlug(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'chart'
  );
}

export async function buildChart(deps: CoreDeps, orgId: string, target: ScorecardTarget, period: Period, kind: ChartKind): Promise<ChartOutput> {
  if (kind === 'sites' && target.kind === 'leader')
    throw new UserError('The sites chart compares sites: ask for it with “all” (scorecard all month chart sites).');
  let svg: string;
  let title: string;
  if (kind === 'trend') {
    const model = await trendChart(deps, orgId, target, period);
    [svg, title] = [trendSvg(model), model.title];
  } else if (kind === 'grid') {
    const model = await walkGridChart(deps, orgId, target, period);
    [svg, title] = [walkGridSvg(model), model.title];
  } else {
    const model = await sitesChart(deps, orgId, period);
    [svg, title] = [sitesSvg(model), model.title];
  }
  return { title, attachment: { filename: `chart-${kind}-${fileSlug(period.label)}.svg`, mimeType: CHART_MIME, content: svg } };
}
