// Answering a custom question, by button, checklist form or typed command: one transaction closes
// the question and records the answer; every message about it is then updated.
import type { Actor } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import type { Prompt } from '../floor-walks/repo';
import { describePeriod } from './cadence';
import { NOT_APPLICABLE, outcomeOf, type CustomPrompt } from './definition';
import { periodEndFor, retireQuestion } from './lifecycle';
import { customSubject } from './subject';
import { answeredMessage } from './message';
import type { CustomAnswer } from './repo';
import type { MessageRef } from '../ports';

export const MAX_NOTE = 1000;
export const CHECKLIST_ANSWERS = ['yes', 'no', 'n/a'] as const;

/** The definition, if it belongs to the actor's organisation. */
export async function definitionFor(deps: CoreDeps, actor: Actor, id: number): Promise<CustomPrompt> {
  const definition = await deps.store.customPrompts.get(actor.org.id, id);
  if (!definition) throw new UserError(`There is no prompt ${id}. See /clause5 prompt list.`);
  return definition;
}

/** The actor's open question for (definition, period), or a message saying why there is none. */
export async function openQuestion(deps: CoreDeps, actor: Actor, definition: CustomPrompt, periodKey: string): Promise<Prompt> {
  const prompt = await deps.store.prompts.find(actor.org.id, actor.person.id, 'custom', customSubject(definition.id, periodKey));
  const period = describePeriod(periodKey);
  if (!prompt) throw new UserError(`I have not asked you “${definition.question}” for ${period}.`);
  if (prompt.status === 'missed') throw new UserError(`${capital(period)} is over and was marked as missed — nothing changed.`);
  if (prompt.status !== 'open') throw new UserError(`You already answered for ${period} (${prompt.answer}) — nothing changed.`);
  const end = await periodEndFor(deps, actor.org.id, actor.person.id, periodKey);
  if (end !== undefined && deps.clock.now() >= end) throw new UserError(`${capital(period)} is over — nothing changed.`);
  return prompt;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function checkNote(note: string | undefined): string | null {
  const text = note?.trim() ?? '';
  if (text.length > MAX_NOTE) throw new UserError(`Note: keep it under ${MAX_NOTE} characters (it has ${text.length}).`);
  return text.length ? text : null;
}

/** Records the answer; a question someone else answered first says so and changes nothing. */
export async function recordAnswer(
  deps: CoreDeps,
  actor: Actor,
  definition: CustomPrompt,
  prompt: Prompt,
  answer: { answer: string; items?: string[]; note: string | null },
  replacedByReply?: MessageRef,
): Promise<CustomAnswer> {
  const items = answer.items ?? [];
  const outcome = items.length ? checklistOutcome(items) : outcomeOf(definition, answer.answer);
  const saved = await deps.store.customPrompts.answer(actor.org.id, {
    promptId: prompt.id,
    answer: answer.answer,
    items,
    note: answer.note,
    outcome,
    answeredBy: actor.person.id,
    answeredAt: deps.clock.now(),
  });
  if (!saved) throw new UserError('That question was answered already — nothing changed.');
  const periodKey = saved.periodKey;
  await retireQuestion(deps, prompt, answeredMessage(definition, periodKey, answer.answer, outcome), replacedByReply);
  return saved;
}

/** A checklist is done when no item is "no"; excused when every item is "n/a". */
export function checklistOutcome(items: string[]): CustomAnswer['outcome'] {
  if (items.every((i) => i === 'n/a')) return 'excused';
  return items.includes('no') ? 'not_done' : 'done';
}

/** The answer someone typed, matched against the prompt's answers (or "n/a" for not applicable). */
export function matchAnswer(definition: CustomPrompt, typed: string): string {
  const t = typed.trim().toLowerCase();
  const wanted = t === 'n/a' || t === 'na' ? NOT_APPLICABLE : t;
  const found = definition.answers.find((a) => a === wanted);
  if (!found) throw new UserError(`“${typed}” is not an answer to prompt ${definition.id}. Answers: ${definition.answers.join(', ')}.`);
  return found;
}
