// A custom question as a kind of the prompt lifecycle: the message (and the prompts row its buttons
// answer), one reminder a day later — or when a snooze ends — while its period lasts, and at the
// period's end an unanswered question is marked missed and its buttons retire.
import type { DeliveryComposer, DeliveryJob, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { Prompt } from './prompt-repo';
import type { Message } from '../model';
import type { MessageRef } from '../ports';
import { zoneOf } from '../people/zone';
import { periodRange } from './cadence';
import type { CustomPrompt } from './definition';
import type { PromptKindDefinition, PromptPeriod } from './kind';
import { askComposer, periodEndJob as lifecycleJob, reminderComposer as lifecycleReminder, retirePrompt } from './lifecycle-deliveries';
import { lifecyclePeriodEndSource, lifecycleReminderSource } from './lifecycle-sources';
import { customPromptMessage, periodOverMessage } from './message';
import { periodEndInstant } from './period-clock';
import { PROMPT_KIND } from './schedule';
import { customSubject, subjectParts } from './subject';

export const REMINDER_KIND = 'custom_prompt_reminder';
export const PERIOD_END_KIND = 'custom_prompt_period_end';
export const REMIND_AFTER_MS = 24 * 3_600_000;

/** The instant the period ends for the person (midnight after its last local day). */
export async function periodEndFor(deps: CoreDeps, orgId: string, personId: string, periodKey: string): Promise<number | undefined> {
  const person = await deps.store.people.get(orgId, personId);
  if (!person) return undefined;
  return periodEndInstant(periodRange(periodKey), await zoneOf(deps, person));
}

function customPeriod(subject: string): PromptPeriod | undefined {
  const parts = subjectParts({ subject });
  return parts && { key: parts.periodKey, ...periodRange(parts.periodKey) };
}

async function definitionOf(deps: CoreDeps, prompt: Prompt): Promise<CustomPrompt | undefined> {
  const parts = subjectParts(prompt);
  return parts && deps.store.customPrompts.get(prompt.orgId, parts.definitionId);
}

/** What a reminder or period-end delivery of a question carries (kept as queued rows have it). */
function questionSubject(prompt: Prompt, period: PromptPeriod) {
  return { promptId: prompt.id, definitionId: subjectParts(prompt)!.definitionId, periodKey: period.key };
}

export function customPromptKind(deps: CoreDeps): PromptKindDefinition {
  return {
    kind: 'custom',
    ask: {
      deliveryKind: PROMPT_KIND,
      async compose(delivery) {
        const definition = await deps.store.customPrompts.get(delivery.orgId, Number(delivery.subject.definitionId));
        if (definition?.status !== 'active') return { skip: `prompt ${definition?.status ?? 'removed'}` };
        if (!delivery.personId) return { skip: 'no recipient' };
        const person = await deps.store.people.get(delivery.orgId, delivery.personId);
        if (!person) return { skip: 'person not found' };
        // Read here for the prompt's opening after the send (its period's end is in the person's zone).
        return { to: { personId: person.id }, message: customPromptMessage(definition, String(delivery.subject.periodKey), false), recipient: { person } };
      },
      subjectOf: async (delivery) => customSubject(Number(delivery.subject.definitionId), String(delivery.subject.periodKey)),
    },
    periodOf: customPeriod,
    reminder: {
      deliveryKind: REMINDER_KIND,
      rule: { afterMs: REMIND_AFTER_MS },
      keyPrefix: (prompt) => `${REMINDER_KIND}:${prompt.id}:`,
      subject: questionSubject,
      async compose(prompt, period) {
        const definition = await definitionOf(deps, prompt);
        if (definition?.status !== 'active') return { skip: `prompt ${definition?.status ?? 'removed'}` };
        return { to: { personId: prompt.personId }, message: customPromptMessage(definition, period.key, true) };
      },
    },
    missed: {
      deliveryKind: PERIOD_END_KIND,
      key: (prompt) => `${PERIOD_END_KIND}:${prompt.id}`,
      subject: questionSubject,
      async message(prompt, period) {
        const definition = await definitionOf(deps, prompt);
        return definition && periodOverMessage(definition, period.key);
      },
      notes: { closed: 'period closed', notOpen: 'already answered' },
    },
  };
}

/** Replaces the question and every reminder of it but the pressed one (`replacedByReply`), so no copy keeps live buttons. */
export async function retireQuestion(deps: CoreDeps, prompt: Prompt, replacement: Message, replacedByReply?: MessageRef): Promise<void> {
  await retirePrompt(deps, customPromptKind(deps), prompt, replacement, undefined, replacedByReply);
}

export const customPromptComposer = (deps: CoreDeps): DeliveryComposer => askComposer(deps, customPromptKind(deps));
export const reminderComposer = (deps: CoreDeps): DeliveryComposer => lifecycleReminder(deps, customPromptKind(deps));
export const reminderSource = (deps: CoreDeps): TriggerSource => lifecycleReminderSource(deps, customPromptKind(deps));
export const periodEndSource = (deps: CoreDeps): TriggerSource => lifecyclePeriodEndSource(deps, customPromptKind(deps));
export const periodEndJob = (deps: CoreDeps): DeliveryJob => lifecycleJob(deps, customPromptKind(deps));
