// Custom prompt rows → the core's definitions and answers, and the values they store, for both
// engines: the lists (cadence, audience, answer buttons, checklist, clauses, checklist answers)
// are kept as JSON text.
import type { Cadence } from '../../core/prompts/cadence';
import type { Audience, CustomPrompt, NewCustomPrompt, PromptStatus } from '../../core/prompts/definition';
import type { AnswerVersion, CustomAnswer } from '../../core/prompts/repo';

export interface CustomPromptRow {
  id: number;
  orgId: string;
  question: string;
  cadence: string;
  audience: string;
  answers: string;
  checklist: string;
  clauses: string;
  weight: number | null;
  status: PromptStatus;
  createdBy: string;
  createdAt: number;
}

export interface CustomAnswerRow extends Omit<CustomAnswer, 'items'> {
  orgId: string;
  items: string;
}

export function toPrompt(row: CustomPromptRow): CustomPrompt {
  return {
    ...row,
    cadence: JSON.parse(row.cadence) as Cadence,
    audience: JSON.parse(row.audience) as Audience,
    answers: JSON.parse(row.answers) as string[],
    checklist: JSON.parse(row.checklist) as string[],
    clauses: JSON.parse(row.clauses) as string[],
  };
}

export function toAnswer(row: CustomAnswerRow): CustomAnswer {
  return { ...row, items: JSON.parse(row.items) as string[] };
}

export function newPromptValues(p: NewCustomPrompt, createdAt: number) {
  return {
    orgId: p.orgId,
    question: p.question,
    cadence: JSON.stringify(p.cadence),
    audience: JSON.stringify(p.audience),
    answers: JSON.stringify(p.answers),
    checklist: JSON.stringify(p.checklist),
    clauses: JSON.stringify(p.clauses),
    weight: p.weight,
    createdBy: p.createdBy,
    createdAt,
  };
}

/** The stored columns of an answer's version (a first answer has no reason: null). */
export function answerValues(v: Omit<AnswerVersion, 'reason'> & { reason?: string | null }) {
  return {
    answer: v.answer,
    items: JSON.stringify(v.items),
    note: v.note,
    outcome: v.outcome,
    answeredBy: v.answeredBy,
    answeredAt: v.answeredAt,
    reason: v.reason ?? null,
  };
}

/** The LIKE pattern of every question subject of one definition ('custom:<id>:<period key>'). */
export function subjectsOf(definitionId: number): string {
  return `custom:${definitionId}:%`;
}
