// The engine-neutral steps of erasure and retention (store/{sqlite,pg}/privacy/): what their chained
// audit entries say, how one live row or one audit entry is redacted, and how `verify` reads those
// entries back. Each engine reads and writes the rows its own way, in one transaction.
import type { ErasureSummary } from '../../core/retention/privacy';
import type { RetentionKind, RetentionRun } from '../../core/retention/policy';
import { contentDigest, newSalt } from './audit-hash';
import { columnOf, ERASURE_RULES, type ErasureRule, redactPerson, redactRecord } from './privacy-rules';

export const ERASURE_ENTITY = 'erasure';
export const RETENTION_ENTITY = 'retention';

/** What the erasure entry says (its `after`). */
export interface ErasureContent {
  pseudonym: string;
  fields: Record<string, readonly string[]>;
  records: Record<string, number[]>;
  /** [audit entry id, digest of the rewritten before, digest of the rewritten after]. */
  entries: Array<[number, string | null, string | null]>;
}

/** What the retention entry says (its `after`). */
export interface RetentionContent {
  kind: RetentionKind;
  setting: string;
  cutoff: string;
  /** Audited records removed, by audit entity: their entries' content is blanked. */
  removed: Record<string, number[]>;
  /** Unaudited rows removed (prompts, deliveries): counts only. */
  counts: Record<string, number>;
}

/** The pseudonym of the organisation's next erased person. */
export const pseudonymAfter = (erasedSoFar: number) => `Erased person ${erasedSoFar + 1}`;

/** The audit entities an erasure rewrites (the person's own, and each rule's). */
export const ERASED_AUDIT_ENTITIES: readonly string[] = ['person', ...ERASURE_RULES.map((r) => r.entity)];

/** The columns a rule reads from its table: the id, the author and the texts, keyed as the record's keys. */
export function ruleSelect(rule: ErasureRule): { idColumn: string; select: string } {
  const idColumn = rule.idColumn ?? 'id';
  const select = [`${idColumn} AS id`, `${columnOf(rule.author)} AS "${rule.author}"`, ...rule.names.map((k) => `${columnOf(k)} AS "${k}"`)].join(', ');
  return { idColumn, select };
}

/** One live row with the rule applied: whether the person wrote it, and the columns that change. */
export function redactLiveRow(rule: ErasureRule, row: Record<string, unknown>, personId: string, replace: (text: string) => string) {
  const authored = row[rule.author] === personId;
  const redacted = redactRecord(rule, row, authored, replace);
  const changed = rule.names.filter((k) => redacted[k] !== row[k]).map((k) => ({ column: columnOf(k), value: redacted[k] }));
  return { authored, changed };
}

export interface AuditContentRow {
  id: number;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

/**
 * An audit entry's content rewritten for the erasure, with a fresh salt and its new digests; undefined
 * when nothing in it changes. `authored` holds, per rule entity, the ids of records the person wrote.
 */
export function redactAuditEntry(
  entry: AuditContentRow,
  erased: { personId: string; pseudonym: string; authored: Map<string, Set<string>>; replace: (text: string) => string },
) {
  const redact = (json: string | null): string | null => {
    if (json === null) return null;
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return json;
    const record = value as Record<string, unknown>;
    if (entry.entity === 'person') return entry.entity_id === erased.personId ? JSON.stringify(redactPerson(record, erased.pseudonym)) : json;
    // Only the rules' kinds are read (ERASED_AUDIT_ENTITIES), so a rule exists.
    const rule = ERASURE_RULES.find((r) => r.entity === entry.entity)!;
    const mine = erased.authored.get(rule.entity)!.has(entry.entity_id) || record[rule.author] === erased.personId;
    const redacted = JSON.stringify(redactRecord(rule, record, mine, erased.replace));
    return redacted === JSON.stringify(record) ? json : redacted;
  };
  const before = redact(entry.before);
  const after = redact(entry.after);
  if (before === entry.before && after === entry.after) return undefined;
  const salt = newSalt();
  const digests: [number, string | null, string | null] = [entry.id, contentDigest(salt, before), contentDigest(salt, after)];
  return { before, after, salt, digests };
}

export function erasureSummary(content: ErasureContent): ErasureSummary {
  return {
    pseudonym: content.pseudonym,
    records: Object.fromEntries(Object.entries(content.records).map(([k, ids]) => [k, ids.length])),
    entries: content.entries.length,
  };
}

/** A retention run's result; empty lists are left out of `removed`. */
export function retentionRun(removed: Record<string, number[]>, counts: Record<string, number>): RetentionRun {
  for (const [entity, list] of Object.entries(removed)) if (list.length === 0) delete removed[entity];
  return {
    removed: {
      ...Object.fromEntries(Object.entries(removed).map(([k, v]) => [k, v.length])),
      ...Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
    },
  };
}
