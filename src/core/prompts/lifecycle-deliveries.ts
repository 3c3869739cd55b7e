// The lifecycle's deliveries for any prompt kind: the question (its send opens the prompts row,
// with the instants the lifecycle looks at it next), the reminder, and the period-end job that marks
// an unanswered prompt missed. Plus what answering and snoozing share: retiring every message about
// a prompt, and the snooze limit. `promptLifecycle` gives a module all of it for one definition.
import type { DeliveryComposer, DeliveryJob, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { Prompt } from './prompt-repo';
import { updateSentMessages } from '../message-updates';
import type { Message } from '../model';
import type { MessageRef } from '../ports';
import type { PromptKindDefinition, PromptPeriod } from './kind';
import { lifecyclePeriodEndSource, lifecycleReminderSource, plannedInstants } from './lifecycle-sources';

export const MAX_SNOOZES = 3;

/** The question: composed by the kind; once sent, its prompts row opens with the mark (a resend keeps the first). */
export function askComposer(deps: CoreDeps, definition: PromptKindDefinition): DeliveryComposer {
  return {
    kind: definition.ask.deliveryKind,
    compose: (delivery) => definition.ask.compose(delivery),
    async opens(delivery, ref, sentAt, sent) {
      if (!delivery.personId) return undefined;
      const known = sent && 'recipient' in sent ? sent.recipient : undefined;
      const subject = await definition.ask.subjectOf(delivery, known);
      if (subject === undefined) return undefined;
      const asked = { orgId: delivery.orgId, personId: delivery.personId, kind: definition.kind, subject, sentAt, messageRef: ref };
      const planned = await plannedInstants(
        deps,
        definition,
        { ...asked, id: 0, snoozedUntil: null, snoozeCount: 0, status: 'open', answer: null, answeredAt: null },
        known,
      );
      return { ...asked, ...planned };
    },
  };
}

/** The open prompt and its period a reminder or period-end delivery is about; a reason when there is none. */
async function openPromptOf(
  deps: CoreDeps,
  definition: PromptKindDefinition,
  orgId: string,
  promptId: number,
): Promise<{ prompt: Prompt; period: PromptPeriod } | { reason: string }> {
  const prompt = await deps.store.prompts.get(orgId, promptId);
  if (prompt?.status !== 'open') return { reason: 'prompt already answered' };
  const period = definition.periodOf?.(prompt.subject);
  if (!period) return { reason: 'prompt has no period' };
  return { prompt, period };
}

export function reminderComposer(deps: CoreDeps, definition: PromptKindDefinition): DeliveryComposer {
  const reminder = definition.reminder!;
  return {
    kind: reminder.deliveryKind,
    async compose(delivery) {
      const found = await openPromptOf(deps, definition, delivery.orgId, Number(delivery.subject.promptId));
      if ('reason' in found) return { skip: found.reason };
      const { prompt, period } = found;
      if (delivery.key !== `${reminder.keyPrefix(prompt, period)}${prompt.snoozeCount}`) return { skip: 'snoozed again since' };
      return reminder.compose(prompt, period);
    },
  };
}

/** The period is over: an open prompt is settled another way or marked missed, and its buttons retire. */
export function periodEndJob(deps: CoreDeps, definition: PromptKindDefinition): DeliveryJob {
  const missed = definition.missed!;
  return {
    kind: missed.deliveryKind,
    async run(delivery) {
      const found = await openPromptOf(deps, definition, delivery.orgId, Number(delivery.subject.promptId));
      if ('reason' in found) return missed.notes.notOpen;
      const settled = await missed.settle?.(found.prompt, found.period);
      if (settled) return settled;
      const marked = await deps.store.prompts.markMissed(delivery.orgId, found.prompt.id, null);
      if (!marked) return missed.notes.notOpen;
      const replacement = await missed.message(marked, found.period);
      if (replacement) await retirePrompt(deps, definition, marked, replacement, found.period);
      return missed.notes.closed;
    },
  };
}

/**
 * Replaces the question and every reminder of it, so no copy keeps live buttons; `replacedByReply`
 * is the pressed message, which the action's reply replaces itself.
 */
export async function retirePrompt(
  deps: CoreDeps,
  definition: PromptKindDefinition,
  prompt: Prompt,
  replacement: Message,
  period = definition.periodOf?.(prompt.subject),
  replacedByReply?: MessageRef,
): Promise<void> {
  const prefix = period && definition.reminder?.keyPrefix(prompt, period);
  const reminders = prefix ? await deps.store.deliveries.sentRefs(prompt.orgId, prefix) : [];
  await updateSentMessages(deps, prompt.orgId, [prompt.messageRef, ...reminders], replacement, { promptId: prompt.id }, replacedByReply);
}

export type SnoozeResult = { snoozed: Prompt } | { refused: 'limit' | 'not open' };

/** Snoozes an open prompt until `until` (its reminder moves there), up to MAX_SNOOZES times. */
export async function snoozePrompt(deps: CoreDeps, prompt: Prompt, until: number, actor: string): Promise<SnoozeResult> {
  if (prompt.snoozeCount >= MAX_SNOOZES) return { refused: 'limit' };
  const snoozed = await deps.store.prompts.snooze(prompt.orgId, prompt.id, until, actor);
  return snoozed ? { snoozed } : { refused: 'not open' };
}

/** Everything a module registers for one prompt kind. */
export interface PromptLifecycleParts {
  composers: DeliveryComposer[];
  jobs: DeliveryJob[];
  sources: TriggerSource[];
}

export function promptLifecycle(deps: CoreDeps, definition: PromptKindDefinition): PromptLifecycleParts {
  return {
    composers: [askComposer(deps, definition), ...(definition.reminder ? [reminderComposer(deps, definition)] : [])],
    jobs: definition.missed ? [periodEndJob(deps, definition)] : [],
    sources: [
      ...(definition.reminder ? [lifecycleReminderSource(deps, definition)] : []),
      ...(definition.missed ? [lifecyclePeriodEndSource(deps, definition)] : []),
    ],
  };
}
