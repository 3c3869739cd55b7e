// The operator's part of the PostgreSQL store (see ../opened.ts): secrets, platform state, the
// outbox report of `clause5 tick` and the weekly rollups' rebuild.
import { weekStart } from '../../core/time';
import type { DeliveryReportRow, StoreAdmin } from '../opened';
import { lastSealedMonday } from '../rollups-shared/plan';
import type { OpenPgDatabase } from './db';
import { createPgPlatformState } from './platform-state';
import { PgRollupRefresher } from './rollups/refresh';
import { sealStoredSecrets } from './secrets';

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
    async rebuildRollups(orgId, defaultZone, now) {
      const orgIds = (await database.query<{ id: string }>('SELECT id FROM organisations WHERE $1::text IS NULL OR id = $1 ORDER BY id', [orgId ?? null])).map(
        (r) => r.id,
      );
      if (orgId && orgIds.length === 0) return { kind: 'no-such-org', orgId };
      const refresher = new PgRollupRefresher(database.query, database.transaction);
      const orgs = [];
      for (const id of orgIds) {
        const started = performance.now();
        // Forgotten, then every sealed week since the organisation's first leader joined counted again.
        await refresher.forget(id);
        const [row] = await database.query<{ first: string | null }>("SELECT MIN(joined_on) AS first FROM people WHERE org_id = $1 AND role = 'leader'", [id]);
        const weeks = row?.first ? await refresher.refresh(id, defaultZone, now, weekStart(row.first), lastSealedMonday(now)) : 0;
        orgs.push({ orgId: id, weeks, ms: performance.now() - started });
      }
      return { kind: 'rebuilt', orgs };
    },
  };
}
