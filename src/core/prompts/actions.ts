// The buttons on a custom question (each answer, "Answer the checklist", Snooze) and the checklist
// form. A tap on an answered or finished question replies and changes nothing.
import type { ActionContext, ActionSpec, FormSpec } from '../commands/types';
import { UserError } from '../errors';
import { note, type Form } from '../model';
import { localParts, weekdayName } from '../time';
import { describePeriod } from './cadence';
import { checkNote, CHECKLIST_ANSWERS, definitionFor, MAX_NOTE, openQuestion, recordAnswer } from './answer';
import { answeredMessage, parseButtonValue, PROMPT_ACTIONS } from './message';
import type { CustomPrompt } from './definition';
import type { Prompt } from '../floor-walks/repo';
import { answersPageAction } from './read-back';
import { MAX_SNOOZES, snoozePrompt } from './lifecycle-deliveries';

export const CHECKLIST_FORM_ID = 'prompt.checklist';
export { MAX_SNOOZES };
const SNOOZE_MS = 4 * 3_600_000;

async function load(ctx: ActionContext): Promise<{ definition: CustomPrompt; prompt: Prompt; periodKey: string; answer?: number }> {
  const parsed = parseButtonValue(ctx.value);
  if (!parsed) throw new UserError('That button is out of date. See /clause5 prompt list.');
  const definition = await definitionFor(ctx.deps, ctx.actor, parsed.definitionId);
  const prompt = await openQuestion(ctx.deps, ctx.actor, definition, parsed.periodKey);
  return { definition, prompt, periodKey: parsed.periodKey, answer: parsed.answer };
}

const answerAction: ActionSpec = {
  id: PROMPT_ACTIONS.answer,
  async run(ctx) {
    const { definition, prompt, periodKey, answer } = await load(ctx);
    const chosen = answer === undefined ? undefined : definition.answers[answer];
    if (chosen === undefined) throw new UserError('That button is out of date. See /clause5 prompt list.');
    const saved = await recordAnswer(ctx.deps, ctx.actor, definition, prompt, { answer: chosen, note: null }, ctx.pressed);
    return { replaceOriginal: answeredMessage(definition, periodKey, chosen, saved.outcome) };
  },
};

function checklistForm(definition: CustomPrompt, periodKey: string): Form {
  const options = CHECKLIST_ANSWERS.map((value) => ({ value, label: value === 'n/a' ? 'Not applicable' : value === 'yes' ? 'Yes' : 'No' }));
  return {
    id: CHECKLIST_FORM_ID,
    title: 'Leadership check',
    submitLabel: 'Save',
    intro: [definition.question, ` — ${describePeriod(periodKey)}`],
    fields: [
      ...definition.checklist.map((item, i) => ({ id: `item${i}`, label: item, kind: 'select' as const, options })),
      { id: 'note', label: 'Note', kind: 'textarea' as const, optional: true, maxLength: MAX_NOTE },
    ],
    state: JSON.stringify({ definitionId: definition.id, periodKey }),
  };
}

const checklistAction: ActionSpec = {
  id: PROMPT_ACTIONS.checklist,
  async run(ctx) {
    const { definition, periodKey } = await load(ctx);
    if (!definition.checklist.length) throw new UserError('That button is out of date. See /clause5 prompt list.');
    return { openForm: checklistForm(definition, periodKey) };
  },
};

const snoozeAction: ActionSpec = {
  id: PROMPT_ACTIONS.snooze,
  async run(ctx) {
    const { definition, prompt } = await load(ctx);
    const until = ctx.deps.clock.now() + SNOOZE_MS;
    const snoozed = await snoozePrompt(ctx.deps, prompt, until, ctx.actor.person.id);
    if ('refused' in snoozed && snoozed.refused === 'limit')
      return { message: note(`You've snoozed this ${MAX_SNOOZES} times already. Answer it now, please.`) };
    if ('refused' in snoozed) throw new UserError('That question was answered already — nothing changed.');
    const at = localParts(until, ctx.actor.zone);
    return { replaceOriginal: note(`${definition.question} — snoozed; I'll ask again ${weekdayName(at.weekday)} ${at.date} at ${at.time}.`) };
  },
};

const checklistSubmit: FormSpec = {
  id: CHECKLIST_FORM_ID,
  async submit(ctx) {
    const state = JSON.parse(ctx.state) as { definitionId: number; periodKey: string };
    const definition = await definitionFor(ctx.deps, ctx.actor, Number(state.definitionId));
    const errors: Record<string, string> = {};
    const items = definition.checklist.map((_, i) => {
      const value = ctx.values[`item${i}`];
      if (typeof value !== 'string' || !(CHECKLIST_ANSWERS as readonly string[]).includes(value)) errors[`item${i}`] = 'Choose yes, no or not applicable.';
      return String(value);
    });
    const noteText = typeof ctx.values.note === 'string' ? ctx.values.note : undefined;
    if ((noteText?.trim().length ?? 0) > MAX_NOTE) errors.note = `Keep the note under ${MAX_NOTE} characters.`;
    if (Object.keys(errors).length) return { formErrors: errors };
    const prompt = await openQuestion(ctx.deps, ctx.actor, definition, String(state.periodKey));
    const summary = `${items.filter((i) => i === 'yes').length} of ${items.length} yes`;
    await recordAnswer(ctx.deps, ctx.actor, definition, prompt, { answer: summary, items, note: checkNote(noteText) });
    return { message: note(`Saved: ${definition.question} — ${summary}. Thank you!`) };
  },
};

export const promptActions: ActionSpec[] = [answerAction, checklistAction, snoozeAction, answersPageAction];
export const promptForms: FormSpec[] = [checklistSubmit];
