// Win tags: a few built-in themes, the organisation's objective codes (#OTD links objective OTD),
// and free tags for anything else.
import type { FieldOption } from '../model';
import type { Objective } from './repo';

export const BUILT_IN_TAGS: readonly FieldOption[] = [
  { value: 'defect-reduction', label: 'Defect reduction' },
  { value: 'customer', label: 'Customer' },
  { value: 'safety', label: 'Safety' },
  { value: 'cost', label: 'Cost' },
  { value: '5S', label: '5S' },
];

const ALIASES: Record<string, string> = {
  defect: 'defect-reduction',
  defects: 'defect-reduction',
  defectreduction: 'defect-reduction',
  'defect-reduction': 'defect-reduction',
  quality: 'defect-reduction',
  customer: 'customer',
  customers: 'customer',
  safety: 'safety',
  cost: 'cost',
  costs: 'cost',
  '5s': '5S',
};

const TAG_RE = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u;

/** Normalises typed tags: objective codes in their stored case, built-ins by alias, free tags lower-cased. */
export function normaliseTags(raw: string[], objectives: readonly Objective[]): { tags: string[]; invalid: string[] } {
  const tags: string[] = [];
  const invalid: string[] = [];
  for (const word of raw) {
    const t = word.replace(/^#/, '').trim();
    if (!t) continue;
    const objective = objectives.find((o) => o.code.toLowerCase() === t.toLowerCase());
    const tag = objective?.code ?? ALIASES[t.toLowerCase()] ?? (TAG_RE.test(t) ? t.toLowerCase() : undefined);
    if (!tag) invalid.push(word);
    else if (!tags.includes(tag)) tags.push(tag);
  }
  return { tags, invalid };
}

/** Options for the form's tag picker: the built-ins, then each active objective. */
export function tagOptions(objectives: readonly Objective[]): FieldOption[] {
  return [
    ...BUILT_IN_TAGS,
    ...objectives.map((o) => ({ value: o.code, label: `${o.code} — ${o.title}`.slice(0, 75) })),
  ];
}
