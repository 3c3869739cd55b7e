// `clause5 scorecard … chart [trend|grid|sites] --format png --out f.png`: the chart as a PNG file.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config';
import { buildChart, parseChartKind } from '../core/charts/chart';
import { isUserError } from '../core/errors';
import { resolveTarget } from '../core/scorecard/target';
import { parsePeriod } from '../core/scorecard/period';
import { targetRequest } from '../core/scorecard/report';
import { localDateOf } from '../core/time';
import { svgToPng } from '../platforms/chart-png';
import { withRuntime } from './context';
import { CliFailure, type CliIO } from './io';
import { chooseOrg } from './org';
import type { ScorecardArgs } from './scorecard-args';

export async function scorecardChartCommand(
  config: Readonly<Config>,
  args: ScorecardArgs & { chart: string; out: string; org?: string },
  io: CliIO,
): Promise<number> {
  return withRuntime(config, { io }, async (runtime) => {
    const deps = runtime.core.deps;
    const orgId = await chooseOrg(runtime.store, args.org);
    try {
      const kind = parseChartKind(args.chart);
      const period = parsePeriod(args.period ?? '', localDateOf(deps.clock.now(), deps.settings.defaultTimeZone));
      const target = await resolveTarget(deps, orgId, null, targetRequest(args.target));
      const started = performance.now();
      const chart = await buildChart(deps, orgId, target, period, kind);
      const png = svgToPng(chart.attachment.content);
      const path = resolve(args.out);
      writeFileSync(path, png);
      io.out(`${chart.title}\nWrote ${path} (${png.length} bytes, ${Math.round(performance.now() - started)} ms)`);
      return 0;
    } catch (error) {
      if (isUserError(error)) throw new CliFailure(error.message);
      throw error;
    }
  });
}
