// Entries written before the audit chain existed join it at start-up, oldest first (as on SQLite,
// store/sqlite/audit-chain.ts): a database filled by an older version, or by hand. Runs on the one
// connection that holds the migration lock, so two instances starting together never chain twice.
import { chainUnchained, GENESIS, type UnchainedRow } from '../shared/audit-hash';
import type { Query } from './db';

/** The partial index audit_unchained makes this cheap when there is nothing to do (every start). */
const UNCHAINED = 'SELECT id, org_id, actor_id, entity, entity_id, action, before, after, at FROM audit_log WHERE hash IS NULL ORDER BY id';

/** Chains what is unchained in one transaction; `query` must be a single connection (not a pool). */
export async function chainUnchainedEntries(query: Query): Promise<number> {
  await query('BEGIN');
  try {
    const rows = await query<UnchainedRow & Record<string, unknown>>(UNCHAINED);
    const heads = new Map<string, string>();
    for (const orgId of new Set(rows.map((r) => r.org_id))) {
      const [head] = await query<{ hash: string }>('SELECT hash FROM audit_log WHERE org_id = $1 AND hash IS NOT NULL ORDER BY id DESC LIMIT 1', [orgId]);
      heads.set(orgId, head?.hash ?? GENESIS);
    }
    for (const c of chainUnchained(rows, (orgId) => heads.get(orgId)!)) {
      await query('UPDATE audit_log SET salt = $1, before_digest = $2, after_digest = $3, prev_hash = $4, hash = $5 WHERE id = $6', [
        c.salt,
        c.beforeDigest,
        c.afterDigest,
        c.prevHash,
        c.hash,
        c.id,
      ]);
    }
    await query('COMMIT');
    return rows.length;
  } catch (error) {
    await query('ROLLBACK');
    throw error;
  }
}
