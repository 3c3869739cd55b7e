// The weekly floor-walk prompt as a kind of the prompt lifecycle: asked once a week (walk-prompts.ts
// says when), reminded once (see walkReminderAt), and at the week's end marked missed unless a walk
// was logged meanwhile.
import type { Composed, Delivery, Recipient } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { Message } from '../model';
import { zoneOf } from '../people/zone';
import type { MessageRef } from '../ports';
import type { PromptKindDefinition, PromptPeriod, ReminderRule } from '../prompts/kind';
import { retirePrompt } from '../prompts/lifecycle-deliveries';
import { weekRange } from '../time';
import { walkPromptMessage, walkReminderKeyPrefix, weekOverMessage } from './prompt-message';
import type { Prompt } from './repo';
import { DAY_MS, WORK_MORNING, weekEndInstant, weekOfSubject, weekSubject } from './week';

/** The reminder's fallback when no owed day is left in the week after the prompt. */
export const LAST_DAY_REMINDER_AFTER_MS = 2 * 3_600_000;

/**
 * 24 h after the prompt on an owed day of the week, else 09:00 on the next owed day, else 2 h after
 * the prompt. The fallbacks matter: with the default Friday 14:00 prompt at a Monday–Friday site,
 * "24 h later" is Saturday, which the scheduler excuses, and the leader would never be reminded.
 */
export const WALK_REMINDER_RULE: ReminderRule = { afterMs: DAY_MS, owedDays: { morning: WORK_MORNING, lastResortMs: LAST_DAY_REMINDER_AFTER_MS } };

const weekOf = (weekKey: string) => ({ key: weekKey, ...weekRange(weekKey) });

function weekPeriod(subject: string): PromptPeriod | undefined {
  const weekKey = weekOfSubject(subject);
  return weekKey ? { key: weekKey, ...weekRange(weekKey) } : undefined;
}

/** The week's reminder to the person, or why none goes out. */
async function composeReminder(deps: CoreDeps, orgId: string, personId: string, weekKey: string): Promise<Composed> {
  const ask = await deps.store.walks.weekAsk(orgId, personId, weekOf(weekKey), weekSubject(weekKey));
  if (!ask) return { skip: 'person not found' };
  if (ask.walked) return { skip: 'walk already logged this week' };
  return askOrSkip(deps, { person: ask.person, site: ask.site }, weekKey, true);
}

/** The question (or its reminder) while the person's week lasts. */
async function askOrSkip(deps: CoreDeps, recipient: Recipient, weekKey: string, reminder: boolean): Promise<Composed> {
  const { person, site } = recipient;
  if (deps.clock.now() >= weekEndInstant(weekKey, await zoneOf(deps, person, site))) return { skip: 'week is over' };
  return { to: { personId: person.id }, message: walkPromptMessage(weekKey, reminder), recipient };
}

/**
 * Whether the week's prompt was opened by an earlier claim of this very delivery: one that sent the
 * question and opened the prompt (afterSend), then stopped before recording the send. Claims happen
 * at or after nextAttemptAt and the prompt's sentAt is its claim's time.
 */
function askedBy(delivery: Delivery, asked: Prompt): asked is Prompt & { messageRef: MessageRef } {
  return (delivery.interruptions ?? 0) > 0 && asked.sentAt >= delivery.nextAttemptAt && asked.messageRef !== null;
}

export function walkPromptKind(deps: CoreDeps): PromptKindDefinition {
  return {
    kind: 'floorwalk',
    ask: {
      deliveryKind: 'floorwalk_prompt',
      async compose(delivery) {
        const weekKey = String(delivery.subject.weekKey);
        // One read for the person, their site and calendar that week (the prompt's opening after the
        // send needs them for its reminder), the week's walk and the week's prompt.
        const ask = delivery.personId ? await deps.store.walks.weekAsk(delivery.orgId, delivery.personId, weekOf(weekKey), weekSubject(weekKey)) : undefined;
        if (!ask) return { skip: 'person not found' };
        if (ask.walked) return { skip: 'walk already logged this week' };
        const asked = ask.prompt;
        if (asked) return askedBy(delivery, asked) ? { alreadySent: asked.messageRef } : { skip: 'already asked this week' };
        return askOrSkip(deps, { person: ask.person, site: ask.site, calendar: ask.calendar }, weekKey, false);
      },
      subjectOf: async (delivery) => weekSubject(String(delivery.subject.weekKey)),
    },
    periodOf: weekPeriod,
    reminder: {
      deliveryKind: 'floorwalk_reminder',
      rule: WALK_REMINDER_RULE,
      keyPrefix: (prompt, week) => walkReminderKeyPrefix(prompt.personId, week.key),
      subject: (prompt, week) => ({ weekKey: week.key, promptId: prompt.id, snoozeCount: prompt.snoozeCount }),
      compose: (prompt, week) => composeReminder(deps, prompt.orgId, prompt.personId, week.key),
    },
    missed: {
      deliveryKind: 'floorwalk_week_end',
      key: (prompt, week) => `floorwalk_week_end:${prompt.personId}:${week.key}`,
      subject: (prompt, week) => ({ weekKey: week.key, promptId: prompt.id }),
      async settle(prompt, week) {
        if (!(await deps.store.walks.hasWalkInWeek(prompt.orgId, prompt.personId, week.key))) return undefined;
        // A walk recorded without answering the prompt (e.g. imported): the week is done, not missed.
        await deps.store.prompts.answer(prompt.orgId, prompt.id, 'logged', deps.clock.now());
        return 'walk logged this week';
      },
      message: async (_prompt, week) => weekOverMessage(week.key),
      notes: { closed: 'week closed', notOpen: 'prompt already answered' },
    },
  };
}

/**
 * Replaces every message about the prompt — the question and, for a weekly floor-walk prompt, each
 * reminder of it — so no copy keeps live buttons; a platform failure is only logged. The pressed
 * message (`replacedByReply`) is left to the button's reply.
 */
export async function retirePromptMessage(deps: CoreDeps, prompt: Prompt, replacement: Message, replacedByReply?: MessageRef): Promise<void> {
  await retirePrompt(deps, walkPromptKind(deps), prompt, replacement, undefined, replacedByReply);
}
