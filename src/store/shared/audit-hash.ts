// The audit log's hash chain, engine-neutral (see sqlite/audit-chain.ts for the design): the
// hashes, digests and the row an audit write inserts. Each engine reads the chain's head its own
// way, inside the transaction of the change it records.
import { createHash, randomBytes } from 'node:crypto';
import type { AuditEntry } from '../../core/people/repo';

/** The hash a chain starts from (an organisation's first entry links to it). */
export const GENESIS = '0'.repeat(64);

export interface ChainFields {
  orgId: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  at: number;
  beforeDigest: string | null;
  afterDigest: string | null;
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export function contentDigest(salt: string, json: string | null): string | null {
  return json === null ? null : createHash('sha256').update(salt).update(json).digest('hex');
}

export function entryHash(prevHash: string, f: ChainFields): string {
  const fields = [prevHash, f.orgId, f.actorId ?? '', f.entity, f.entityId, f.action, String(f.at), f.beforeDigest ?? '', f.afterDigest ?? ''];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

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

/** The audit_log row (camelCase, as drizzle inserts it) that records `entry` after `prevHash`. */
export function auditRowValues(entry: AuditInput, prevHash: string) {
  const before = entry.before === undefined ? null : JSON.stringify(entry.before);
  const after = entry.after === undefined ? null : JSON.stringify(entry.after);
  const salt = newSalt();
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
  return { ...fields, before, after, salt, prevHash, hash: entryHash(prevHash, fields) };
}

/** An audit_log row as either engine's drizzle reads it: the entry with its JSON text and chain fields. */
export type AuditRow = Omit<AuditEntry, 'before' | 'after'> & {
  before: string | null;
  after: string | null;
  salt: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  prevHash: string | null;
  hash: string | null;
};

export function toAuditEntry({ salt: _s, beforeDigest: _b, afterDigest: _a, prevHash: _p, hash: _h, ...row }: AuditRow): AuditEntry {
  return {
    ...row,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}
