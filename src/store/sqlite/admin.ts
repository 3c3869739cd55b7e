// The operator's part of the SQLite store (see ../opened.ts): secrets, platform state, the outbox
// report of `clause5 tick` and the rollups rebuild, over the store's own connection.
import { resolve } from 'node:path';
import type { DeliveryReportRow, StoreAdmin } from '../opened';
import type { OpenDatabase } from './db';
import { createSqlitePlatformState } from './platform-state';
import { rebuildRollups } from './rollups/rebuild';
import { RollupRefresher } from './rollups/refresh';
import { ScorecardQueries } from './scorecard-queries';
import { sealStoredSecrets } from './secrets';

export function createSqliteAdmin(database: OpenDatabase): StoreAdmin {
  const { sqlite } = database;
  return {
    where: database.path === ':memory:' ? ':memory:' : resolve(database.path),
    isOpen: () => sqlite.open,
    sealSecrets: async (box, options) => sealStoredSecrets(database, box, options),
    platformState: (now, secrets) => createSqlitePlatformState(database, now, secrets),
    async deliveryMark() {
      const maxId = (sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM deliveries').get() as { id: number }).id;
      const openIds = sqlite.prepare("SELECT id FROM deliveries WHERE status IN ('pending', 'sending') ORDER BY id").pluck().all() as number[];
      return { maxId, openIds };
    },
    async deliveriesSince(mark) {
      return sqlite
        .prepare(
          `SELECT id, org_id AS orgId, kind, person_id AS personId, channel, status, due_at AS dueAt, last_error AS lastError
           FROM deliveries WHERE id > ? OR id IN (SELECT value FROM json_each(?)) ORDER BY id`,
        )
        .all(mark.maxId, JSON.stringify(mark.openIds)) as DeliveryReportRow[];
    },
    async rebuildRollups(orgId, defaultZone, now) {
      if (orgId && !sqlite.prepare('SELECT 1 FROM organisations WHERE id = ?').get(orgId)) return { kind: 'no-such-org', orgId };
      const orgIds = orgId ? [orgId] : (sqlite.prepare('SELECT id FROM organisations ORDER BY id').pluck().all() as string[]);
      const refresher = new RollupRefresher(sqlite, new ScorecardQueries(sqlite));
      return { kind: 'rebuilt', orgs: orgIds.map((id) => rebuildRollups(sqlite, refresher, id, defaultZone, now)) };
    },
  };
}
