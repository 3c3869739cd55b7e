// Escaping for text placed on Adaptive Cards. User-typed text must render literally: no markdown
// (links, bold, lists), no card-side date functions ({{DATE(…)}}, {{TIME(…)}}), no templating
// expressions (${…}) and no fake mentions (<at>…</at>).

/** An invisible character that breaks '{{' and '${' so that no renderer evaluates them. */
const WORD_JOINER = '\u2060';

/** Breaks template and date-function openers; safe for every string on a card. */
export function defuse(text: string): string {
  // Lookaheads, so a run of braces ('{{{DATE(…)') gets a joiner between every pair, not every other.
  return text.replace(/\{(?=\{)/g, `{${WORD_JOINER}`).replace(/\$(?=\{)/g, `$${WORD_JOINER}`);
}

/**
 * For TextBlock and FactSet text (which Teams renders as markdown): backslash-escapes markdown
 * punctuation (including '<', so '<at>' cannot become a mention) and defuses templates.
 */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/[\\`*_[\]()#~<>|!]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
  return defuse(escaped);
}

/** A name inside '<at>…</at>': no markup characters at all. */
export function mentionName(name: string): string {
  return defuse(name.replace(/[<>\\*_[\]`]/g, '').trim()) || 'someone';
}

/** Shortens text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
