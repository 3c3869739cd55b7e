// The audit log on PostgreSQL. Several instances may record changes of one organisation at once:
// each write takes a per-organisation advisory lock for its transaction before it reads the chain's
// head, so two writers never link to the same previous entry (SQLite gets this from its one writer).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../../db/pg/schema';
import type { AuditEntry, AuditRepo } from '../../core/people/repo';
import { type AuditInput, auditRowValues, GENESIS, toAuditEntry } from '../shared/audit-hash';
import type { PgDb } from './db';

/** Takes the organisation's audit-chain lock until the transaction ends (writeAudit does; a change of many rows takes it first). */
export async function lockAuditChain(tx: PgDb, orgId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('clause5.audit'), hashtext(${orgId}))`);
}

/**
 * A transaction that will write audit rows of the organisation, holding its audit-chain lock from
 * the start: every such transaction takes that lock before any row lock, so two of them never wait
 * for each other in opposite orders (a roster import against a single edit of one of its people).
 */
export function auditedTransaction<T>(db: PgDb, orgId: string, body: (tx: PgDb) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockAuditChain(tx, orgId);
    return body(tx);
  });
}

/** Writes one audit row chained to the organisation's previous one; call it inside the change's transaction. */
export async function writeAudit(tx: PgDb, entry: AuditInput): Promise<void> {
  await lockAuditChain(tx, entry.orgId);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.orgId, entry.orgId)).orderBy(desc(auditLog.id)).limit(1);
  await tx.insert(auditLog).values(auditRowValues(entry, last?.hash ?? GENESIS));
}

export class PgAuditRepo implements AuditRepo {
  constructor(private readonly db: PgDb) {}

  async history(orgId: string, entity: string, entityId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
      .orderBy(asc(auditLog.id));
    return rows.map(toAuditEntry);
  }

  async recent(orgId: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.select().from(auditLog).where(eq(auditLog.orgId, orgId)).orderBy(desc(auditLog.id)).limit(limit);
    return rows.map(toAuditEntry);
  }
}
