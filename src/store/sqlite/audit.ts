// The audit log: every change to a record, with the earlier version kept in `before`.
import { and, asc, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import type { AuditEntry, AuditRepo } from '../../core/people/repo';
import { type AuditInput, auditRowValues, GENESIS, toAuditEntry as toEntry } from '../shared/audit-hash';
import type { Db } from './db';

export type { AuditInput } from '../shared/audit-hash';

/**
 * Writes one audit row, chained to the organisation's previous one (audit-chain.ts); call it inside
 * the same transaction as the change, so that the chain's head is read and extended atomically.
 */
export function writeAudit(db: Db, entry: AuditInput): void {
  const last = db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.orgId, entry.orgId)).orderBy(desc(auditLog.id)).limit(1).get();
  db.insert(auditLog)
    .values(auditRowValues(entry, last?.hash ?? GENESIS))
    .run();
}

export class SqliteAuditRepo implements AuditRepo {
  constructor(private readonly db: Db) {}

  async history(orgId: string, entity: string, entityId: string): Promise<AuditEntry[]> {
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
      .orderBy(asc(auditLog.id))
      .all()
      .map(toEntry);
  }

  async recent(orgId: string, limit: number): Promise<AuditEntry[]> {
    return this.db.select().from(auditLog).where(eq(auditLog.orgId, orgId)).orderBy(desc(auditLog.id)).limit(limit).all().map(toEntry);
  }
}
