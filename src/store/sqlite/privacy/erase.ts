// Erasing a person (`clause5 person erase`): their name becomes a pseudonym ("Erased person 7") and
// the free text they wrote becomes "(erased)" — in the live rows and in every version the audit log
// keeps. Counts, dates and ids stay, so past scorecards and evidence packs still add up.
//
// The chain stays verifiable: an entry's hash covers salted digests of its content, not the
// content. Each rewritten entry gets a fresh salt, and the erasure entry (itself chained) lists the
// digests of the rewritten content, which `verify` checks instead of the original ones
// (shared/verify.ts). It holds ids, field names and digests only, never the erased text.
// The steps both engines share are in store/shared/privacy.ts.
import { UserError } from '../../../core/errors';
import type { ErasureSummary } from '../../../core/retention/privacy';
import { ERASURE_RULES, type ErasureRule, nameReplacer } from '../../shared/privacy-rules';
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
import { writeAudit } from '../audit';
import type { OpenDatabase } from '../db';

export { ERASURE_ENTITY, type ErasureContent } from '../../shared/privacy';

type Row = Record<string, unknown> & { id: number };

export function erasePerson(database: OpenDatabase, orgId: string, personId: string, actorId: string | null, now: number): ErasureSummary {
  const { sqlite, db } = database;
  return sqlite.transaction(() => {
    const person = sqlite.prepare('SELECT display_name, handle FROM people WHERE org_id = ? AND id = ?').get(orgId, personId) as
      | { display_name: string; handle: string | null }
      | undefined;
    if (!person) throw new UserError(`There is no person ${personId} in ${orgId}.`);
    const erasures = sqlite.prepare('SELECT entity_id FROM audit_log WHERE org_id = ? AND entity = ?').all(orgId, ERASURE_ENTITY) as Array<{
      entity_id: string;
    }>;
    if (erasures.some((e) => e.entity_id === personId)) throw new UserError(`${person.display_name} was erased already.`);
    const pseudonym = pseudonymAfter(erasures.length);
    const replace = nameReplacer(person.display_name, person.handle, pseudonym);

    const content: ErasureContent = { pseudonym, fields: {}, records: {}, entries: [] };
    const authored = new Map<string, Set<string>>();
    for (const rule of ERASURE_RULES) {
      const { ids, mine } = redactLiveRows(database, rule, orgId, personId, replace);
      authored.set(rule.entity, mine);
      content.fields[rule.entity] = rule.erase;
      if (ids.length) content.records[rule.entity] = ids;
    }
    sqlite.prepare('UPDATE people SET display_name = ?, handle = NULL, updated_at = ? WHERE id = ?').run(pseudonym, now, personId);
    content.fields.person = ['displayName', 'handle'];

    const rewrite = sqlite.prepare('UPDATE audit_log SET before = ?, after = ?, salt = ? WHERE id = ?');
    for (const entry of auditEntries(database, orgId)) {
      const redacted = redactAuditEntry(entry, { personId, pseudonym, authored, replace });
      if (!redacted) continue;
      rewrite.run(redacted.before, redacted.after, redacted.salt, entry.id);
      content.entries.push(redacted.digests);
    }
    writeAudit(db, { orgId, actor: actorId, entity: ERASURE_ENTITY, entityId: personId, action: 'create', after: content, at: now });
    return erasureSummary(content);
  })();
}

/** Applies one rule to the organisation's live rows; returns the changed ids and the person's own. */
function redactLiveRows(database: OpenDatabase, rule: ErasureRule, orgId: string, personId: string, replace: (text: string) => string) {
  const { sqlite } = database;
  const { idColumn, select } = ruleSelect(rule);
  const rows = sqlite.prepare(`SELECT ${select} FROM ${rule.table} WHERE org_id = ?`).all(orgId) as Row[];
  const ids: number[] = [];
  const mine = new Set<string>();
  for (const row of rows) {
    const { authored, changed } = redactLiveRow(rule, row, personId, replace);
    if (authored) mine.add(String(row.id));
    if (changed.length === 0) continue;
    sqlite
      .prepare(`UPDATE ${rule.table} SET ${changed.map((c) => `${c.column} = ?`).join(', ')} WHERE ${idColumn} = ?`)
      .run(...changed.map((c) => c.value), row.id);
    ids.push(row.id);
  }
  return { ids, mine };
}

function auditEntries(database: OpenDatabase, orgId: string) {
  return database.sqlite
    .prepare(
      `SELECT id, entity, entity_id, before, after FROM audit_log WHERE org_id = ? AND entity IN (${ERASED_AUDIT_ENTITIES.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(orgId, ...ERASED_AUDIT_ENTITIES) as AuditContentRow[];
}
