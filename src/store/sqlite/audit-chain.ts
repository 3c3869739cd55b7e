// The audit log as a tamper-evident record: each organisation's entries form a hash chain.
// entry hash = SHA-256(prev hash, org, actor, entity, id, action, at, digest(before), digest(after)),
// where digest(x) = SHA-256(salt + x) with a random salt per entry. Changing, deleting or reordering
// an entry breaks the chain at that entry; the head hash, printed in evidence packs, lets an
// auditor check later that nothing was appended after it was removed either. Because the hash covers
// digests, not content, an erasure or a retention run can rewrite or blank an entry's content and say
// so in an entry of its own (store/sqlite/privacy/), and the chain still verifies.
import type Database from 'better-sqlite3';
import { type ChainFields, contentDigest, entryHash, GENESIS, newSalt } from '../shared/audit-hash';

export { type ChainFields, contentDigest, entryHash, GENESIS, newSalt } from '../shared/audit-hash';

/** The hash of an organisation's newest chained entry (GENESIS when it has none). */
export function chainHead(sqlite: Database.Database, orgId: string): string {
  const row = sqlite.prepare('SELECT hash FROM audit_log WHERE org_id = ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1').get(orgId) as
    | { hash: string }
    | undefined;
  return row?.hash ?? GENESIS;
}

/** An audit_log row as SQLite returns it (snake_case columns). */
export interface AuditRowText {
  id: number;
  org_id: string;
  actor_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  at: number;
}

/** The chained fields of a row, with its content digests (given, or computed with `salt`). */
export function chainFieldsOf(row: AuditRowText, digests: { beforeDigest: string | null; afterDigest: string | null }): ChainFields {
  return { orgId: row.org_id, actorId: row.actor_id, entity: row.entity, entityId: row.entity_id, action: row.action, at: row.at, ...digests };
}

/**
 * Chains entries written before the chain existed (a database from an earlier version), oldest
 * first, in one transaction. From then on every entry is chained as it is written.
 */
export function chainUnchainedEntries(sqlite: Database.Database): number {
  const rows = sqlite
    .prepare('SELECT id, org_id, actor_id, entity, entity_id, action, before, after, at FROM audit_log WHERE hash IS NULL ORDER BY id')
    .all() as AuditRowText[];
  if (rows.length === 0) return 0;
  const update = sqlite.prepare('UPDATE audit_log SET salt = ?, before_digest = ?, after_digest = ?, prev_hash = ?, hash = ? WHERE id = ?');
  sqlite.transaction(() => {
    const heads = new Map<string, string>();
    for (const row of rows) {
      const prev = heads.get(row.org_id) ?? chainHead(sqlite, row.org_id);
      const salt = newSalt();
      const fields = chainFieldsOf(row, { beforeDigest: contentDigest(salt, row.before), afterDigest: contentDigest(salt, row.after) });
      const hash = entryHash(prev, fields);
      update.run(salt, fields.beforeDigest, fields.afterDigest, prev, hash, row.id);
      heads.set(row.org_id, hash);
    }
  })();
  return rows.length;
}
