// A custom leadership prompt as a quality manager defines it, and the checks on each field.
import { UserError } from '../errors';
import { CLAUSE_TITLES, compareClauses } from '../evidence/clauses';
import type { Cadence } from './cadence';

/** Who is asked: every leader, the leaders of one site, or named people. */
export type Audience = { kind: 'leaders' } | { kind: 'site'; siteId: number } | { kind: 'people'; personIds: string[] };

export type PromptStatus = 'active' | 'paused' | 'retired';

export interface CustomPrompt {
  id: number;
  orgId: string;
  question: string;
  cadence: Cadence;
  audience: Audience;
  /** Answer buttons, in order. The first counts as done; "not applicable" excuses the period. */
  answers: string[];
  /** A short checklist (each item yes / no / n-a) instead of answer buttons; empty when none. */
  checklist: string[];
  clauses: string[];
  /** Share of the leadership index (rescaled with the other weights); null: a scorecard line only. */
  weight: number | null;
  status: PromptStatus;
  createdBy: string;
  createdAt: number;
}

export type NewCustomPrompt = Omit<CustomPrompt, 'id' | 'status' | 'createdAt'>;

export const DEFAULT_ANSWERS = ['yes', 'no'];
export const NOT_APPLICABLE = 'not applicable';
export const MAX_QUESTION = 300;
export const MAX_ANSWERS = 5;
export const MAX_ANSWER_LENGTH = 40;
export const MAX_CHECKLIST = 8;
export const MAX_ITEM_LENGTH = 120;

export function checkQuestion(question: string): string {
  const q = question.trim();
  if (q.length < 5)
    throw new UserError(`Question: “${q}” is too short — write the whole question in quotes, e.g. "Did you review last month's customer complaints?"`);
  if (q.length > MAX_QUESTION) throw new UserError(`Question: keep it under ${MAX_QUESTION} characters (it has ${q.length}).`);
  return q;
}

export function checkAnswers(answers: string[]): string[] {
  const cleaned = answers.map((a) => a.trim().toLowerCase());
  if (cleaned.length < 2) throw new UserError('Answers: give at least two, separated by commas, e.g. answers yes,no,"not applicable".');
  if (cleaned.length > MAX_ANSWERS) throw new UserError(`Answers: at most ${MAX_ANSWERS} (buttons must fit on a phone), got ${cleaned.length}.`);
  const bad = cleaned.find((a) => a.length === 0 || a.length > MAX_ANSWER_LENGTH);
  if (bad !== undefined) throw new UserError(`Answers: each answer needs 1 to ${MAX_ANSWER_LENGTH} characters (“${bad}”).`);
  if (new Set(cleaned).size !== cleaned.length) throw new UserError('Answers: the same answer is listed twice.');
  if (cleaned[0] === NOT_APPLICABLE) throw new UserError('Answers: the first answer is the one that counts as done; it cannot be “not applicable”.');
  return cleaned;
}

export function checkChecklist(items: string[]): string[] {
  const cleaned = items.map((i) => i.trim()).filter((i) => i.length > 0);
  if (cleaned.length === 0) throw new UserError('Checklist: list the items in quotes, separated by commas.');
  if (cleaned.length > MAX_CHECKLIST) throw new UserError(`Checklist: at most ${MAX_CHECKLIST} items, got ${cleaned.length}.`);
  const long = cleaned.find((i) => i.length > MAX_ITEM_LENGTH);
  if (long) throw new UserError(`Checklist: keep each item under ${MAX_ITEM_LENGTH} characters (“${long.slice(0, 30)}…”).`);
  return cleaned;
}

/** ISO 9001:2015 clause numbers this product knows; anything else is named back. */
export function checkClauses(clauses: string[]): string[] {
  const unknown = clauses.filter((c) => !(c in CLAUSE_TITLES));
  if (unknown.length) {
    throw new UserError(
      `Clause: ${unknown.map((c) => `“${c}”`).join(', ')} is not a clause I know. Use one of ${Object.keys(CLAUSE_TITLES).sort(compareClauses).join(', ')}.`,
    );
  }
  return [...new Set(clauses)].sort(compareClauses);
}

export function checkWeight(text: string): number {
  const weight = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(weight >= 1 && weight <= 100)) throw new UserError(`Weight: a whole number from 1 to 100, got “${text}”.`);
  return weight;
}

/** done: the first answer (or every checklist item yes / n-a); excused: not applicable. */
export function outcomeOf(prompt: Pick<CustomPrompt, 'answers'>, answer: string): 'done' | 'not_done' | 'excused' {
  if (answer === NOT_APPLICABLE) return 'excused';
  return answer === prompt.answers[0] ? 'done' : 'not_done';
}
