// What `verify` must accept as legitimately changed or gone: records removed by a retention run
// (their audit entries blanked) and audit entries rewritten by an erasure (checked against the
// digests the erasure entry lists). Both kinds of entry are themselves in the chain, so they are
// checked too: a forged or edited one breaks the chain where it stands.
import type Database from 'better-sqlite3';
import { ERASURE_ENTITY, type ErasureContent } from './erase';
import { RETENTION_ENTITY, type RetentionContent } from './retention';

export interface Redactions {
  /** 'entity id' of a removed record → id of the retention entry that removed it. */
  removed: Map<string, number>;
  /** Audit entry id → the digests of its content after the (latest) erasure rewrote it. */
  rewritten: Map<number, { before: string | null; after: string | null; by: number }>;
}

export function loadRedactions(sqlite: Database.Database, orgId: string): Redactions {
  const rows = sqlite
    .prepare('SELECT id, entity, after FROM audit_log WHERE org_id = ? AND entity IN (?, ?) AND after IS NOT NULL ORDER BY id')
    .all(orgId, RETENTION_ENTITY, ERASURE_ENTITY) as Array<{ id: number; entity: string; after: string }>;
  const result: Redactions = { removed: new Map(), rewritten: new Map() };
  for (const row of rows) {
    let content: unknown;
    try {
      content = JSON.parse(row.after);
    } catch {
      continue; // an edited entry: the chain check reports it
    }
    if (row.entity === RETENTION_ENTITY) {
      for (const [entity, ids] of Object.entries((content as RetentionContent).removed ?? {})) {
        for (const id of ids) result.removed.set(`${entity} ${id}`, row.id);
      }
    } else {
      for (const [id, before, after] of (content as ErasureContent).entries ?? []) result.rewritten.set(id, { before, after, by: row.id });
    }
  }
  return result;
}

/** Whether a record the audit log knows was removed by a retention run. */
export function removedByRetention(redactions: Redactions, entity: string, entityId: string): boolean {
  return redactions.removed.has(`${entity} ${entityId}`);
}
