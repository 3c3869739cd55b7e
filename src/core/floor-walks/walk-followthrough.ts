// After the weekly prompt: one reminder if it is still unanswered 24 h later (or when a snooze
// ends), and at the end of the week an unanswered prompt is marked missed and its buttons retire.
import type { DeliveryComposer, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { zoneOf } from '../people/zone';
import { weekRange } from '../time';
import { retirePromptMessage, walkPromptMessage, weekOverMessage } from './prompt-message';
import type { Prompt } from './repo';
import { weekEndInstant, weekOfSubject } from './week';

export const REMINDER_AFTER_MS = 24 * 3_600_000;
/** No zone is more than 14 h from UTC: a week end outside this margin of the window cannot be in it. */
const ZONE_MARGIN_MS = 15 * 3_600_000;

async function openWalkPrompts(deps: CoreDeps): Promise<Prompt[]> {
  const all: Prompt[] = [];
  for (const org of await deps.store.orgs.list()) all.push(...(await deps.store.prompts.listOpen(org.id, 'floorwalk')));
  return all;
}

export function reminderDueAt(prompt: Prompt): number {
  return prompt.snoozedUntil ?? prompt.sentAt + REMINDER_AFTER_MS;
}

export function walkReminderSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'floorwalk_reminder',
    async triggers(from, to) {
      const out: Trigger[] = [];
      for (const prompt of await openWalkPrompts(deps)) {
        const weekKey = weekOfSubject(prompt.subject);
        const dueAt = reminderDueAt(prompt);
        if (!weekKey || dueAt <= from || dueAt > to) continue;
        out.push({
          orgId: prompt.orgId,
          key: `floorwalk_reminder:${prompt.personId}:${weekKey}:${prompt.snoozeCount}`,
          kind: 'floorwalk_reminder',
          personId: prompt.personId,
          subject: { weekKey, promptId: prompt.id, snoozeCount: prompt.snoozeCount },
          dueAt,
        });
      }
      return out;
    },
  };
}

export function walkReminderComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'floorwalk_reminder',
    async compose(delivery) {
      const weekKey = String(delivery.subject.weekKey);
      const prompt = await deps.store.prompts.get(delivery.orgId, Number(delivery.subject.promptId));
      if (!prompt || prompt.status !== 'open') return { skip: 'prompt already answered' };
      if (prompt.snoozeCount !== Number(delivery.subject.snoozeCount)) return { skip: 'snoozed again since' };
      if (await deps.store.walks.hasWalkInWeek(prompt.orgId, prompt.personId, weekKey)) return { skip: 'walk already logged this week' };
      const person = await deps.store.people.get(prompt.orgId, prompt.personId);
      if (!person) return { skip: 'person not found' };
      if (deps.clock.now() >= weekEndInstant(weekKey, await zoneOf(deps, person))) return { skip: 'week is over' };
      return { to: { personId: person.id }, message: walkPromptMessage(weekKey, true) };
    },
  };
}

export function weekEndSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'floorwalk_week_end',
    async triggers(from, to) {
      const out: Trigger[] = [];
      for (const prompt of await openWalkPrompts(deps)) {
        const weekKey = weekOfSubject(prompt.subject);
        if (!weekKey) continue;
        const utcEnd = Date.parse(`${weekRange(weekKey).to}T00:00:00Z`) + 86_400_000;
        if (utcEnd <= from - ZONE_MARGIN_MS || utcEnd > to + ZONE_MARGIN_MS) continue;
        const person = await deps.store.people.get(prompt.orgId, prompt.personId);
        if (!person) continue;
        const dueAt = weekEndInstant(weekKey, await zoneOf(deps, person));
        if (dueAt <= from || dueAt > to) continue;
        out.push({
          orgId: prompt.orgId,
          key: `floorwalk_week_end:${prompt.personId}:${weekKey}`,
          kind: 'floorwalk_week_end',
          personId: prompt.personId,
          subject: { weekKey, promptId: prompt.id },
          dueAt,
        });
      }
      return out;
    },
  };
}

/** Closes the week: marks the open prompt missed and retires its buttons. Sends nothing new. */
export function weekEndComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'floorwalk_week_end',
    async compose(delivery) {
      const weekKey = String(delivery.subject.weekKey);
      const prompt = await deps.store.prompts.get(delivery.orgId, Number(delivery.subject.promptId));
      if (!prompt || prompt.status !== 'open') return { skip: 'prompt already answered' };
      if (await deps.store.walks.hasWalkInWeek(prompt.orgId, prompt.personId, weekKey)) {
        // A walk recorded without answering the prompt (e.g. imported): the week is done, not missed.
        await deps.store.prompts.answer(prompt.orgId, prompt.id, 'logged', deps.clock.now());
        return { skip: 'walk logged this week' };
      }
      const missed = await deps.store.prompts.markMissed(prompt.orgId, prompt.id, null);
      if (missed) await retirePromptMessage(deps, missed, weekOverMessage(weekKey));
      return { skip: 'week closed' };
    },
  };
}
