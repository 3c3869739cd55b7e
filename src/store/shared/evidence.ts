// What both engines do with the evidence pack's rows once their own SQL has read them: tag lists
// and JSON columns parsed the same way.
import type { CorrectionRecord, WinRecord } from '../../core/evidence/repo';

/** Rows a query may return: every record of the period (the pack pages them itself). */
export const EVIDENCE_LIMIT = 1_000_000;

/**
 * Tag lists parsed once per distinct JSON text (a year holds ~100,000 records and a few dozen tag
 * sets); records share the parsed, frozen array, and are updated in place rather than copied.
 */
export function withTags<T extends { tags: string }>(rows: T[]): Array<Omit<T, 'tags'> & { tags: string[] }> {
  const seen = new Map<string, string[]>();
  for (const row of rows) {
    let tags = seen.get(row.tags);
    if (!tags) seen.set(row.tags, (tags = Object.freeze(JSON.parse(row.tags) as string[]) as string[]));
    (row as unknown as { tags: string[] }).tags = tags;
  }
  return rows as unknown as Array<Omit<T, 'tags'> & { tags: string[] }>;
}

/** Win rows with their tags and named people (a JSON array of ids) parsed. */
export function toWinRecords(rows: Array<Omit<WinRecord, 'tags' | 'people'> & { tags: string; people: string }>): WinRecord[] {
  return withTags(rows).map((r) => Object.assign(r, { people: JSON.parse(r.people) as string[] }));
}

export type CorrectionRow = Omit<CorrectionRecord, 'before' | 'after'> & { before: string | null; after: string | null };

export function toCorrectionRecords(rows: CorrectionRow[]): CorrectionRecord[] {
  return rows.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
}
