// `clause5 scorecard [@leader | site <name> | all] [period] --format table|csv|json [--org <id>]`.
import type { Config } from '../config';
import { scorecardReport } from '../core/scorecard/report';
import { isUserError } from '../core/errors';
import type { ScorecardArgs } from './scorecard-args';
import { chooseOrg } from './org';
import { withRuntime } from './context';
import { CliFailure, type CliIO } from './io';

export type ReportFormat = 'table' | 'csv' | 'json';

export async function scorecardCommand(config: Readonly<Config>, args: ScorecardArgs & { format: ReportFormat; org?: string }, io: CliIO): Promise<number> {
  return withRuntime(config, { io }, async (runtime) => {
    const orgId = await chooseOrg(runtime.store, args.org);
    try {
      const report = await scorecardReport(runtime.core.deps, { orgId, target: args.target, period: args.period, format: args.format });
      io.out(report.replace(/\n$/, ''));
      return 0;
    } catch (error) {
      if (isUserError(error)) throw new CliFailure(error.message);
      throw error;
    }
  });
}
