// Erasing a person on PostgreSQL (design: store/sqlite/privacy/erase.ts; shared steps in
// store/shared/privacy.ts). Several instances share the database, so the transaction takes, in one
// order: a per-organisation erasure lock (two erasures never count the same pseudonym number), the
// live rows it rewrites (FOR UPDATE, so a concurrent edit is neither lost nor left unredacted), then
// the organisation's audit lock (writeAudit's), before it reads and rewrites the log: no entry can
// be appended between its reading the log and its own chained erasure entry.
import { type SQL, sql } from 'drizzle-orm';
import { UserError } from '../../../core/errors';
import type { ErasureSummary } from '../../../core/retention/privacy';
import {
  type AuditContentRow,
  ERASED_AUDIT_ENTITIES,
  ERASURE_ENTITY,
  type ErasureContent,
  erasureSummary,
  pseudonymAfter,
  redactAuditEntry,
  redactLiveRow,
  ruleSelect,
} from '../../shared/privacy';
import { ERASURE_RULES, type ErasureRule, nameReplacer } from '../../shared/privacy-rules';
import { lockAuditChain, writeAudit } from '../audit';
import { type PgDb, rowsOf } from '../db';

type Row = Record<string, unknown> & { id: number };

const all = async <T>(tx: PgDb, query: SQL): Promise<T[]> => rowsOf<T>(await tx.execute(query));

export async function erasePerson(db: PgDb, orgId: string, personId: string, actorId: string | null, now: number): Promise<ErasureSummary> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('clause5.erasure'), hashtext(${orgId}))`);
    const [person] = await all<{ display_name: string; handle: string | null }>(
      tx,
      sql`SELECT display_name, handle FROM people WHERE org_id = ${orgId} AND id = ${personId} FOR NO KEY UPDATE`,
    );
    if (!person) throw new UserError(`There is no person ${personId} in ${orgId}.`);
    const erasures = await all<{ entity_id: string }>(tx, sql`SELECT entity_id FROM audit_log WHERE org_id = ${orgId} AND entity = ${ERASURE_ENTITY}`);
    if (erasures.some((e) => e.entity_id === personId)) throw new UserError(`${person.display_name} was erased already.`);
    const pseudonym = pseudonymAfter(erasures.length);
    const replace = nameReplacer(person.display_name, person.handle, pseudonym);

    const content: ErasureContent = { pseudonym, fields: {}, records: {}, entries: [] };
    const authored = new Map<string, Set<string>>();
    for (const rule of ERASURE_RULES) {
      const { ids, mine } = await redactLiveRows(tx, rule, orgId, personId, replace);
      authored.set(rule.entity, mine);
      content.fields[rule.entity] = rule.erase;
      if (ids.length) content.records[rule.entity] = ids;
    }
    await tx.execute(sql`UPDATE people SET display_name = ${pseudonym}, handle = NULL, updated_at = ${now} WHERE id = ${personId}`);
    content.fields.person = ['displayName', 'handle'];

    await lockAuditChain(tx, orgId);
    const entries = await all<AuditContentRow>(
      tx,
      sql`SELECT id, entity, entity_id, before, after FROM audit_log
           WHERE org_id = ${orgId} AND entity = ANY(${sql.param([...ERASED_AUDIT_ENTITIES])}::text[]) ORDER BY id`,
    );
    for (const entry of entries) {
      const redacted = redactAuditEntry(entry, { personId, pseudonym, authored, replace });
      if (!redacted) continue;
      await tx.execute(sql`UPDATE audit_log SET before = ${redacted.before}, after = ${redacted.after}, salt = ${redacted.salt} WHERE id = ${entry.id}`);
      content.entries.push(redacted.digests);
    }
    await writeAudit(tx, { orgId, actor: actorId, entity: ERASURE_ENTITY, entityId: personId, action: 'create', after: content, at: now });
    return erasureSummary(content);
  });
}

/** Applies one rule to the organisation's live rows (locked in id order); returns the changed ids and the person's own. */
async function redactLiveRows(tx: PgDb, rule: ErasureRule, orgId: string, personId: string, replace: (text: string) => string) {
  const { idColumn, select } = ruleSelect(rule);
  const rows = await all<Row>(tx, sql`SELECT ${sql.raw(select)} FROM ${sql.identifier(rule.table)} WHERE org_id = ${orgId} ORDER BY 1 FOR NO KEY UPDATE`);
  const ids: number[] = [];
  const mine = new Set<string>();
  for (const row of rows) {
    const { authored, changed } = redactLiveRow(rule, row, personId, replace);
    if (authored) mine.add(String(row.id));
    if (changed.length === 0) continue;
    const set = sql.join(
      changed.map((c) => sql`${sql.identifier(c.column)} = ${c.value}`),
      sql`, `,
    );
    await tx.execute(sql`UPDATE ${sql.identifier(rule.table)} SET ${set} WHERE ${sql.identifier(idColumn)} = ${row.id}`);
    ids.push(row.id);
  }
  return { ids, mine };
}
