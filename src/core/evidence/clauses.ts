// Which ISO 9001:2015 clauses each recorded behaviour evidences. Clause numbers with short titles
// of our own wording (the standard's text is not reproduced).
export const CLAUSE_TITLES: Record<string, string> = {
  '5.1.1': 'Leadership and commitment',
  '5.1.2': 'Customer focus',
  '5.2': 'Quality policy',
  '5.3': 'Roles, responsibilities and authorities',
  '6.1': 'Risks and opportunities',
  '6.2': 'Quality objectives',
  '7.4': 'Communication',
  '9.1.1': 'Monitoring and measurement',
  '9.3': 'Management review',
  '10.2': 'Nonconformity and corrective action',
  '10.3': 'Continual improvement',
};

export type RecordKind = 'meeting-update' | 'floor-walk' | 'follow-up' | 'win' | 'custom-prompt';

const BY_KIND: Record<RecordKind, string[]> = {
  'meeting-update': ['5.1.1', '7.4'],
  'floor-walk': ['5.1.1', '9.1.1'],
  'follow-up': ['10.2'],
  win: ['5.1.1', '10.3'],
  'custom-prompt': ['5.1.1'],
};

/**
 * The clauses a record evidences. A custom prompt's answer: the clauses its prompt is tagged with
 * (a prompt without tags is a leadership check, 5.1.1). Any other record: its kind's, plus 5.1.2 when tagged customer (or with a
 * customer-focused objective) and 6.2 when tagged with any objective.
 */
export function clausesOf(kind: RecordKind, tags: readonly string[], objectives: ReadonlyArray<{ code: string; customerFocus: boolean }>): string[] {
  if (kind === 'custom-prompt') return tags.length ? [...new Set(tags)].sort(compareClauses) : BY_KIND[kind];
  const clauses = new Set(BY_KIND[kind]);
  const lower = new Set(tags.map((t) => t.toLowerCase()));
  const tagged = objectives.filter((o) => lower.has(o.code.toLowerCase()));
  if (lower.has('customer') || tagged.some((o) => o.customerFocus)) clauses.add('5.1.2');
  if (tagged.length > 0) clauses.add('6.2');
  return [...clauses].sort(compareClauses);
}

export function compareClauses(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
