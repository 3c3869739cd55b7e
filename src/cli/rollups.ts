// `clause5 rollups rebuild [--org <id>]`: forgets the weekly scorecard rollups and counts every
// sealed week again from the records (each organisation, or one). Scorecards never need it — a
// week is counted again whenever a write touches it — but it repairs rows `verify` finds wrong.
import type { Config } from '../config';
import { withRuntime } from './context';
import type { CliIO } from './io';

export async function rollupsRebuildCommand(config: Readonly<Config>, org: string | undefined, io: CliIO): Promise<number> {
  return withRuntime(config, { io }, async (runtime) => {
    const done = await runtime.store.admin.rebuildRollups(org, config.CLAUSE5_DEFAULT_TZ, runtime.core.deps.clock.now());
    if (done.kind === 'no-such-org') {
      io.err(`No organisation “${done.orgId}”. Leave out --org to rebuild every organisation.`);
      return 1;
    }
    if (done.kind === 'unsupported') {
      io.out(`Nothing to rebuild: ${done.reason}.`);
      return 0;
    }
    if (done.orgs.length === 0) io.out('No organisation yet: nothing to rebuild.');
    for (const { orgId, weeks, ms } of done.orgs) io.out(`${orgId}: ${weeks} weeks counted in ${Math.round(ms)} ms`);
    return 0;
  });
}
