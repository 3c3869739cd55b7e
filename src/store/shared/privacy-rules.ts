// Engine-neutral: both engines erase with these rules (store/{sqlite,pg}/privacy/erase.ts).
// What erasing a person changes, record kind by record kind. The same rules rewrite the live rows
// and the versions kept in the audit log, so that `verify` still replays every record exactly.
// Keys are the record's (camelCase) keys; the table column is the snake_case of the key.

/** What an erased person's own free text becomes. */
export const ERASED_TEXT = '(erased)';

export interface ErasureRule {
  /** The audit log's entity name. */
  entity: string;
  table: string;
  /** The key naming who wrote the record. */
  author: string;
  /** Free text replaced with ERASED_TEXT when the erased person wrote the record. */
  erase: readonly string[];
  /** Text in which the person's name is replaced by the pseudonym, whoever wrote the record. */
  names: readonly string[];
  /** The table's key column, when it is not `id` (the audit log's entity id). */
  idColumn?: string;
}

export const ERASURE_RULES: readonly ErasureRule[] = [
  {
    entity: 'floor_walk',
    table: 'floor_walks',
    author: 'personId',
    erase: ['wentWell', 'concerns'],
    names: ['area', 'wentWell', 'concerns', 'withdrawnReason'],
  },
  { entity: 'follow_up', table: 'follow_ups', author: 'raisedBy', erase: ['text'], names: ['text', 'lateMoveReason'] },
  { entity: 'win', table: 'wins', author: 'postedBy', erase: ['text', 'metric'], names: ['text', 'metric', 'withdrawnReason'] },
  { entity: 'custom_answer', table: 'custom_answers', author: 'personId', erase: ['note'], names: ['note', 'reason'], idColumn: 'prompt_id' },
  { entity: 'meeting_occurrence', table: 'meeting_occurrences', author: 'personId', erase: ['topic'], names: ['topic'] },
  { entity: 'meeting', table: 'meetings', author: 'personId', erase: [], names: ['title'] },
  { entity: 'away', table: 'away_periods', author: 'personId', erase: ['reason'], names: ['reason'] },
];

export const columnOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Replaces the person's full name and @handle in free text (whole words, any case). */
export function nameReplacer(displayName: string, handle: string | null, pseudonym: string): (text: string) => string {
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = [displayName.trim(), handle ? `@${handle}` : ''].filter((w) => w.length >= 3);
  if (words.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, pseudonym);
}

/**
 * The record with the rule applied: the author's free text erased, the name replaced elsewhere.
 * Only keys present in `record` are touched (audit entries may hold part of a record).
 */
export function redactRecord(
  rule: ErasureRule,
  record: Record<string, unknown>,
  authored: boolean,
  replace: (text: string) => string,
): Record<string, unknown> {
  const out = { ...record };
  for (const key of rule.names) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    out[key] = authored && rule.erase.includes(key) ? ERASED_TEXT : replace(value);
  }
  return out;
}

/** The person's own record (entity 'person'): the pseudonym for the name, no handle. */
export function redactPerson(record: Record<string, unknown>, pseudonym: string): Record<string, unknown> {
  const out = { ...record };
  if ('displayName' in out) out.displayName = pseudonym;
  if ('handle' in out) out.handle = null;
  return out;
}
