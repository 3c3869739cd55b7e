// Retention, once a day: the first scheduler pass of each UTC day removes, for every organisation,
// the records older than its retention settings (core/retention/policy.ts). Each removal is one
// transaction with its chained entry; a second process doing the same finds nothing left to remove.
import type { CoreDeps } from '../core/deps';
import type { Logger } from '../core/ports';
import { RETENTION_KINDS, retentionCutoff } from '../core/retention/policy';

export const RETENTION_DAY_KEY = 'retention_ran_on';

export async function runDailyRetention(deps: CoreDeps, now: number, log: Logger): Promise<boolean> {
  const today = new Date(now).toISOString().slice(0, 10);
  if ((await deps.store.getState(RETENTION_DAY_KEY)) === today) return false;
  for (const org of await deps.store.orgs.list()) {
    for (const kind of RETENTION_KINDS) {
      const setting = org.settings.retention?.[kind];
      if (!setting) continue;
      try {
        const run = await deps.store.retention.apply(org.id, kind, retentionCutoff(setting, now), setting);
        if (Object.keys(run.removed).length) log.info({ orgId: org.id, kind, setting, removed: run.removed }, 'retention: old records removed');
      } catch (err) {
        log.error({ err, orgId: org.id, kind, setting }, 'retention: could not remove old records; tried again tomorrow');
      }
    }
  }
  await deps.store.setState(RETENTION_DAY_KEY, today);
  return true;
}
