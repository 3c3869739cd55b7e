// The weekly "did you walk the floor?" message, and what it turns into once answered.
import { message, note, type Message } from '../model';
import { weekRange, type LocalDate } from '../time';
import type { Prompt } from './repo';
import { weekNumber } from './week';

export const WALK_ACTIONS = {
  log: 'floorwalk.log',
  snooze: 'floorwalk.snooze',
  away: 'floorwalk.away',
  none: 'floorwalk.none',
} as const;

export function walkPromptMessage(weekKey: string, reminder: boolean): Message {
  const { from, to } = weekRange(weekKey);
  const question = 'Did you walk the floor this week?';
  return message(
    reminder ? `Reminder: ${question}` : question,
    [
      { type: 'text', text: reminder ? [{ bold: 'Reminder: ' }, question] : [question] },
      { type: 'context', text: [`Week ${weekNumber(weekKey)} (${from} – ${to}). Log where you went, what you saw and who follows up.`] },
      {
        type: 'buttons',
        buttons: [
          { label: 'Log it', action: WALK_ACTIONS.log, value: weekKey, style: 'primary' },
          { label: 'Snooze', action: WALK_ACTIONS.snooze, value: weekKey },
          { label: 'Away this week', action: WALK_ACTIONS.away, value: weekKey },
          { label: 'Not this week', action: WALK_ACTIONS.none, value: weekKey },
        ],
      },
    ],
    'Floor walk',
  );
}

export function walkLoggedMessage(weekKey: string, area: string, date: LocalDate): Message {
  return note(`Week ${weekNumber(weekKey)}: floor walk logged — `, area, ` on ${date}. Thank you!`);
}

export function weekOverMessage(weekKey: string): Message {
  return note(`Week ${weekNumber(weekKey)} is over — marked as missed. You can still log a walk any time with /clause5 floorwalk`);
}

const ANSWER_TEXT: Record<string, string> = {
  logged: 'a walk was logged',
  away: 'you were away',
  no_walk: 'no walk this week',
};

/** Why a second answer changes nothing, in words. */
export function alreadyAnsweredText(prompt: Prompt, weekKey: string): string {
  if (prompt.status === 'missed') {
    return `Week ${weekNumber(weekKey)} is over and was marked as missed — nothing changed. You can still log a walk with /clause5 floorwalk.`;
  }
  const answer = ANSWER_TEXT[prompt.answer ?? ''] ?? prompt.answer ?? 'answered';
  const hint = prompt.answer === 'logged' ? '' : ' You can still log a walk any time with /clause5 floorwalk.';
  return `You already answered for week ${weekNumber(weekKey)} (${answer}) — nothing changed.${hint}`;
}

/** What the keys of every reminder of one leader's weekly prompt start with (see walkReminderSource). */
export function walkReminderKeyPrefix(personId: string, weekKey: string): string {
  return `floorwalk_reminder:${personId}:${weekKey}:`;
}
