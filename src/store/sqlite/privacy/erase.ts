// Erasing a person (`clause5 person erase`): their name becomes a pseudonym ("Erased person 7") and
// the free text they wrote becomes "(erased)" — in the live rows and in every version the audit log
// keeps. Counts, dates and ids stay, so past scorecards and evidence packs still add up.
//
// The chain stays verifiable: an entry's hash covers salted digests of its content, not the
// content. Each rewritten entry gets a fresh salt, and the erasure entry (itself chained) lists the
// digests of the rewritten content, which `verify` checks instead of the original ones
// (verify-redactions.ts). It holds ids, field names and digests only, never the erased text.
import { UserError } from '../../../core/errors';
import type { ErasureSummary } from '../../../core/retention/privacy';
import { contentDigest, newSalt } from '../audit-chain';
import { writeAudit } from '../audit';
import type { OpenDatabase } from '../db';
import { columnOf, ERASURE_RULES, nameReplacer, redactPerson, redactRecord, type ErasureRule } from './rules';

export const ERASURE_ENTITY = 'erasure';

/** What the erasure entry says (its `after`). */
export interface ErasureContent {
  pseudonym: string;
  fields: Record<string, readonly string[]>;
  records: Record<string, number[]>;
  /** [audit entry id, digest of the rewritten before, digest of the rewritten after]. */
  entries: Array<[number, string | null, string | null]>;
}

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
    const pseudonym = `Erased person ${erasures.length + 1}`;
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
      const redact = (json: string | null): string | null => {
        if (json === null) return null;
        const value = JSON.parse(json) as unknown;
        if (!value || typeof value !== 'object' || Array.isArray(value)) return json;
        const record = value as Record<string, unknown>;
        if (entry.entity === 'person') return entry.entity_id === personId ? JSON.stringify(redactPerson(record, pseudonym)) : json;
        // Only the rules' kinds are read (auditEntries), so a rule exists.
        const rule = ERASURE_RULES.find((r) => r.entity === entry.entity)!;
        const mine = authored.get(rule.entity)!.has(entry.entity_id) || record[rule.author] === personId;
        const redacted = JSON.stringify(redactRecord(rule, record, mine, replace));
        return redacted === JSON.stringify(record) ? json : redacted;
      };
      const before = redact(entry.before);
      const after = redact(entry.after);
      if (before === entry.before && after === entry.after) continue;
      const salt = newSalt();
      rewrite.run(before, after, salt, entry.id);
      content.entries.push([entry.id, contentDigest(salt, before), contentDigest(salt, after)]);
    }
    writeAudit(db, { orgId, actor: actorId, entity: ERASURE_ENTITY, entityId: personId, action: 'create', after: content, at: now });
    return {
      pseudonym,
      records: Object.fromEntries(Object.entries(content.records).map(([k, ids]) => [k, ids.length])),
      entries: content.entries.length,
    };
  })();
}

/** Applies one rule to the organisation's live rows; returns the changed ids and the person's own. */
function redactLiveRows(database: OpenDatabase, rule: ErasureRule, orgId: string, personId: string, replace: (text: string) => string) {
  const { sqlite } = database;
  const authorColumn = columnOf(rule.author);
  const idColumn = rule.idColumn ?? 'id';
  const select = [`${idColumn} AS id`, `${authorColumn} AS "${rule.author}"`, ...rule.names.map((k) => `${columnOf(k)} AS "${k}"`)].join(', ');
  const rows = sqlite.prepare(`SELECT ${select} FROM ${rule.table} WHERE org_id = ?`).all(orgId) as Row[];
  const ids: number[] = [];
  const mine = new Set<string>();
  for (const row of rows) {
    const authored = row[rule.author] === personId;
    if (authored) mine.add(String(row.id));
    const redacted = redactRecord(rule, row, authored, replace);
    const changed = rule.names.filter((k) => redacted[k] !== row[k]);
    if (changed.length === 0) continue;
    sqlite
      .prepare(`UPDATE ${rule.table} SET ${changed.map((k) => `${columnOf(k)} = ?`).join(', ')} WHERE ${idColumn} = ?`)
      .run(...changed.map((k) => redacted[k]), row.id);
    ids.push(row.id);
  }
  return { ids, mine };
}

function auditEntries(database: OpenDatabase, orgId: string) {
  const entities = ['person', ...ERASURE_RULES.map((r) => r.entity)];
  return database.sqlite
    .prepare(`SELECT id, entity, entity_id, before, after FROM audit_log WHERE org_id = ? AND entity IN (${entities.map(() => '?').join(', ')}) ORDER BY id`)
    .all(orgId, ...entities) as Array<{ id: number; entity: string; entity_id: string; before: string | null; after: string | null }>;
}
