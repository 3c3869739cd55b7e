// A custom question's life after it is due: the message (and the prompts row its buttons answer),
// one reminder a day later — or when a snooze ends — while its period lasts, and at the period's
// end an unanswered question is marked missed and its buttons retire.
import type { DeliveryComposer, DeliveryJob, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { Prompt } from '../floor-walks/repo';
import { updateSentMessages } from '../message-updates';
import type { Message } from '../model';
import { zoneOf } from '../people/zone';
import { addDays, zonedInstant } from '../time';
import { periodRange } from './cadence';
import type { CustomPrompt } from './definition';
import { customPromptMessage, periodOverMessage } from './message';
import { PROMPT_KIND } from './schedule';
import { customSubject, subjectParts } from './subject';

export const REMINDER_KIND = 'custom_prompt_reminder';
export const PERIOD_END_KIND = 'custom_prompt_period_end';
export const REMIND_AFTER_MS = 24 * 3_600_000;

/** The instant the period ends for the person (midnight after its last local day). */
export async function periodEndFor(deps: CoreDeps, orgId: string, personId: string, periodKey: string): Promise<number | undefined> {
  const person = await deps.store.people.get(orgId, personId);
  if (!person) return undefined;
  return zonedInstant(addDays(periodRange(periodKey).to, 1), '00:00', await zoneOf(deps, person));
}

/** Replaces the question and every reminder of it, so no copy keeps live buttons. */
export async function retireQuestion(deps: CoreDeps, prompt: Prompt, replacement: Message): Promise<void> {
  const reminders = await deps.store.deliveries.sentRefs(prompt.orgId, `${REMINDER_KIND}:${prompt.id}:`);
  await updateSentMessages(deps, prompt.orgId, [prompt.messageRef, ...reminders], replacement, { promptId: prompt.id });
}

async function definitionOf(deps: CoreDeps, orgId: string, id: number): Promise<CustomPrompt | undefined> {
  return deps.store.customPrompts.get(orgId, id);
}

export function customPromptComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: PROMPT_KIND,
    async compose(delivery) {
      const definition = await definitionOf(deps, delivery.orgId, Number(delivery.subject.definitionId));
      if (definition?.status !== 'active') return { skip: `prompt ${definition?.status ?? 'removed'}` };
      if (!delivery.personId) return { skip: 'no recipient' };
      return { to: { personId: delivery.personId }, message: customPromptMessage(definition, String(delivery.subject.periodKey), false) };
    },
    async afterSend(delivery, ref, sentAt) {
      const subject = customSubject(Number(delivery.subject.definitionId), String(delivery.subject.periodKey));
      await deps.store.prompts.open({ orgId: delivery.orgId, personId: delivery.personId!, kind: 'custom', subject, sentAt, messageRef: ref });
    },
  };
}

async function openQuestions(deps: CoreDeps): Promise<Prompt[]> {
  const all: Prompt[] = [];
  for (const org of await deps.store.orgs.list()) all.push(...(await deps.store.prompts.listOpen(org.id, 'custom')));
  return all;
}

export function reminderSource(deps: CoreDeps): TriggerSource {
  return {
    name: REMINDER_KIND,
    suppressible: true,
    async triggers(from, to) {
      const out: Trigger[] = [];
      for (const prompt of await openQuestions(deps)) {
        const parts = subjectParts(prompt);
        const dueAt = prompt.snoozedUntil ?? prompt.sentAt + REMIND_AFTER_MS;
        if (!parts || dueAt <= from || dueAt > to) continue;
        const end = await periodEndFor(deps, prompt.orgId, prompt.personId, parts.periodKey);
        if (end === undefined || dueAt >= end) continue;
        out.push({
          orgId: prompt.orgId,
          key: `${REMINDER_KIND}:${prompt.id}:${prompt.snoozeCount}`,
          kind: REMINDER_KIND,
          personId: prompt.personId,
          subject: { promptId: prompt.id, ...parts },
          dueAt,
        });
      }
      return out;
    },
  };
}

export function reminderComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: REMINDER_KIND,
    async compose(delivery) {
      const prompt = await deps.store.prompts.get(delivery.orgId, Number(delivery.subject.promptId));
      if (prompt?.status !== 'open') return { skip: 'already answered' };
      const definition = await definitionOf(deps, delivery.orgId, Number(delivery.subject.definitionId));
      if (definition?.status !== 'active') return { skip: `prompt ${definition?.status ?? 'removed'}` };
      return { to: { personId: prompt.personId }, message: customPromptMessage(definition, String(delivery.subject.periodKey), true) };
    },
  };
}

export function periodEndSource(deps: CoreDeps): TriggerSource {
  return {
    name: PERIOD_END_KIND,
    async triggers(from, to) {
      const out: Trigger[] = [];
      for (const prompt of await openQuestions(deps)) {
        const parts = subjectParts(prompt);
        if (!parts) continue;
        const dueAt = await periodEndFor(deps, prompt.orgId, prompt.personId, parts.periodKey);
        if (dueAt === undefined || dueAt <= from || dueAt > to) continue;
        out.push({
          orgId: prompt.orgId,
          key: `${PERIOD_END_KIND}:${prompt.id}`,
          kind: PERIOD_END_KIND,
          personId: prompt.personId,
          subject: { promptId: prompt.id, ...parts },
          dueAt,
        });
      }
      return out;
    },
  };
}

/** The period is over: an unanswered question is marked missed and its buttons retire. */
export function periodEndJob(deps: CoreDeps): DeliveryJob {
  return {
    kind: PERIOD_END_KIND,
    async run(delivery) {
      const missed = await deps.store.prompts.markMissed(delivery.orgId, Number(delivery.subject.promptId), null);
      if (!missed) return 'already answered';
      const definition = await definitionOf(deps, delivery.orgId, Number(delivery.subject.definitionId));
      if (definition) await retireQuestion(deps, missed, periodOverMessage(definition, String(delivery.subject.periodKey)));
      return 'period closed';
    },
  };
}
