// The one tag list of Clause5: a few built-in quality themes and the organisation's objective codes
// (#OTD links objective OTD). Wins, floor walks and meeting topics all offer and read tags here, so
// the same theme carries the same tag wherever it is recorded.
import type { FieldOption } from './model';

export const BUILT_IN_TAGS: readonly FieldOption[] = [
  { value: 'defect-reduction', label: 'Defect reduction' },
  { value: 'customer', label: 'Customer' },
  { value: 'safety', label: 'Safety' },
  { value: 'cost', label: 'Cost' },
  { value: '5S', label: '5S' },
];

/** What a quality update at a meeting can be about: the themes without 5S (a floor practice). */
export const TOPIC_TAGS: readonly FieldOption[] = BUILT_IN_TAGS.filter((t) => t.value !== '5S');

/** Typed spellings of the built-in tags, lower-cased. */
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

const FREE_TAG_RE = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u;

export interface TaggableObjective {
  code: string;
  title: string;
}

/**
 * The tag picker's options: the built-in tags and each objective (first when `objectivesFirst`).
 * An objective whose code is also a built-in tag is offered once, as the built-in.
 */
export function tagOptions(
  objectives: readonly TaggableObjective[],
  { builtIns = BUILT_IN_TAGS, objectivesFirst = false }: { builtIns?: readonly FieldOption[]; objectivesFirst?: boolean } = {},
): FieldOption[] {
  const own = objectives
    .filter((o) => !builtIns.some((t) => t.value.toLowerCase() === o.code.toLowerCase()))
    .map((o) => ({ value: o.code, label: `${o.code} — ${o.title}`.slice(0, 75) }));
  return objectivesFirst ? [...own, ...builtIns] : [...builtIns, ...own];
}

function bare(word: string): string {
  return word.trim().replace(/^#/, '').trim();
}

/** A typed tag filed under another built-in name by its alias ('#quality' → 'defect-reduction'). */
export interface RenamedTag {
  typed: string;
  tag: string;
}

/**
 * Wins: objective codes in their stored case, built-ins by alias ('#5s' → '5S', '#defects'), other
 * tags lower-cased. `renamed` lists the typed tags stored under a different name, so the poster can be told.
 */
export function normaliseTags(raw: string[], objectives: readonly TaggableObjective[]): { tags: string[]; invalid: string[]; renamed: RenamedTag[] } {
  const tags: string[] = [];
  const invalid: string[] = [];
  const renamed: RenamedTag[] = [];
  for (const word of raw) {
    const t = bare(word);
    if (!t) continue;
    const objective = objectives.find((o) => o.code.toLowerCase() === t.toLowerCase());
    const tag = objective?.code ?? ALIASES[t.toLowerCase()] ?? (FREE_TAG_RE.test(t) ? t.toLowerCase() : undefined);
    if (!tag) invalid.push(word);
    else if (!tags.includes(tag)) tags.push(tag);
    if (tag && tag.toLowerCase() !== t.toLowerCase() && !renamed.some((r) => r.typed.toLowerCase() === t.toLowerCase())) renamed.push({ typed: t, tag });
  }
  return { tags, invalid, renamed };
}

/** Walks and meeting topics: only the offered options, matched without case, '#' or by a built-in's alias. */
export function pickTags(raw: string[], options: readonly FieldOption[]): { tags: string[]; unknown: string[] } {
  const tags: string[] = [];
  const unknown: string[] = [];
  const find = (t: string) => options.find((o) => o.value.toLowerCase() === t.toLowerCase());
  for (const word of raw) {
    const t = bare(word);
    if (!t) continue;
    const option = find(t) ?? find(ALIASES[t.toLowerCase()] ?? '');
    if (!option) unknown.push(word);
    else if (!tags.includes(option.value)) tags.push(option.value);
  }
  return { tags, unknown };
}
