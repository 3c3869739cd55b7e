// `clause5 rollups rebuild [--org <id>]`: forgets the weekly scorecard rollups and counts every
// sealed week again from the records (each organisation, or one). Scorecards never need it — a
// week is counted again whenever a write touches it — but it repairs rows `verify` finds wrong.
import type { Config } from '../config';
import { rebuildRollups } from '../store/sqlite/rollups/rebuild';
import { RollupRefresher } from '../store/sqlite/rollups/refresh';
import { ScorecardQueries } from '../store/sqlite/scorecard-queries';
import { withRuntime } from './context';
import type { CliIO } from './io';

export async function rollupsRebuildCommand(config: Readonly<Config>, org: string | undefined, io: CliIO): Promise<number> {
  return withRuntime(config, {}, async (runtime) => {
    const sqlite = runtime.store.database.sqlite;
    const orgs = org ? [org] : (sqlite.prepare('SELECT id FROM organisations ORDER BY id').pluck().all() as string[]);
    if (org && !sqlite.prepare('SELECT 1 FROM organisations WHERE id = ?').get(org)) {
      io.err(`No organisation “${org}”. Leave out --org to rebuild every organisation.`);
      return 1;
    }
    const refresher = new RollupRefresher(sqlite, new ScorecardQueries(sqlite));
    for (const id of orgs) {
      const done = rebuildRollups(sqlite, refresher, id, config.CLAUSE5_DEFAULT_TZ, runtime.core.deps.clock.now());
      io.out(`${id}: ${done.weeks} weeks counted in ${Math.round(done.ms)} ms`);
    }
    return 0;
  });
}
