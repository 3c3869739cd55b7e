// `clause5 verify` on SQLite: the checks are engine-neutral (shared/verify.ts); this reads them
// from the file, the audit log streamed row by row.
import type { SqliteStore } from './index';
import { checkRollups } from './rollups/rebuild';
import { RollupRefresher } from './rollups/refresh';
import { ScorecardQueries } from './scorecard-queries';
import { type VerifyAuditRow, type VerifyReader, type VerifyResult, verifyWith } from '../shared/verify';
import { ERASURE_ENTITY, RETENTION_ENTITY } from '../shared/privacy';

export type { VerifyProblem, VerifyResult } from '../shared/verify';

function sqliteReader(store: SqliteStore, now: () => number): VerifyReader {
  const sqlite = store.database.sqlite;
  const history = sqlite.prepare('SELECT action, after FROM audit_log WHERE org_id = ? AND entity = ? AND entity_id = ? ORDER BY id');
  const audited = sqlite.prepare("SELECT DISTINCT entity_id FROM audit_log WHERE org_id = ? AND entity = ? AND action != 'delete'");
  return {
    // The rollups are a second copy of the scorecard's counts: each counted week must match a fresh
    // count, made at the store's "now" — the instant the pass counted its weeks by (a week counted at
    // a `tick --at` instant is not over yet by a clock behind it).
    copiesProblem: async (orgId) => {
      const reason = checkRollups(sqlite, new RollupRefresher(sqlite, new ScorecardQueries(sqlite)), orgId, now());
      return reason ? { where: 'scorecard rollups', reason } : undefined;
    },
    orgIds: async () => (sqlite.prepare('SELECT id FROM organisations ORDER BY id').all() as Array<{ id: string }>).map((o) => o.id),
    auditRows: (orgId) => sqlite.prepare('SELECT * FROM audit_log WHERE org_id = ? ORDER BY id').iterate(orgId) as IterableIterator<VerifyAuditRow>,
    redactionEntries: async (orgId) =>
      sqlite
        .prepare('SELECT id, entity, after FROM audit_log WHERE org_id = ? AND entity IN (?, ?) AND after IS NOT NULL ORDER BY id')
        .all(orgId, RETENTION_ENTITY, ERASURE_ENTITY) as Array<{ id: number; entity: string; after: string }>,
    liveIds: async (table, idColumn, orgId) =>
      (sqlite.prepare(`SELECT ${idColumn} AS id FROM ${table} WHERE org_id = ? ORDER BY ${idColumn}`).all(orgId) as Array<{ id: number }>).map((r) => r.id),
    history: async (orgId, entity, entityId) => history.all(orgId, entity, entityId) as Array<{ action: string; after: string | null }>,
    auditedIds: async (orgId, entity) => (audited.all(orgId, entity) as Array<{ entity_id: string }>).map((r) => r.entity_id),
  };
}

export async function verifyRecord(store: SqliteStore, onlyOrg: string | undefined, now: () => number): Promise<VerifyResult> {
  return verifyWith(sqliteReader(store, now), store, onlyOrg);
}
