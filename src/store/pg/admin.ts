// The operator's part of the PostgreSQL store (see ../opened.ts): secrets, platform state, the
// outbox report of `clause5 tick`. Weekly rollups exist only on SQLite so far.
import type { DeliveryReportRow, StoreAdmin } from '../opened';
import type { OpenPgDatabase } from './db';
import { createPgPlatformState } from './platform-state';
import { sealStoredSecrets } from './secrets';

export const NO_ROLLUPS_ON_POSTGRES =
  'the weekly scorecard rollups exist only on SQLite so far: on PostgreSQL scorecards are always counted from the records, so there is nothing to rebuild';

/** `where` names the database for messages; `isOpen` is the store's own view of its connection. */
export function createPgAdmin(database: OpenPgDatabase, where: string, isOpen: () => boolean): StoreAdmin {
  return {
    where,
    isOpen,
    sealSecrets: (box, options) => sealStoredSecrets(database, box, options),
    platformState: (now, secrets) => createPgPlatformState(database, now, secrets),
    async deliveryMark() {
      const [max] = await database.query<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM deliveries');
      const open = await database.query<{ id: number }>("SELECT id FROM deliveries WHERE status IN ('pending', 'sending') ORDER BY id");
      return { maxId: Number(max?.id ?? 0), openIds: open.map((r) => r.id) };
    },
    async deliveriesSince(mark) {
      const rows = await database.query<DeliveryReportRow & Record<string, unknown>>(
        `SELECT id, org_id AS "orgId", kind, person_id AS "personId", channel, status, due_at AS "dueAt", last_error AS "lastError"
           FROM deliveries WHERE id > $1 OR id = ANY($2::int[]) ORDER BY id`,
        [mark.maxId, mark.openIds],
      );
      return rows.map((r) => ({ ...r, id: Number(r.id), dueAt: Number(r.dueAt) }));
    },
    rebuildRollups: async () => ({ kind: 'unsupported', reason: NO_ROLLUPS_ON_POSTGRES }),
  };
}
