// Storage port for custom prompt definitions and their answers. The questions sent are rows of
// the shared prompts table (kind 'custom', subject 'custom:<id>:<period key>').
import type { CustomPrompt, NewCustomPrompt, PromptStatus } from './definition';

export interface CustomAnswer {
  promptId: number;
  definitionId: number;
  personId: string;
  periodKey: string;
  answer: string;
  /** Checklist answers by item, 'yes' | 'no' | 'n/a'; empty for button answers. */
  items: string[];
  note: string | null;
  outcome: 'done' | 'not_done' | 'excused';
  /** Who recorded the current version: the leader, or a quality manager / admin for them. */
  answeredBy: string;
  /** When the current version was recorded. */
  answeredAt: number;
  /** Why the current version was recorded (a correction, or an answer recorded for the leader); null: none given. */
  reason: string | null;
}

/** One question asked (a prompts row of kind 'custom') and its current answer, if any. */
export interface CustomQuestion {
  promptId: number;
  definitionId: number;
  personId: string;
  periodKey: string;
  status: 'open' | 'answered' | 'missed';
  sentAt: number;
  answer: CustomAnswer | undefined;
}

/** A new version of an answer: a correction, or an answer recorded after the question closed. */
export type AnswerVersion = Omit<CustomAnswer, 'promptId' | 'definitionId' | 'periodKey' | 'personId'>;

export interface CustomPromptRepo {
  create(prompt: NewCustomPrompt): Promise<CustomPrompt>;
  get(orgId: string, id: number): Promise<CustomPrompt | undefined>;
  /** Every definition of an organisation (retired ones too when asked), by id. */
  list(orgId: string, options?: { includeRetired?: boolean }): Promise<CustomPrompt[]>;
  /** Active definitions of every organisation, for the scheduler. */
  listActive(): Promise<CustomPrompt[]>;
  setStatus(orgId: string, id: number, status: PromptStatus, actor: string): Promise<CustomPrompt | undefined>;
  /**
   * Answers the open question `promptId` and records the answer, in one transaction; undefined
   * when the question was no longer open (another tap answered it first, or its period ended).
   */
  answer(orgId: string, answer: Omit<CustomAnswer, 'definitionId' | 'periodKey' | 'personId' | 'reason'>): Promise<CustomAnswer | undefined>;
  /** The answer to one question (prompts row), if it was answered. */
  answerTo(orgId: string, promptId: number): Promise<CustomAnswer | undefined>;
  /** Answers of one definition, newest period first. */
  answers(orgId: string, definitionId: number, limit?: number): Promise<CustomAnswer[]>;
  /**
   * Records `version` as the answer to question `promptId`, whatever its state, in one transaction
   * with its audit entry: an answered question's answer is replaced (the earlier version stays in
   * the audit log); an open or missed one is closed as answered. undefined: no such question.
   */
  record(orgId: string, promptId: number, version: AnswerVersion): Promise<{ before: CustomAnswer | undefined; after: CustomAnswer } | undefined>;
  /** The questions of one definition, newest first: of one person and/or one period when given. */
  questions(orgId: string, definitionId: number, filter?: { personId?: string; periodKey?: string; limit?: number }): Promise<CustomQuestion[]>;
}
