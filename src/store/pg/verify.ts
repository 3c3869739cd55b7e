// `clause5 verify` on PostgreSQL: the checks are engine-neutral (shared/verify.ts); this reads them
// from the database, the audit log in pages of PAGE entries (keyset on the id), so a long log is
// never held whole in memory.
import type { Store } from '../../core/ports';
import { ERASURE_ENTITY, RETENTION_ENTITY } from '../shared/privacy';
import { type VerifyAuditRow, type VerifyReader, type VerifyResult, verifyWith } from '../shared/verify';
import type { Query } from './db';

const PAGE = 5_000;

/** The repositories verify loads live records with. */
export type RecordStore = Pick<Store, 'walks' | 'wins' | 'followUps' | 'meetings' | 'customPrompts'>;

function pgReader(query: Query): VerifyReader {
  return {
    orgIds: async () => (await query<{ id: string }>('SELECT id FROM organisations ORDER BY id COLLATE "C"')).map((o) => o.id),
    async *auditRows(orgId) {
      let after = 0;
      for (;;) {
        const page = await query<VerifyAuditRow & Record<string, unknown>>('SELECT * FROM audit_log WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3', [
          orgId,
          after,
          PAGE,
        ]);
        yield* page;
        if (page.length < PAGE) return;
        after = page[page.length - 1]!.id;
      }
    },
    redactionEntries: (orgId) =>
      query<{ id: number; entity: string; after: string }>(
        'SELECT id, entity, after FROM audit_log WHERE org_id = $1 AND entity IN ($2, $3) AND after IS NOT NULL ORDER BY id',
        [orgId, RETENTION_ENTITY, ERASURE_ENTITY],
      ),
    liveIds: async (table, idColumn, orgId) =>
      (await query<{ id: number }>(`SELECT "${idColumn}" AS id FROM "${table}" WHERE org_id = $1 ORDER BY "${idColumn}"`, [orgId])).map((r) => r.id),
    history: (orgId, entity, entityId) =>
      query<{ action: string; after: string | null }>('SELECT action, after FROM audit_log WHERE org_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY id', [
        orgId,
        entity,
        entityId,
      ]),
    auditedIds: async (orgId, entity) =>
      (
        await query<{ entity_id: string }>("SELECT DISTINCT entity_id FROM audit_log WHERE org_id = $1 AND entity = $2 AND action <> 'delete'", [orgId, entity])
      ).map((r) => r.entity_id),
  };
}

/** Verifies the record on PostgreSQL; `store` loads the live records as their models. */
export async function verifyPgRecord(query: Query, store: RecordStore, onlyOrg?: string): Promise<VerifyResult> {
  return verifyWith(pgReader(query), store, onlyOrg);
}
