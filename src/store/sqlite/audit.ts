// The audit log: every change to a record, with the earlier version kept in `before`.
import { and, asc, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import type { AuditEntry, AuditRepo } from '../../core/people/repo';
import { contentDigest, entryHash, GENESIS, newSalt } from './audit-chain';
import type { Db } from './db';

export interface AuditInput {
  orgId: string;
  actor: string | null;
  entity: string;
  entityId: string | number;
  action: 'create' | 'update' | 'delete';
  before?: unknown;
  after?: unknown;
  at: number;
}

/**
 * Writes one audit row, chained to the organisation's previous one (audit-chain.ts); call it inside
 * the same transaction as the change, so that the chain's head is read and extended atomically.
 */
export function writeAudit(db: Db, entry: AuditInput): void {
  const before = entry.before === undefined ? null : JSON.stringify(entry.before);
  const after = entry.after === undefined ? null : JSON.stringify(entry.after);
  const salt = newSalt();
  const last = db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.orgId, entry.orgId)).orderBy(desc(auditLog.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS;
  const fields = {
    orgId: entry.orgId,
    actorId: entry.actor,
    entity: entry.entity,
    entityId: String(entry.entityId),
    action: entry.action,
    at: entry.at,
    beforeDigest: contentDigest(salt, before),
    afterDigest: contentDigest(salt, after),
  };
  db.insert(auditLog)
    .values({ ...fields, before, after, salt, prevHash, hash: entryHash(prevHash, fields) })
    .run();
}

function toEntry({ salt: _s, beforeDigest: _b, afterDigest: _a, prevHash: _p, hash: _h, ...row }: typeof auditLog.$inferSelect): AuditEntry {
  return {
    ...row,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
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
