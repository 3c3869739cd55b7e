// Reads `prompt add "<question>" <cadence> [for …] [answers …|checklist …] [clause …] [weight N]`.
// Each part is checked on its own, and a wrong one is named in the message.
import type { Token } from '../commands/tokenize';
import { UserError } from '../errors';
import { CADENCE_USAGE, parseCadence, type Cadence } from './cadence';
import { checkAnswers, checkChecklist, checkClauses, checkQuestion, checkWeight, DEFAULT_ANSWERS } from './definition';

export const ADD_USAGE =
  'prompt add "<question>" <weekly mon 09:00 | monthly day 3 09:00 | monthly first monday 09:00 | quarterly day 5 09:00> ' +
  '[for leaders | for site "<name>" | for @a @b] [answers yes,no,"not applicable" | checklist "item 1","item 2"] [clause 5.1.2,6.1] [weight 10]';

const KEYWORDS = new Set(['for', 'answers', 'checklist', 'clause', 'clauses', 'weight']);

export type AudienceRequest = { kind: 'leaders' } | { kind: 'site'; name: string } | { kind: 'people'; handles: string[] };

export interface AddRequest {
  question: string;
  cadence: Cadence;
  audience: AudienceRequest;
  answers: string[];
  checklist: string[];
  clauses: string[];
  weight: number | null;
}

/** Splits the words after the question into the cadence and the keyword parts. */
function sections(tokens: Token[]): { cadence: Token[]; parts: Map<string, Token[]> } {
  const cadence: Token[] = [];
  const parts = new Map<string, Token[]>();
  let current: Token[] = cadence;
  for (const token of tokens) {
    const word = token.text.toLowerCase();
    if (!token.quoted && KEYWORDS.has(word)) {
      const key = word === 'clauses' ? 'clause' : word;
      if (parts.has(key)) throw new UserError(`“${word}” is given twice. Usage: ${ADD_USAGE}`);
      parts.set(key, (current = []));
    } else current.push(token);
  }
  return { cadence, parts };
}

/**
 * A comma-separated list whose items may be quoted: `yes,no,"not applicable"` arrives as the
 * words `yes,no,"not` and `applicable"` (a quote inside a word does not start a phrase).
 */
export function commaList(tokens: Token[]): string[] {
  const text = tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"' || ch === '“' || ch === '”') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      items.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (quoted) throw new UserError(`A quote in “${text}” is never closed.`);
  items.push(current.trim());
  return items.filter((i, n) => i.length > 0 || n < items.length - 1);
}

function audienceOf(tokens: Token[] | undefined): AudienceRequest {
  if (!tokens) return { kind: 'leaders' };
  // "for leaders site X" reads as "for site X": a site's audience is its leaders.
  const words = tokens[0] && !tokens[0].quoted && tokens[0].text.toLowerCase() === 'leaders' && tokens.length > 1 ? tokens.slice(1) : tokens;
  const [first, ...rest] = words;
  if (first && !first.quoted && first.text.toLowerCase() === 'leaders' && rest.length === 0) return { kind: 'leaders' };
  if (first && !first.quoted && first.text.toLowerCase() === 'site' && rest.length === 1) return { kind: 'site', name: rest[0]!.text };
  if (tokens.length > 0 && tokens.every((t) => !t.quoted && t.text.startsWith('@') && t.text.length > 1)) {
    return { kind: 'people', handles: tokens.map((t) => t.text.slice(1)) };
  }
  throw new UserError(`Audience: write “for leaders”, “for site "<name>"” or “for @name @name” (got “${tokens.map((t) => t.text).join(' ')}”).`);
}

export function parseAdd(tokens: Token[]): AddRequest {
  const [questionToken, ...rest] = tokens;
  if (!questionToken?.quoted) throw new UserError(`Question: put the question in quotes first. Usage: ${ADD_USAGE}`);
  const question = checkQuestion(questionToken.text);
  const { cadence: cadenceTokens, parts } = sections(rest);
  if (cadenceTokens.length === 0) throw new UserError(`Cadence: say how often, e.g. “monthly day 3 09:00”. One of: ${CADENCE_USAGE}`);
  const cadence = parseCadence(cadenceTokens.map((t) => t.text));
  const answersTokens = parts.get('answers');
  const checklistTokens = parts.get('checklist');
  if (answersTokens && checklistTokens) throw new UserError('Answers: give either answers (buttons) or a checklist, not both.');
  const weightTokens = parts.get('weight');
  if (weightTokens && weightTokens.length !== 1) throw new UserError('Weight: one whole number from 1 to 100, e.g. weight 10.');
  const clauseTokens = parts.get('clause');
  return {
    question,
    cadence,
    audience: audienceOf(parts.get('for')),
    answers: checklistTokens ? [] : checkAnswers(answersTokens ? commaList(answersTokens) : DEFAULT_ANSWERS),
    checklist: checklistTokens ? checkChecklist(commaList(checklistTokens)) : [],
    clauses: clauseTokens ? checkClauses(commaList(clauseTokens)) : [],
    weight: weightTokens ? checkWeight(weightTokens[0]!.text) : null,
  };
}
