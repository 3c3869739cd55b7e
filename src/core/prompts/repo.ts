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
  answeredBy: string;
  answeredAt: number;
}

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
  answer(orgId: string, answer: Omit<CustomAnswer, 'definitionId' | 'periodKey' | 'personId'>): Promise<CustomAnswer | undefined>;
  /** The answer to one question (prompts row), if it was answered. */
  answerTo(orgId: string, promptId: number): Promise<CustomAnswer | undefined>;
  /** Answers of one definition, newest period first. */
  answers(orgId: string, definitionId: number, limit?: number): Promise<CustomAnswer[]>;
}
